/** The notifications inbox (通知, 抄送 with read state, 催办) and the audit log endpoints. */
import { ForbiddenError, NotFoundError } from '../errors/DomainError.ts';
import { ok, defineOperation, S, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';

/** Inbox and audit operations. */
export function inboxOperations(s: Services): Operation[] {
  return [
    defineOperation({ method: 'get', path: '/api/notifications', operationId: 'inbox', responses: ok('NotificationPage'), tag: 'notifications', summary: '消息与抄送 Inbox',
      query: { kind: { type: 'string', enum: ['notify', 'cc', 'urge'] }, unread: { type: 'boolean' }, cursor: { type: 'integer', minimum: 0 }, limit: S.limit },
      async handler({ user, query }) {
        return { body: await s.inbox.list(user.id, query) };
      } }),
    defineOperation({ method: 'post', path: '/api/notifications/{id}/read', operationId: 'markRead', responses: ok('MarkedRead'), tag: 'notifications', summary: '标为已阅 Mark read',
      params: { id: { type: 'integer', minimum: 1 } },
      async handler({ user, params }) {
        if (!(await s.inbox.markRead(user.id, params.id))) throw new NotFoundError('route.not-found');
        return { body: { read: true } };
      } }),
    defineOperation({ method: 'get', path: '/api/audit', operationId: 'auditLog', responses: ok('AuditPage'), tag: 'audit', summary: '审计日志（辖区内） Audit log in scope',
      query: { caseId: S.id, action: S.id, cursor: { type: 'integer', minimum: 0 }, limit: S.limit },
      async handler({ ability, query }) {
        return { body: await s.audit.list(ability, query) };
      } }),
    defineOperation({ method: 'get', path: '/api/audit/verify', operationId: 'auditVerify', responses: ok('AuditVerify'), tag: 'audit', summary: '校验审计链 Verify the audit chain',
      async handler({ ability }) {
        if (!ability.can('manage', 'Definition')) throw new ForbiddenError('authz.forbidden');
        return { body: await s.audit.verify() };
      } }),
  ];
}
