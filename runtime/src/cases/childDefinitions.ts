/**
 * The items a definition starts as sub-cases or spawns, looked up before a step so the engine can
 * check a child's intake against what the parent sends (`RunOptions.childDefinition`): a parent
 * whose child could never be opened is refused before it moves (`run.spawn-intake-invalid`), not
 * left waiting on a child that the effect runner cannot create. The child is the newest published
 * version — the one `executeSpawn` starts. A child not (yet) published is not checked here; lint
 * names it (`lint.unknown-subcase` / spawn of an unknown definition).
 */
import type { CompiledDefinition, Definition } from '@tongban/engine';
import type { Knex } from 'knex';
import type { KnexDefinitionStore } from '../definitions/KnexDefinitionStore.ts';
import { DomainError } from '../errors/DomainError.ts';

const idsByDefinition = new WeakMap<Definition, string[]>();

/** Ids named by `subcase.definition` and `spawn.definition` anywhere in the definition. */
export function childIdsOf(def: Definition): string[] {
  const hit = idsByDefinition.get(def);
  if (hit) return hit;
  const ids = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'subcase' || k === 'spawn') && x && typeof x === 'object' && typeof (x as { definition?: unknown }).definition === 'string') ids.add((x as { definition: string }).definition);
      walk(x);
    }
  };
  walk(def.states);
  const out = [...ids];
  idsByDefinition.set(def, out);
  return out;
}

/**
 * The lookup the engine calls for a child's compiled definition (compiled forms are cached by the
 * store). Inside a command transaction pass it as `db`: SQLite has one connection, held by it.
 */
export async function childLookup(definitions: KnexDefinitionStore, def: Definition, db?: Knex): Promise<((id: string) => CompiledDefinition | undefined) | undefined> {
  const ids = childIdsOf(def);
  if (!ids.length) return undefined;
  const found = new Map<string, CompiledDefinition>();
  for (const id of ids) {
    try {
      found.set(id, await definitions.compiledFor(id, await definitions.latestPublished(id, Date.now(), db), db));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err; // not published (yet): not checked here
    }
  }
  return (id) => found.get(id);
}
