import type { ErrorObject } from 'ajv/dist/2020.js';

/** The plan schema compiled by ajv (standalone); see scripts/compile-schema.mjs. */
export interface PlanValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
export declare const validate: PlanValidator;
export default validate;
