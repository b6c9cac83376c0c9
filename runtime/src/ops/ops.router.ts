/**
 * Operator endpoints: `/healthz` (the process is alive), `/readyz` (it can work: database, Redis,
 * a worker; the body says what is wrong), `/metrics` (Prometheus; open only outside production
 * unless a token or a separate port is configured), and the dead letters of the outbox and of
 * timers for county admins — listed, retried, discarded, each change audited.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, NotAuthenticatedError, NotFoundError } from '../errors/DomainError.ts';
import { defineOperation, ok, S, type Operation, type OpContext } from '../http/operation.ts';
import type { Services } from '../services.ts';
import { adminRoles } from '../authz/defineAbilities.ts';
import type { UserRecord } from '../identity/KnexIdentityStore.ts';
import { opsSchemas } from './opsSchemas.ts';
import type { OpsServices } from './createOps.ts';
import type { OpsActor } from './KnexDeadLetters.ts';

/** How `/metrics` answers on this listener. */
export type MetricsAccess = { mode: 'open' } | { mode: 'token'; token: string } | { mode: 'off' };

const digest = (s: string) => createHash('sha256').update(s).digest();

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (\S+)$/.exec(String(header ?? ''));
  return !!m && timingSafeEqual(digest(m[1]!), digest(token));
}

function adminActor(user: UserRecord): OpsActor {
  const held = user.roles.filter((r) => adminRoles.includes(r.role));
  if (!held.length) throw new ForbiddenError('authz.forbidden', { needs: adminRoles });
  return { id: user.id, roles: user.roles.map((r) => r.role), orgPath: user.orgPath, scopes: held.map((r) => r.orgPath) };
}

/** Health, readiness and metrics: the probes of every listener (public and metrics port). */
export function probeOperations(ops: OpsServices, access: MetricsAccess): Operation[] {
  return [
    defineOperation({
      method: 'get', path: '/healthz', operationId: 'healthz', tag: 'ops', auth: false, responses: ok('Health'), schemas: opsSchemas, summary: '存活探针 Liveness: the process answers',
      async handler() { return { body: { status: 'ok', role: ops.role, uptimeSeconds: Math.floor((Date.now() - ops.startedAt) / 1000) } }; },
    }),
    defineOperation({
      method: 'get', path: '/readyz', operationId: 'readyz', tag: 'ops', auth: false, summary: '就绪探针：数据库、Redis、工作进程心跳 Readiness: database, Redis, a worker heartbeat',
      responses: { '200': { description: '就绪 Ready', schema: { $ref: '#/components/schemas/Readiness' } }, '503': { description: '未就绪，正文说明原因 Not ready; the body says why', schema: { $ref: '#/components/schemas/Readiness' } } },
      async handler() {
        const r = await ops.readiness();
        return { status: r.ready ? 200 : 503, body: r };
      },
    }),
    defineOperation({
      method: 'get', path: '/metrics', operationId: 'metrics', tag: 'ops', auth: false, summary: 'Prometheus 指标（令牌或独立端口） Prometheus metrics (token or separate port)',
      responses: { '200': { description: 'Prometheus 文本格式 Prometheus text format', content: { 'text/plain': { type: 'string' } } } },
      async handler({ req, res }: OpContext) {
        if (access.mode === 'off') throw new NotFoundError('route.not-found');
        if (access.mode === 'token' && !tokenMatches(req.headers.authorization, access.token)) throw new NotAuthenticatedError('ops.metrics-token-required');
        const { contentType, text } = await ops.metrics.render();
        res.status(200).setHeader('Content-Type', contentType);
        res.send(text);
        return { raw: true };
      },
    }),
  ];
}

const source = { enum: ['outbox', 'timer'] };
const settleBody = S.object({ source, id: { type: 'string', minLength: 1, maxLength: 200 } }, ['source', 'id']);

/** Dead letters of the outbox and of timers, for county admins (rows of cases in their subtree). */
export function deadLetterOperations(s: Services): Operation[] {
  const ops = s.ops!;
  const settle = (action: 'retry' | 'discard') => async ({ user, body }: OpContext) => {
    const actor = adminActor(user);
    const done = await ops.deadLetters.settle(actor, body.source, body.id, action);
    if (!done) throw new NotFoundError('ops.dead-letter-not-found', { source: body.source, id: body.id });
    if (action === 'retry' && done.timerKey) ops.timerRetried({ caseId: done.caseId, timerKey: done.timerKey });
    if (action === 'retry' && !done.timerKey) ops.outboxRetried();
    const status = action === 'discard' ? 'discarded' : body.source === 'timer' ? 'armed' : 'pending';
    return { status: action === 'retry' ? 202 : 200, body: { source: body.source, id: body.id, status } };
  };
  const settled = (status: string, description: string) => ({ [status]: { description, schema: { $ref: '#/components/schemas/OpsDeadLetterSettled' } } });
  return [
    defineOperation({
      method: 'get', path: '/api/ops/dead-letters', operationId: 'listOpsDeadLetters', tag: 'ops', responses: ok('OpsDeadLetterPage'), schemas: opsSchemas,
      summary: '死信：用尽重试的外发任务和定时器 Dead letters: outbox rows and timers that exhausted their attempts',
      query: { source, cursor: { type: 'string', maxLength: 240, pattern: '^[A-Za-z0-9._:@/-]+$' }, limit: S.limit },
      async handler({ user, query }) {
        const page = await ops.deadLetters.list(adminActor(user), { source: query.source ?? 'outbox', cursor: query.cursor, limit: query.limit ?? 50 });
        return { body: page };
      },
    }),
    defineOperation({
      method: 'post', path: '/api/ops/dead-letters/retry', operationId: 'retryOpsDeadLetter', tag: 'ops', body: settleBody, responses: settled('202', '已重新排队 Queued again'),
      summary: '重试死信（已审计） Retry a dead letter (audited)', handler: settle('retry'),
    }),
    defineOperation({
      method: 'post', path: '/api/ops/dead-letters/discard', operationId: 'discardOpsDeadLetter', tag: 'ops', body: settleBody, responses: settled('200', '已丢弃（保留记录） Discarded (kept on record)'),
      summary: '丢弃死信（已审计） Discard a dead letter (audited)', handler: settle('discard'),
    }),
  ];
}
