import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for the run area. */
export const runCodes: CodeCatalog = {};
