/** A bilingual message: zh-CN is the default, en the second language. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

export const Severity = { error: 'error', warning: 'warning', info: 'info' } as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/**
 * One finding about a definition, an expression, an event or a template.
 * `code` is stable (documented in the catalogue); `path` is a JSON Pointer into the input.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  path: string;
  message: LocalizedText;
  details?: Record<string, unknown>;
}

/** A message template per code; `{name}` placeholders are filled from `details`. */
export interface CodeEntry {
  severity: Severity;
  'zh-CN': string;
  en: string;
}

export type CodeCatalog = Record<string, CodeEntry>;

/** The error every public engine function throws (never an untyped one). */
export class EngineError extends Error {
  readonly code: string;
  readonly diagnostics: Diagnostic[];
  constructor(code: string, message: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'EngineError';
    this.code = code;
    this.diagnostics = diagnostics;
  }
}

/** JSON Pointer escaping (RFC 6901). */
export function pointer(...parts: Array<string | number>): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
