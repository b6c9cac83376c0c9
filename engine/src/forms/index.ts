/**
 * Form validation: ajv (JSON Schema 2020-12) with the formats and keywords county forms use —
 * `cn-id-number` (GB 11643 checksum and birth date), `cn-mobile`, `x-notFuture` / `x-notPast`
 * (against a `now` passed in) — and coded zh-CN / en messages with JSON Pointer paths. Pure.
 */
export { validateFormData, type ValidateFormOptions } from './validateFormData.ts';
export { formSchemaOf, type FormSchemaOptions, type FormSchemaResult } from './formSchemaOf.ts';
export { hiddenFields, type Evaluate } from './hiddenFields.ts';
export { normalizeFormData } from './normalizeFormData.ts';
export { createFormAjv, annotationKeywords } from './createFormAjv.ts';
export { isCnIdNumber, idNumberCheckChar, idNumberBirthDate, idNumberProblem, idNumberSex } from './cnIdNumber.ts';
export { isCnMobile } from './cnMobile.ts';
export { dataRefs, refKindOf, ORG_PATH_PATTERN, GRID_CODE_PATTERN } from './dataRefs.ts';
export { compareWithNow, type FormContext } from './dateBounds.ts';
export type { FormError, Locale } from './errorMessages.ts';
export { labelOf, labelAt } from './fieldLabel.ts';
