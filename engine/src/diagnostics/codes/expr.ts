import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for the expr area. */
export const exprCodes: CodeCatalog = {};
