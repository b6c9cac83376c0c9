/**
 * The bench's server process (forked by the load generator, like a real deployment runs the API
 * in its own process): a seeded runtime on a fresh store, logs silent. Messages from the parent:
 * `{ captureStart: true }` → `{ capturing }` then `{ captureStop: { caseId } }` → `{ captured }` (the
 * statements of the flow run between them, kept as the floor's replay plan); `{ floor: { flows,
 * concurrency } }` → `{ floor: { replay, store, minimal } }` (commands/s: plain knex, the command pool, the minimal floor); `{ close: true }` → closes and exits.
 */
import { openMysql } from '../src/store/createDb.ts';
import { createTestRuntime } from '../src/testing/testRuntime.ts';
import type { Dialect } from '../src/store/createDb.ts';
import { minimalFloorRate, planReplay, replayFloorRate, type ReplayPlan } from './floor.ts';
import { startCapture, type StatementCapture } from './statementCapture.ts';

const dialect = process.argv[2] as Dialect;
const poolMax = Number(process.argv[3] ?? 16);
// no nested-acquire guard (an AsyncLocalStorage per transaction): measured as production runs
const t = await createTestRuntime(dialect, { poolMax, guard: false });
const send = (m: unknown) => process.send!(m);
// commands run on their own pool on MySQL (multi-statement batches): capture there
const commandKnex = t.db.commandKnex ?? t.db.knex;
// the floor replays them with plain knex (knex's own BEGIN, as the "directly with knex"
// says); `store` replays them on the command pool itself, whose BEGIN rides on the first statement
const plainKnex = t.db.databaseUrl ? openMysql(t.db.databaseUrl, poolMax, true, false) : commandKnex;
let capture: StatementCapture | undefined;
let plan: ReplayPlan | undefined;
type Message = { captureStart?: boolean; captureStop?: { caseId: string }; floor?: { flows: number; concurrency: number }; close?: boolean };

async function handle(m: Message): Promise<unknown> {
  if (m.captureStart) { capture = await startCapture(commandKnex); return { capturing: true }; }
  if (m.captureStop) {
    const got = capture!.stop();
    const row = (await t.db.knex('cases').where({ id: m.captureStop.caseId }).first('ref')) as { ref: string } | undefined;
    if (!row) throw new Error(`captured flow's case ${m.captureStop.caseId} not found`);
    plan = planReplay(m.captureStop.caseId, row.ref, got.transactions);
    return { captured: { transactions: plan.transactions.length, statements: plan.statements, outside: got.outside } };
  }
  if (m.floor) {
    if (!plan) throw new Error('no captured flow to replay: send captureStart/captureStop around one flow first');
    const replay = await replayFloorRate(plainKnex, plan, m.floor.flows, m.floor.concurrency);
    const store = plainKnex === commandKnex ? replay : await replayFloorRate(commandKnex, plan, m.floor.flows, m.floor.concurrency);
    return { floor: { replay, store, minimal: await minimalFloorRate(t.db.knex, m.floor.flows, m.floor.concurrency) } };
  }
  if (m.close) await Promise.all([t.close(), plainKnex === commandKnex ? undefined : plainKnex.destroy()]).finally(() => process.exit(0));
  return {};
}
process.on('message', (m: Message) => { handle(m).then(send, (err: Error) => send({ error: err.message })); });
send({ url: t.url });
