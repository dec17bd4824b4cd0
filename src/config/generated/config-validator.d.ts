import type { ErrorObject } from 'ajv/dist/2020.js';

/** The plangen.config.yaml schema compiled by ajv (standalone); see scripts/compile-schema.mjs. */
export interface ConfigValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
export declare const validate: ConfigValidator;
export default validate;
