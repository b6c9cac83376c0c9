import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for the template area. */
export const templateCodes: CodeCatalog = {};
