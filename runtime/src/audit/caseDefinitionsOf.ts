/** The definition each of `caseIds` runs on (its pinned version), for an audit page's summaries; a version that no longer compiles is left out. */
import type { Knex } from 'knex';
import type { Definition } from '@tongban/engine';
import type { KnexDefinitionStore } from '../definitions/KnexDefinitionStore.ts';

export async function caseDefinitionsOf(knex: Knex, definitions: KnexDefinitionStore, caseIds: string[]): Promise<Map<string, Definition>> {
  const out = new Map<string, Definition>();
  if (!caseIds.length) return out;
  const rows = (await knex('cases').whereIn('id', caseIds).select('id', 'definition_id', 'definition_version')) as Array<{ id: string; definition_id: string; definition_version: number }>;
  const byVersion = new Map<string, Promise<Definition | undefined>>();
  for (const r of rows) {
    const key = `${r.definition_id}@${r.definition_version}`;
    if (!byVersion.has(key)) byVersion.set(key, definitions.compiledFor(r.definition_id, Number(r.definition_version)).then((c) => c.definition, () => undefined));
    const def = await byVersion.get(key)!;
    if (def) out.set(r.id, def);
  }
  return out;
}
