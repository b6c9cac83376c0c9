/**
 * Performs an adapter call from the outbox: at least once, with one idempotency key for every
 * attempt; retryable failures come back later with backoff, permanent ones and the last attempt
 * become a dead letter an admin can list and retry. The answer goes back to the case through the
 * command path (`adapter.succeeded` / `adapter.failed`), and the row is settled in that same
 * transaction, so a result is delivered once. Calls for notices (`notify.send`) have no case to answer.
 */
import type { Effect } from '@tongban/engine';
import type { PluginHost } from '@tongban/plugin-host';
import { sourceUser } from '../jobs/systemUsers.ts';
import type { Services } from '../services.ts';
import { settle, type OutboxRow } from './claimOutbox.ts';
import { isRefusal, reason } from './effectErrors.ts';
import { openSealed } from './openSealed.ts';

type Invoke = Extract<Effect, { kind: 'adapter.invoke' }>;
/** A channel delivery of a notice through an adapter operation (SMS, WeChat). */
export interface NotifySend { operation: string; input: Record<string, unknown>; idempotencyKey: string; retry?: { max: number; backoff: string } }

type Outcome = { ok: true; output: unknown } | { ok: false; error: { code: string; message: string } };

/** Delivers the outcome to the case and settles the row in one transaction; a case that moved on just settles it. */
async function deliver(s: Pick<Services, 'commands' | 'db'>, row: OutboxRow, requestId: string, outcome: Outcome, status: 'done' | 'dead', lastError: string | null): Promise<void> {
  const event = outcome.ok ? { type: 'adapter.succeeded', requestId, output: outcome.output } : { type: 'adapter.failed', requestId, error: outcome.error };
  const patch = { status, last_error: lastError, result: JSON.stringify({ ...outcome, delivered: true }) };
  try {
    await s.commands.act(sourceUser('system'), row.case_id, event as never, undefined, { within: async (trx) => { await settle(trx, row, patch); } });
  } catch (err) {
    if (!isRefusal(err)) throw err;
    // run.unknown-request: delivered before, or the case no longer waits for it
    await settle(s.db.knex, row, { ...patch, result: JSON.stringify({ ...outcome, delivered: false, refused: err.code }) });
  }
}

/** Runs one claimed `adapter.invoke` or `notify.send` row. */
export async function executeAdapterCall(s: Pick<Services, 'commands' | 'db' | 'codec' | 'logger'> & Partial<Pick<Services, 'metrics' | 'consents'>>, host: PluginHost, row: OutboxRow, now: number): Promise<void> {
  const knex = s.db.knex;
  const invoke = row.kind === 'adapter.invoke';
  const p = JSON.parse(row.payload) as Invoke | NotifySend;
  const requestId = invoke ? (p as Invoke).requestId : '';
  const operation = p.operation;
  const finish = async (outcome: Outcome, status: 'done' | 'dead', lastError: string | null) => {
    if (invoke) await deliver(s, row, requestId, outcome, status, lastError);
    else await settle(knex, row, { status, last_error: lastError, result: JSON.stringify(outcome) });
  };
  if (row.result) {
    // the call already ended; only its delivery to the case failed last time
    const prev = JSON.parse(row.result) as Outcome;
    return finish(prev, prev.ok ? 'done' : 'dead', row.last_error);
  }
  if (!host.has(operation)) {
    const r = reason('adapter.not-installed', operation);
    s.logger.warn({ outbox: row.id, operation, code: r.code }, 'adapter call dead-lettered');
    s.metrics?.adapterCall(operation, 'dead');
    return finish({ ok: false, error: r }, 'dead', r.message);
  }
  const pluginId = operation.slice(0, operation.indexOf('.'));
  if (!host.isConfigured(pluginId)) {
    const r = reason('adapter.not-configured', pluginId);
    // a parked row does not use up an attempt: nothing was tried
    await settle(knex, row, { status: 'parked', last_error: r.message, attempts: Math.max(0, row.attempts - 1) });
    s.metrics?.adapterCall(operation, 'parked');
    return;
  }
  // 单独同意: a call that shares personal data runs only while its consent record holds (checked on every attempt)
  const consent = invoke ? (p as Invoke).consent : undefined;
  if (consent && s.consents) {
    const subject = openSealed(s.codec, consent.subject);
    const r = await s.consents.check(consent.ref, { purpose: consent.purpose, subjectIdNumber: typeof subject === 'string' ? subject : undefined, at: now });
    if (!r.ok) {
      s.logger.warn({ outbox: row.id, operation, code: r.code }, 'adapter call refused: no valid consent');
      return finish({ ok: false, error: { code: r.code, message: `未共享：没有有效的单独同意（${r.code}） Not shared: no valid separate consent` } }, 'dead', r.code);
    }
  }
  // the engine's request ids are `<case id>:r<n>`: unique across cases, the same on every attempt
  const key = p.idempotencyKey;
  const out = await host.invoke(operation, openSealed(s.codec, p.input), { idempotencyKey: key, attempt: row.attempts, caseId: invoke ? row.case_id : undefined, definitionRetry: p.retry });
  s.metrics?.adapterCall(operation, out.ok ? 'ok' : out.final ? 'dead' : 'retry');
  if (out.ok) return finish({ ok: true, output: out.output }, 'done', null);
  const lastError = `${out.error.code}: ${out.error.message}`.slice(0, 400);
  s.logger.warn({ outbox: row.id, operation, code: out.error.code, attempt: row.attempts, final: out.final }, 'adapter call failed');
  if (!out.final) {
    await settle(knex, row, { status: 'pending', available_at: now + (out.retryInMs ?? 1000), last_error: lastError });
    return;
  }
  await finish({ ok: false, error: { code: out.error.code, message: out.error.message } }, 'dead', lastError);
}
