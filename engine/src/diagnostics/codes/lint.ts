import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for the lint area. */
export const lintCodes: CodeCatalog = {};
