import type { CodeCatalog } from '../Diagnostic.ts';

/** Codes for the calendar area. */
export const calendarCodes: CodeCatalog = {};
