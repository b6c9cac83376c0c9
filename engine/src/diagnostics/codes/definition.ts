import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for the definition area. */
export const definitionCodes: CodeCatalog = {};
