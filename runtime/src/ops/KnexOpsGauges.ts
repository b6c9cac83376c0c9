/**
 * What `/metrics` reads from the database at scrape time: numbers every process of a deployment
 * must agree on (outbox backlog, dead letters, armed and overdue timers, SLA breaches), so they come
 * from the shared store rather than from one process's counters.
 */
import type { Knex } from 'knex';

/** One labelled number. */
export interface GaugeRow { labels: Record<string, string>; value: number }

/** The scrape-time numbers. */
export interface OpsGauges {
  outboxBacklog(): Promise<GaugeRow[]>;
  deadLetters(): Promise<GaugeRow[]>;
  timers(now: number): Promise<GaugeRow[]>;
  slaBreaches(): Promise<GaugeRow[]>;
}

type CountRow = Record<string, string | number | null>;
const num = (v: unknown) => Number(v ?? 0);

/** Creates the gauge queries over one store. */
export function createOpsGauges(knex: Knex): OpsGauges {
  return {
    async outboxBacklog() {
      const rows = (await knex('outbox').whereIn('status', ['pending', 'running', 'parked']).select('kind', 'status').count({ n: '*' }).groupBy('kind', 'status')) as CountRow[];
      return rows.map((r) => ({ labels: { kind: String(r.kind), status: String(r.status) }, value: num(r.n) }));
    },
    async deadLetters() {
      const outbox = (await knex('outbox').where({ status: 'dead' }).count({ n: '*' }).first()) as CountRow | undefined;
      const timers = (await knex('timers').where({ status: 'failed' }).count({ n: '*' }).first()) as CountRow | undefined;
      return [{ labels: { source: 'outbox' }, value: num(outbox?.n) }, { labels: { source: 'timer' }, value: num(timers?.n) }];
    },
    async timers(now) {
      const armed = (await knex('timers').where({ status: 'armed' }).count({ n: '*' }).first()) as CountRow | undefined;
      const overdue = (await knex('timers').where({ status: 'armed' }).where('due_at', '<=', now).count({ n: '*' }).first()) as CountRow | undefined;
      const oldest = (await knex('timers').where({ status: 'armed' }).min({ at: 'due_at' }).first()) as CountRow | undefined;
      const lag = oldest?.at == null ? 0 : Math.max(0, now - num(oldest.at)) / 1000;
      return [{ labels: { state: 'armed' }, value: num(armed?.n) }, { labels: { state: 'overdue' }, value: num(overdue?.n) }, { labels: { state: 'oldest_overdue_seconds' }, value: lag }];
    },
    async slaBreaches() {
      // a breach is an SLA deadline (`sla.due`) that fired; by the case's township and service item (bounded label sets)
      const rows = (await knex('timers as t').join('cases as c', 'c.id', 't.case_id').where('t.purpose', 'sla.due').where('t.status', 'fired')
        .select('c.org_l2 as org', 'c.definition_id as item').count({ n: '*' }).groupBy('c.org_l2', 'c.definition_id')) as CountRow[];
      return rows.map((r) => ({ labels: { org_unit: String(r.org ?? ''), service_item: String(r.item) }, value: num(r.n) }));
    },
  };
}
