/** The notifications inbox (通知, 抄送 with read state, 催办) and the audit log endpoints. */
import { ForbiddenError, NotFoundError } from '../errors/DomainError.ts';
import { ok, defineOperation, S, type Operation } from '../http/operation.ts';
import { applyScope } from '../authz/scopeToSql.ts';
import { verifyAuditWithCheckpoints } from '../audit/KnexAuditLog.ts';
import type { Services } from '../services.ts';

/** Inbox and audit operations. */
export function inboxOperations(s: Services): Operation[] {
  return [
    defineOperation({ method: 'get', path: '/api/notifications', operationId: 'inbox', responses: ok('NotificationPage'), tag: 'notifications', summary: '消息与抄送 Inbox',
      query: { kind: { type: 'string', enum: ['notify', 'cc', 'urge'] }, unread: { type: 'boolean' }, cursor: { type: 'integer', minimum: 0 }, limit: S.limit },
      async handler({ user, query }) {
        const q = s.db.knex('notifications').where({ user_id: user.id }).orderBy('id', 'desc').limit(query.limit);
        if (query.kind) q.where({ kind: query.kind });
        if (query.unread) q.whereNull('read_at');
        if (query.cursor) q.where('id', '<', query.cursor);
        const rows = await q;
        const items = rows.map((r) => ({ id: Number(r.id), kind: r.kind, caseId: r.case_id, taskId: r.task_id, title: r.title, read: r.read_at !== null, createdAt: Number(r.created_at) }));
        return { body: { items, nextCursor: items.length === query.limit ? items[items.length - 1]!.id : null } };
      } }),
    defineOperation({ method: 'post', path: '/api/notifications/{id}/read', operationId: 'markRead', responses: ok('MarkedRead'), tag: 'notifications', summary: '标为已阅 Mark read',
      params: { id: { type: 'integer', minimum: 1 } },
      async handler({ user, params }) {
        const n = await s.db.knex('notifications').where({ id: params.id, user_id: user.id }).update({ read_at: Date.now() });
        if (!n) throw new NotFoundError('route.not-found');
        return { body: { read: true } };
      } }),
    defineOperation({ method: 'get', path: '/api/audit', operationId: 'auditLog', responses: ok('AuditPage'), tag: 'audit', summary: '审计日志（辖区内） Audit log in scope',
      query: { caseId: S.id, action: S.id, cursor: { type: 'integer', minimum: 0 }, limit: S.limit },
      async handler({ ability, query }) {
        const q = s.db.knex('audit_log').orderBy('seq', 'desc').limit(query.limit);
        if (!applyScope(q, s.db.knex, ability, 'read', 'Audit', 'audit_log')) throw new ForbiddenError('authz.forbidden');
        if (query.caseId) q.where({ case_id: query.caseId });
        if (query.action) q.where({ action: query.action });
        if (query.cursor) q.where('seq', '<', query.cursor);
        const rows = await q;
        const items = rows.map((r) => ({ seq: Number(r.seq), at: Number(r.at), actorId: r.actor_id, actorRoles: r.actor_roles, orgPath: r.org_path, action: r.action, caseId: r.case_id, detail: JSON.parse(r.detail), hash: r.hash }));
        return { body: { items, nextCursor: items.length === query.limit ? items[items.length - 1]!.seq : null } };
      } }),
    defineOperation({ method: 'get', path: '/api/audit/verify', operationId: 'auditVerify', responses: ok('AuditVerify'), tag: 'audit', summary: '校验审计链 Verify the audit chain',
      async handler({ ability }) {
        if (!ability.can('manage', 'Definition')) throw new ForbiddenError('authz.forbidden');
        return { body: await verifyAuditWithCheckpoints(s.db.knex, s.config.auditKey, s.config.auditCheckpointFile) };
      } }),
  ];
}
