import type { CodeCatalog, Diagnostic, LocalizedText } from './Diagnostic.ts';
import { EngineError } from './Diagnostic.ts';
import { calendarCodes } from './codes/calendar.ts';
import { exprCodes } from './codes/expr.ts';
import { templateCodes } from './codes/template.ts';
import { definitionCodes } from './codes/definition.ts';
import { lintCodes } from './codes/lint.ts';
import { runCodes } from './codes/run.ts';
import { formsCodes } from './codes/forms.ts';
import { simulateCodes } from './codes/simulate.ts';
import { migrateCodes } from './codes/migrate.ts';

/** Every diagnostic code the engine can emit, with zh-CN and en message templates. */
export const catalog: CodeCatalog = {
  ...definitionCodes,
  ...lintCodes,
  ...exprCodes,
  ...templateCodes,
  ...calendarCodes,
  ...runCodes,
  ...simulateCodes,
  ...migrateCodes,
  // forms.* messages name a field label per language: built by engine/src/forms, not by diag()
  ...formsCodes,
};

/** A detail that is itself bilingual ({ 'zh-CN', en }) fills each message in its own language. */
function fill(template: string, details: Record<string, unknown> | undefined, lang: keyof LocalizedText): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!details || !(k in details)) return m;
    const v = details[k];
    return v && typeof v === 'object' && lang in v ? String((v as LocalizedText)[lang]) : String(v);
  });
}

/** Builds a diagnostic from the catalogue; an unknown code is our bug and throws. */
export function diag(code: string, path: string, details?: Record<string, unknown>): Diagnostic {
  const entry = catalog[code];
  if (!entry) throw new EngineError('internal.unknown-code', `unknown diagnostic code ${code}`);
  const message: LocalizedText = { 'zh-CN': fill(entry['zh-CN'], details, 'zh-CN'), en: fill(entry.en, details, 'en') };
  return details ? { code, severity: entry.severity, path, message, details } : { code, severity: entry.severity, path, message };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
