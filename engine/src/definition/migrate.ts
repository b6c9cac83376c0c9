/**
 * Pure `schemaVersion` migrations. Each step takes a document at version N and returns N+1.
 * Version 0 (the pre-release draft format) listed `roles` as an array of ids; 1 keys them with titles.
 */
import { diag } from '../diagnostics/catalog.ts';
import type { Diagnostic } from '../diagnostics/Diagnostic.ts';

export const currentSchemaVersion = 1;

type Doc = Record<string, unknown>;

const steps: Record<number, (doc: Doc) => Doc> = {
  0: (doc) => ({
    ...doc,
    schemaVersion: 1,
    roles: Array.isArray(doc.roles) ? Object.fromEntries((doc.roles as string[]).map((r) => [r, { title: { 'zh-CN': r, en: r } }])) : doc.roles,
  }),
};

/** Migrates a document to the current schemaVersion, or reports an unknown version. */
export function migrate(doc: Doc): { doc?: Doc; diagnostics: Diagnostic[] } {
  const found = doc.schemaVersion;
  if (typeof found !== 'number' || !Number.isInteger(found) || found < 0 || found > currentSchemaVersion) {
    return { diagnostics: [diag('definition.unknown-schema-version', '/schemaVersion', { found: JSON.stringify(found), supported: `0–${currentSchemaVersion}` })] };
  }
  let cur = doc;
  for (let v = found; v < currentSchemaVersion; v++) cur = steps[v]!(cur);
  return { doc: cur, diagnostics: found < currentSchemaVersion ? [diag('definition.migrated', '/schemaVersion', { from: found, to: currentSchemaVersion })] : [] };
}
