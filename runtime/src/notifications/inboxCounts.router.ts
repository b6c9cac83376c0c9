/** `GET /api/notifications/counts`: the caller's unread notices, copies (抄送) and urges (催办), for the badges. */
import { defineOperation, ok, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';

const int = { type: 'integer', minimum: 0 };
const schemas = { InboxCounts: { type: 'object', additionalProperties: false, required: ['notify', 'cc', 'urge'], properties: { notify: int, cc: int, urge: int } } };

/** The inbox-counts operation. */
export function inboxCountOperations(s: Services): Operation[] {
  return [defineOperation({
    method: 'get', path: '/api/notifications/counts', operationId: 'inboxCounts', tag: 'notifications', responses: ok('InboxCounts'), schemas,
    summary: '未读数量 Unread counts',
    async handler({ user }) {
      const by = await s.inbox.unreadCounts(user.id);
      return { body: { notify: by.notify ?? 0, cc: by.cc ?? 0, urge: by.urge ?? 0 } };
    },
  })];
}
