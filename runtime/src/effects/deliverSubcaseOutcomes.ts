/**
 * Delivers finished sub-cases to their parents as `subcase.completed` with the child's outcome
 * (its final state's `outcome`, else the state id), through the command path. The link is marked in
 * the same transaction, so an outcome is delivered once; a parent that closed or moved on refuses the
 * event and the link is marked `ignored` with the reason.
 */
import { sourceUser } from '../jobs/systemUsers.ts';
import type { Services } from '../services.ts';
import { isRefusal, reason } from './effectErrors.ts';

interface Due { parent_case_id: string; child_key: string; child_case_id: string; definition_id: string; definition_version: number; snapshot: string; parent_status: string }

function leaf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') { const [k, v] = Object.entries(value)[0] ?? []; return k ? [k, ...leaf(v)] : []; }
  return [];
}

/** Delivers up to `limit` finished children; returns how many links it settled. */
export async function deliverSubcaseOutcomes(s: Pick<Services, 'db' | 'commands' | 'definitions' | 'logger'>, limit = 50): Promise<number> {
  const knex = s.db.knex;
  const due = (await knex('case_links as l').join('cases as c', 'c.id', 'l.child_case_id').join('cases as p', 'p.id', 'l.parent_case_id')
    .where('l.status', 'open').whereNot('c.status', 'active').limit(limit)
    .select('l.parent_case_id', 'l.child_key', 'l.child_case_id', 'c.definition_id', 'c.definition_version', 'c.snapshot', 'p.status as parent_status')) as Due[];
  for (const d of due) {
    const where = { parent_case_id: d.parent_case_id, child_key: d.child_key, status: 'open' };
    const path = leaf((JSON.parse(d.snapshot) as { value: unknown }).value);
    const { model } = await s.definitions.compiledFor(d.definition_id, Number(d.definition_version));
    const spec = model.states.get(path.join('.')) ?? model.states.get(path.at(-1) ?? '');
    const outcome = spec?.spec.outcome ?? path.at(-1) ?? 'done';
    const ignore = async (why: string) => { await knex('case_links').where(where).update({ status: 'ignored', outcome, note: reason('subcase.ignored', why).message, delivered_at: Date.now() }); };
    if (d.parent_status !== 'active') { await ignore('parent closed'); continue; }
    try {
      await s.commands.act(sourceUser('system'), d.parent_case_id, { type: 'subcase.completed', childId: d.child_key, outcome } as never, undefined, {
        within: async (trx) => { await trx('case_links').where(where).update({ status: 'delivered', outcome, delivered_at: Date.now() }); },
      });
    } catch (err) {
      if (isRefusal(err)) await ignore(String((err.details as { diagnostics?: Array<{ code: string }> }).diagnostics?.[0]?.code ?? err.code));
      else s.logger.warn({ parent: d.parent_case_id, child: d.child_case_id, err: (err as Error).message }, 'sub-case outcome not delivered yet');
    }
  }
  return due.length;
}
