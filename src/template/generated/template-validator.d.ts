import type { ErrorObject } from 'ajv';

/** The template.yaml schema compiled by ajv (standalone); see scripts/compile-schema.mjs. */
export interface TemplateValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
export declare const validate: TemplateValidator;
export default validate;
