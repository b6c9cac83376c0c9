/**
 * `loadDefinition`: text (JSON or YAML) or an object → a validated, migrated definition.
 * Order: size limit → parse (with positions) → depth/node limits → schemaVersion migration →
 * shared libraries (`uses`) → JSON Schema → unique state ids → expressions, patterns and templates.
 * Never throws for bad input.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseDocument } from 'yaml';
import schema from '@tongban/definitions/schema/definition.schema.json' with { type: 'json' };
import { diag, hasErrors } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';
import { buildModel } from '../compile/model.ts';
import { compileAllLogic } from '../compile/logic.ts';
import { unsafePatterns, unsafeTemplates } from './attackSurface.ts';
import { definitionLimits, measure } from './limits.ts';
import { migrate } from './migrate.ts';
import { resolveUses } from './library.ts';
import { schemaDiagnostics } from './schemaErrors.ts';
import type { Definition } from './types.ts';

export type LoadResult = { ok: true; definition: Definition; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

// Compiled on first use, not at import: every screen of the workbench imports the engine, and
// compiling the definition schema took 100–200 ms of a cold page load that never loads a definition.
let compiled: ReturnType<Ajv2020['compile']> | undefined;
const schemaValidator = () => (compiled ??= new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema));

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where V8's JSON error points. Node 20 gives a position only for some errors; others quote a
 * snippet (`Unexpected token '}', ..."version": }" is not valid JSON`) that we find in the text.
 */
function jsonErrorOffset(text: string, msg: string): number {
  const m = /position (\d+)/.exec(msg);
  if (m) return Number(m[1]);
  if (/end of JSON input/.test(msg)) return text.length;
  const s = /Unexpected token '(.)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(msg);
  if (s) {
    const at = text.indexOf(s[2]!);
    if (at >= 0) return at + s[2]!.lastIndexOf(s[1]!);
  }
  return 0;
}

function parseJson(text: string): { value?: unknown; diagnostics: Diagnostic[] } {
  try {
    return { value: JSON.parse(text), diagnostics: [] };
  } catch (err) {
    const msg = (err as Error).message;
    const pos = jsonErrorOffset(text, msg);
    const { line, column } = lineCol(text, pos);
    return { diagnostics: [diag('definition.parse-json', '', { line, column, reason: msg })] };
  }
}

function parseYaml(text: string): { value?: unknown; diagnostics: Diagnostic[] } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const { line, column } = lineCol(text, err.pos[0]);
    return { diagnostics: [diag('definition.parse-yaml', '', { line, column, reason: err.code })] };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: definitionLimits.maxYamlAliases }), diagnostics: [] };
  } catch (e) {
    return { diagnostics: [diag('definition.parse-yaml', '', { line: 1, column: 1, reason: (e as Error).message })] };
  }
}

/** Parses text as JSON when it looks like JSON, else as YAML. */
export function parseText(text: string, format?: 'json' | 'yaml'): { value?: unknown; diagnostics: Diagnostic[] } {
  const size = new TextEncoder().encode(text).length;
  if (size > definitionLimits.maxBytes) return { diagnostics: [diag('definition.too-large', '', { size, limit: definitionLimits.maxBytes })] };
  const fmt = format ?? (/^\s*[[{]/.test(text) ? 'json' : 'yaml');
  return fmt === 'json' ? parseJson(text) : parseYaml(text);
}

/** Validates a parsed document against the schema and the rules the schema cannot express. */
export function checkDocument(value: unknown): LoadResult {
  const m = measure(value);
  if (m.exceeded) return { ok: false, diagnostics: [diag(m.exceeded === 'depth' ? 'definition.too-deep' : 'definition.too-many-nodes', '', { limit: m.exceeded === 'depth' ? definitionLimits.maxDepth : definitionLimits.maxNodes })] };
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, diagnostics: [diag('definition.not-object', '')] };
  const migrated = migrate(value as Record<string, unknown>);
  if (!migrated.doc) return { ok: false, diagnostics: migrated.diagnostics };
  const used = resolveUses(migrated.doc);
  if (used.diagnostics.length) return { ok: false, diagnostics: used.diagnostics };
  const validate = schemaValidator();
  if (!validate(used.doc)) return { ok: false, diagnostics: schemaDiagnostics(validate.errors) };
  const definition = used.doc as unknown as Definition;
  const model = buildModel(definition);
  const diagnostics = [...migrated.diagnostics, ...model.duplicates.map((d) => diag('definition.duplicate-state', d.path, { id: d.id }))];
  diagnostics.push(...compileAllLogic(definition).diagnostics, ...unsafePatterns(definition), ...unsafeTemplates(definition));
  return hasErrors(diagnostics) ? { ok: false, diagnostics } : { ok: true, definition, diagnostics };
}

/** Loads a definition from JSON/YAML text or an already-parsed object. */
export function loadDefinition(input: string | object, opts: { format?: 'json' | 'yaml' } = {}): LoadResult {
  try {
    if (typeof input !== 'string') return checkDocument(input);
    const parsed = parseText(input, opts.format);
    if (parsed.value === undefined) return { ok: false, diagnostics: parsed.diagnostics };
    return checkDocument(parsed.value);
  } catch (err) {
    return { ok: false, diagnostics: [diag('run.engine-error', '', { reason: (err as Error).message })] };
  }
}
