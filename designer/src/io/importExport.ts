/**
 * Import and export of a definition as JSON or YAML. Import goes through the engine's loader (size,
 * depth and node limits, schema, coded diagnostics) before anything reaches the editor, so a
 * malformed, oversized or hostile file only ever produces diagnostics.
 */
import { definitionLimits, loadDefinition, type Definition, type Diagnostic } from '@tongban/engine';
import { stringify } from 'yaml';

export type ImportResult = { ok: true; definition: Definition; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

const tooLarge = (bytes: number): Diagnostic => ({
  code: 'definition.too-large', severity: 'error', path: '',
  message: { 'zh-CN': `文件过大（${(bytes / 1048576).toFixed(1)} MB），上限 ${definitionLimits.maxBytes / 1048576} MB`, en: `File too large (${(bytes / 1048576).toFixed(1)} MB); the limit is ${definitionLimits.maxBytes / 1048576} MB` },
});

/** Parses and checks an imported file's text (format by file name, else sniffed by the loader). */
export function importText(text: string, fileName = ''): ImportResult {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > definitionLimits.maxBytes) return { ok: false, diagnostics: [tooLarge(bytes)] };
  const format = /\.ya?ml$/i.test(fileName) ? 'yaml' : /\.json$/i.test(fileName) ? 'json' : undefined;
  const res = loadDefinition(text, format ? { format } : {});
  return res.ok ? { ok: true, definition: res.definition, diagnostics: res.diagnostics } : { ok: false, diagnostics: res.diagnostics };
}

/** Reads a File (checking its size before reading a byte of it). */
export async function importFile(file: File): Promise<ImportResult> {
  if (file.size > definitionLimits.maxBytes) return { ok: false, diagnostics: [tooLarge(file.size)] };
  return importText(await file.text(), file.name);
}

/** The definition as text in the chosen format. */
export function exportText(def: Definition, format: 'json' | 'yaml'): string {
  return format === 'json' ? JSON.stringify(def, null, 2) + '\n' : stringify(def, { lineWidth: 0 });
}

/** Offers the text as a download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
