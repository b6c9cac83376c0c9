/**
 * The world of the chaos test: a service item whose cases wait on a timer, then notify their
 * initiator and post a webhook to a stand-in receiver; the store prepared in process (county,
 * item, webhook settings); the stand-in that counts deliveries by idempotency key; and the numbers
 * checked afterwards.
 */
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import pino from 'pino';
import { loadConfig } from '../config/loadConfig.ts';
import { createRuntime } from '../createRuntime.ts';
import { seedCounty } from '../seed/seedCounty.ts';
import { tinyCounty, tinyIncident } from '../testing/testRuntime.ts';

/** Waits on a 4 s timer; its firing escalates: an in-app notice and a webhook post (retried, one idempotency key). */
export const chaosItem = {
  ...tinyIncident, id: 'chaos-item',
  adapters: { invokes: ['webhook.post'] },
  templates: { ...tinyIncident.templates, escalated: { 'zh-CN': '案件{{caseId}}已超时升级', en: 'Case {{caseId}} escalated' } },
  initial: 'waiting',
  states: {
    waiting: { wait: { for: 'external', timeout: { within: 'PT4S', clock: 'natural', event: 'expired' } }, on: { expired: { target: 'escalated' } } },
    escalated: {
      entry: [{ notify: { template: 'escalated', to: { to: 'initiator' } } },
        { invoke: { operation: 'webhook.post', input: { target: 'standin', event: 'case.escalated' }, onSuccess: 'posted', onFailure: 'post-failed', retry: { max: 6, backoff: 'PT1S' } } }],
      on: { posted: { target: 'done' }, 'post-failed': { target: 'failed' } },
    },
    done: { type: 'final', outcome: 'done' },
    failed: { type: 'final', outcome: 'failed' },
  },
};

export const WEBHOOK = '@tongban/adapter-webhook';

/** Seeds the county, publishes the item and configures the webhook to post to `standinUrl`. */
export async function prepareStore(env: Record<string, string>, standinUrl: string): Promise<void> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent', TONGBAN_JOBS: 'off' });
  const rt = await createRuntime(config, { logger: pino({ level: 'silent' }), adapters: [WEBHOOK], jobs: 'off' });
  try {
    await seedCounty(rt.db.knex, tinyCounty);
    await rt.definitions.publishBody(chaosItem, 'u-admin');
    const r = await rt.adapters.configure('webhook', { config: { targets: [{ name: 'standin', url: standinUrl }], timeoutMs: 5000 }, secrets: { signingSecret: 'chaos-signing-secret-0123456789' } }, 'u-admin');
    if (!r.ok) throw new Error(`webhook settings: ${JSON.stringify(r.problems)}`);
  } finally {
    await rt.close();
  }
}

/** The stand-in receiver: counts posts per idempotency key; the first try of every 20th key answers 503 (a retry must reuse the key). */
export interface StandIn { server: Server; posts: Map<string, number>; refused: number; close(): Promise<void> }

export function startStandIn(port: number): Promise<StandIn> {
  const s: StandIn = { server: undefined as never, posts: new Map(), refused: 0, close: () => new Promise((r) => s.server.close(() => r())) };
  s.server = createServer((req, res) => {
    const key = String(req.headers['idempotency-key'] ?? '');
    req.resume();
    req.on('end', () => {
      const seen = s.posts.get(key) ?? 0;
      if (seen === 0 && createHash('sha1').update(key).digest()[0]! % 20 === 0 && !s.posts.has(`refused:${key}`)) {
        s.posts.set(`refused:${key}`, 1);
        s.refused++;
        res.writeHead(503).end();
        return;
      }
      s.posts.set(key, seen + 1);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  return new Promise((resolve) => s.server.listen(port, '127.0.0.1', () => resolve(s)));
}

/** What the store says after the run, per case and in total. */
export interface ChaosCheck {
  cases: number; final: number; done: number;
  timerFiredEvents: number; casesWithOneFiring: number;
  openTimers: number; outboxOpen: number; outboxDead: number; outboxRows: number;
  notices: number; casesWithOneNotice: number; brokenSequences: number;
}

const n = (v: unknown) => Number(v ?? 0);

/** Counts what must hold for every case created by the run. */
export async function checkStore(knex: Knex, ids: string[]): Promise<ChaosCheck> {
  const rows = (await knex('cases').whereIn('id', ids).select('id', 'status', 'state')) as Array<{ id: string; status: string; state: string }>;
  const fired = (await knex('case_events').whereIn('case_id', ids).where('type', 'timer.fired').select('case_id').count({ n: '*' }).groupBy('case_id')) as Array<{ case_id: string; n: number }>;
  const notices = (await knex('notifications').whereIn('case_id', ids).select('case_id').count({ n: '*' }).groupBy('case_id')) as Array<{ case_id: string; n: number }>;
  const seqs = (await knex('case_events').whereIn('case_id', ids).select('case_id').count({ n: '*' }).max({ top: 'seq' }).min({ low: 'seq' }).groupBy('case_id')) as Array<{ n: number; top: number; low: number }>;
  const one = async (q: Knex.QueryBuilder) => n(((await q.count({ n: '*' }).first()) as { n: number } | undefined)?.n);
  return {
    cases: rows.length,
    final: rows.filter((r) => r.status !== 'active').length,
    done: rows.filter((r) => r.state === 'done').length,
    timerFiredEvents: fired.reduce((a, r) => a + n(r.n), 0),
    casesWithOneFiring: fired.filter((r) => n(r.n) === 1).length,
    openTimers: await one(knex('timers').whereIn('case_id', ids).whereIn('status', ['armed', 'firing'])),
    outboxOpen: await one(knex('outbox').whereIn('case_id', ids).whereIn('status', ['pending', 'running', 'parked'])),
    outboxDead: await one(knex('outbox').whereIn('case_id', ids).where('status', 'dead')),
    outboxRows: await one(knex('outbox').whereIn('case_id', ids).where('kind', 'adapter.invoke')),
    notices: notices.reduce((a, r) => a + n(r.n), 0),
    casesWithOneNotice: notices.filter((r) => n(r.n) === 1).length,
    brokenSequences: seqs.filter((r) => n(r.top) - n(r.low) + 1 !== n(r.n)).length,
  };
}
