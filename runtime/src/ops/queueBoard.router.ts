/**
 * The BullMQ board (`@bull-board/express`) at `/admin/queues`, for county admins only: the same
 * bearer token the workbench sends (`Authorization: Bearer …`), checked like an API call (revoked,
 * disabled or expired tokens end at once). For a browser tab, which cannot add that header, the token
 * may come in the `tongban_token` cookie — then only for reading (GET): the board's actions (retry,
 * clean) need the header, so a page on another site cannot trigger them with a stray cookie.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { principalOf, type AppDeps } from '../http/createApp.ts';
import { DomainError, ForbiddenError, NotAuthenticatedError, NotFoundError } from '../errors/DomainError.ts';
import { errorBody, statusOf } from '../http/httpErrors.ts';
import { adminRoles } from '../authz/defineAbilities.ts';

/** Where the board is served. */
export const QUEUE_BOARD_PATH = '/admin/queues';

function tokenOf(req: Request): string | undefined {
  const m = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ''));
  if (m) return m[1];
  if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
  const c = /(?:^|;\s*)tongban_token=([^;]+)/.exec(String(req.headers.cookie ?? ''));
  return c ? decodeURIComponent(c[1]!) : undefined;
}

/** The board's router; `queue()` is read per request (the driver connects its queue at start). */
export function queueBoard(deps: Pick<AppDeps, 'tokens' | 'principals'>, queue: () => Queue | undefined, logger: Logger): express.RequestHandler {
  let board: express.Router | undefined;
  const guard = async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = tokenOf(req);
      if (!token) throw new NotAuthenticatedError('auth.required');
      const { user } = await principalOf(deps, token);
      // county admins: the admin role held at the county level (depth 1) — the queue spans every township
      if (!user.roles.some((r) => adminRoles.includes(r.role) && r.orgPath.split('/').filter(Boolean).length === 1)) throw new ForbiddenError('authz.forbidden', { needs: adminRoles });
      next();
    } catch (err) {
      const e = err instanceof DomainError ? err : new NotAuthenticatedError('auth.token-invalid');
      if (!(err instanceof DomainError)) logger.warn({ code: 'ops.board-auth-failed', err: (err as Error).message }, 'queue board authentication failed');
      res.status(statusOf(e)).json(errorBody(e, 'zh-CN'));
    }
  };
  const router = express.Router();
  router.use(guard, (req, res, next) => {
    const q = queue();
    if (!q) { res.status(404).json(errorBody(new NotFoundError('route.not-found', { needs: 'TONGBAN_JOBS=bullmq' }), 'zh-CN')); return; }
    // the board is a page with its own scripts and styles: the API's `default-src 'none'` would blank it
    res.setHeader('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
    if (!board) {
      const adapter = new ExpressAdapter();
      adapter.setBasePath(QUEUE_BOARD_PATH);
      createBullBoard({ queues: [new BullMQAdapter(q, { readOnlyMode: false })], serverAdapter: adapter, options: { uiConfig: { boardTitle: '通办 任务队列' } } });
      board = adapter.getRouter() as express.Router;
    }
    board(req, res, next);
  });
  return router;
}
