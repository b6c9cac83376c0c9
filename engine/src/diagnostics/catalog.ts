import type { CodeCatalog, Diagnostic, LocalizedText } from './Diagnostic.ts';
import { EngineError } from './Diagnostic.ts';
import { calendarCodes } from './codes/calendar.ts';
import { exprCodes } from './codes/expr.ts';
import { templateCodes } from './codes/template.ts';
import { definitionCodes } from './codes/definition.ts';
import { lintCodes } from './codes/lint.ts';
import { runCodes } from './codes/run.ts';
import { formsCodes } from './codes/forms.ts';

/** Every diagnostic code the engine can emit, with zh-CN and en message templates. */
export const catalog: CodeCatalog = {
  ...definitionCodes,
  ...lintCodes,
  ...exprCodes,
  ...templateCodes,
  ...calendarCodes,
  ...runCodes,
  // forms.* messages name a field label per language: built by engine/src/forms, not by diag()
  ...formsCodes,
};

function fill(template: string, details: Record<string, unknown> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (details && k in details ? String(details[k]) : m));
}

/** Builds a diagnostic from the catalogue; an unknown code is our bug and throws. */
export function diag(code: string, path: string, details?: Record<string, unknown>): Diagnostic {
  const entry = catalog[code];
  if (!entry) throw new EngineError('internal.unknown-code', `unknown diagnostic code ${code}`);
  const message: LocalizedText = { 'zh-CN': fill(entry['zh-CN'], details), en: fill(entry.en, details) };
  return details ? { code, severity: entry.severity, path, message, details } : { code, severity: entry.severity, path, message };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
