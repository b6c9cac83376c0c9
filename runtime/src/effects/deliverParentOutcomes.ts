/**
 * The other direction of a sub-case link: when a parent case ends, each child still running is
 * told once, as the system, with the event `parent.<outcome>` (a cancelled volunteer project sends
 * `parent.cancelled` to every enrolment it opened). A child whose definition does not handle the
 * event refuses it and the link keeps the reason; nothing else changes. Marked on the link in the
 * child's command transaction, so a retry never sends it twice.
 */
import { sourceUser } from '../jobs/systemUsers.ts';
import type { Services } from '../services.ts';
import { isRefusal } from './effectErrors.ts';

interface Due { parent_case_id: string; child_key: string; child_case_id: string; parent_definition: string; parent_version: number; parent_snapshot: string }

function leaf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') { const [k, v] = Object.entries(value)[0] ?? []; return k ? [k, ...leaf(v)] : []; }
  return [];
}

/** Tells up to `limit` running children that their parent ended; returns how many links it settled. */
export async function deliverParentOutcomes(s: Pick<Services, 'db' | 'commands' | 'definitions' | 'logger'>, limit = 50): Promise<number> {
  const knex = s.db.knex;
  const due = (await knex('case_links as l').join('cases as p', 'p.id', 'l.parent_case_id').join('cases as c', 'c.id', 'l.child_case_id')
    .whereNull('l.parent_told_at').whereNot('p.status', 'active').where('c.status', 'active').limit(limit)
    .select('l.parent_case_id', 'l.child_key', 'l.child_case_id', 'p.definition_id as parent_definition', 'p.definition_version as parent_version', 'p.snapshot as parent_snapshot')) as Due[];
  for (const d of due) {
    const where = { parent_case_id: d.parent_case_id, child_key: d.child_key };
    const path = leaf((JSON.parse(d.parent_snapshot) as { value: unknown }).value);
    const { model } = await s.definitions.compiledFor(d.parent_definition, Number(d.parent_version));
    const outcome = (model.states.get(path.join('.')) ?? model.states.get(path.at(-1) ?? ''))?.spec.outcome ?? path.at(-1) ?? 'done';
    const told = (note: string | null) => ({ parent_told_at: Date.now(), parent_note: note });
    try {
      await s.commands.act(sourceUser('system'), d.child_case_id, { type: `parent.${outcome}` } as never, undefined, {
        within: async (trx) => { await trx('case_links').where(where).update(told(null)); },
      });
    } catch (err) {
      if (isRefusal(err)) await knex('case_links').where(where).update(told(String(err.code).slice(0, 400)));
      else s.logger.warn({ parent: d.parent_case_id, child: d.child_case_id, err: (err as Error).message }, 'parent outcome not told yet');
    }
  }
  return due.length;
}
