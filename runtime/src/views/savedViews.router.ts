/** 视图: a user's saved queue or case-list filters (the screen's URL query), kept on the server per user. */
import { randomUUID } from 'node:crypto';
import { created, defineOperation, ok, S, type Operation } from '../http/operation.ts';
import type { Services } from '../services.ts';

const screens = ['queue', 'cases'];
const view = { type: 'object', additionalProperties: false, required: ['id', 'screen', 'name', 'query', 'createdAt'],
  properties: { id: { type: 'string' }, screen: { type: 'string', enum: screens }, name: { type: 'string' }, query: { type: 'string' }, createdAt: { type: 'integer' } } };
const schemas = {
  SavedView: view,
  SavedViewList: { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/SavedView' } } } },
  Deleted: { type: 'object', additionalProperties: false, required: ['deleted'], properties: { deleted: { type: 'boolean' } } },
};

type Row = { id: string; screen: string; name: string; query: string; created_at: number | string };
const toView = (r: Row) => ({ id: r.id, screen: r.screen, name: r.name, query: r.query, createdAt: Number(r.created_at) });

/** Saved views of the signed-in user (nobody else's are visible: another user's id answers 404). */
export function savedViewOperations(s: Services): Operation[] {
  return [
    defineOperation({ method: 'get', path: '/api/views', operationId: 'listViews', tag: 'views', responses: ok('SavedViewList'), schemas, summary: '我的视图 My saved views',
      query: { screen: { type: 'string', enum: screens } },
      async handler({ user, query }) {
        return { body: { items: (await s.views.list(user.id, query.screen)).map(toView) } };
      } }),
    defineOperation({ method: 'post', path: '/api/views', operationId: 'saveView', tag: 'views', responses: created('SavedView'), schemas, summary: '保存视图（同名覆盖） Save a view (replaces one of the same name)',
      body: S.object({ screen: { type: 'string', enum: screens }, name: { type: 'string', minLength: 1, maxLength: 60, pattern: '\\S' },
        query: { type: 'string', maxLength: 1000, pattern: '^[^<>]*$' } }, ['screen', 'name', 'query']),
      async handler({ user, body }) {
        const row = { id: randomUUID(), user_id: user.id, screen: body.screen, name: body.name.trim(), query: body.query.replace(/^\?/, ''), created_at: Date.now() };
        return { status: 201, body: toView(await s.views.save(row)) };
      } }),
    defineOperation({ method: 'delete', path: '/api/views/{id}', operationId: 'deleteView', tag: 'views', responses: ok('Deleted'), schemas, summary: '删除视图（幂等） Delete a view (idempotent)',
      params: { id: S.id },
      async handler({ user, params }) {
        // idempotent: deleting a view that is gone (or another user's id) deletes nothing
        return { body: { deleted: await s.views.remove(user.id, params.id) } };
      } }),
  ];
}
