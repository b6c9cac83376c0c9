/**
 * `case.spawn`: starts the child case on the newest published version of its item, at the parent's
 * org unit, with the mapped input, as the user whose act spawned it (recorded on the link). The link
 * row is written in the child's creation transaction and keyed by (parent, sub-case id), so a retried
 * row never spawns a second child.
 */
import type { Effect } from '@tongban/engine';
import { sourceUser } from '../jobs/systemUsers.ts';
import type { Services } from '../services.ts';
import { OutboxOrigin, settle, type OutboxRow } from './claimOutbox.ts';
import { isRefusal, isUniqueViolation, reason } from './effectErrors.ts';
import { openSealed } from './openSealed.ts';

type Spawn = Extract<Effect, { kind: 'case.spawn' }>;

async function spawner(s: Pick<Services, 'db' | 'identity'>, row: OutboxRow) {
  // the idempotency key is `<case>:<event id>:<n>`: the event whose step emitted the spawn
  const eventId = row.idempotency_key.split(':')[1] ?? '';
  const ev = (await s.db.knex('case_events').where({ case_id: row.case_id }).andWhere('payload', 'like', `%"id":"${eventId.replace(/[%_"\\]/g, '')}"%`).first('actor_id')) as { actor_id: string | null } | undefined;
  const user = ev?.actor_id ? await s.identity.getUser(ev.actor_id) : undefined;
  return user && !user.disabled ? user : undefined;
}

/** Runs one claimed `case.spawn` row. */
export async function executeSpawn(s: Pick<Services, 'db' | 'identity' | 'commands' | 'definitions' | 'codec' | 'logger'>, row: OutboxRow): Promise<void> {
  const knex = s.db.knex;
  const e = JSON.parse(row.payload) as Spawn;
  const existing = await knex('case_links').where({ parent_case_id: row.case_id, child_key: e.childId }).first('child_case_id');
  if (existing) { await settle(knex, row, { status: 'done' }); return; }
  const parent = (await knex('cases').where({ id: row.case_id }).first('org_path')) as { org_path: string } | undefined;
  const fail = async (extra: string) => {
    const r = reason('spawn.failed', extra);
    s.logger.warn({ outbox: row.id, definition: e.definition, code: r.code }, 'sub-case not spawned');
    await settle(knex, row, { status: 'dead', last_error: r.message });
  };
  if (!parent) return fail('parent case missing');
  let version: number;
  try { version = await s.definitions.latestPublished(e.definition); } catch { return fail(`${e.definition} is not published`); }
  const compiled = await s.definitions.compiledFor(e.definition, version);
  const props = (compiled.definition.data.properties ?? {}) as Record<string, unknown>;
  const data = openSealed(s.codec, e.input) as Record<string, unknown>;
  const unknown = Object.keys(data).filter((k) => !Object.hasOwn(props, k));
  if (unknown.length) return fail(`input fields not in ${e.definition}: ${unknown.join(', ')}`);
  const by = await spawner(s, row);
  try {
    await s.commands.create(by ?? sourceUser('system', parent.org_path), { definitionId: e.definition, version, orgPath: parent.org_path, data }, {
      // a sub-case of seeded history is history too: its outbound calls are settled, not sent
      ...(row.origin === OutboxOrigin.seed ? { origin: OutboxOrigin.seed } : {}),
      within: async (trx, childId) => {
        await trx('case_links').insert({ parent_case_id: row.case_id, child_key: e.childId, child_case_id: childId, definition_id: e.definition, status: 'open', spawned_by: by?.id ?? 'system', created_at: Date.now() });
        await settle(trx, row, { status: 'done' });
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) { await settle(knex, row, { status: 'done' }); return; }
    if (isRefusal(err)) return fail(err.code);
    throw err;
  }
}
