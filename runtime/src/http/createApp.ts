/**
 * The Express application: request ids, security headers, size-limited JSON, structured logs,
 * bearer auth, per-operation validation, and one error middleware mapping errors to coded bodies.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { AppError, errorBody } from './errors.ts';
import type { Operation, OpContext } from './operation.ts';
import { compileValidators, validateRequest } from './validateRequest.ts';
import { defineAbilities } from '../authz/defineAbilities.ts';
import type { KnexIdentityStore } from '../identity/KnexIdentityStore.ts';
import type { TokenService } from '../identity/tokens.ts';

/** What the app needs from the runtime. */
export interface AppDeps {
  operations: Operation[];
  tokens: TokenService;
  identity: KnexIdentityStore;
  logger: Logger;
  bodyLimitBytes: number;
  /** raw routers mounted before the JSON body parser (adapters' inbound HTTP under /ext) */
  raw?: Array<[string, express.RequestHandler]>;
}

function langOf(req: Request): 'zh-CN' | 'en' {
  const h = String(req.headers['accept-language'] ?? '');
  return /^en\b/i.test(h) ? 'en' : 'zh-CN';
}

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  res.removeHeader('X-Powered-By');
  next();
}

async function authenticate(deps: AppDeps, req: Request): Promise<Pick<OpContext, 'user' | 'ability'>> {
  const header = String(req.headers.authorization ?? '');
  const m = /^Bearer (\S+)$/.exec(header);
  if (!m) throw new AppError('auth.required');
  const v = deps.tokens.verify(m[1]!);
  if (!v.ok) throw new AppError(v.code);
  const user = await deps.identity.getUser(v.claims.sub);
  if (!user || user.disabled) throw new AppError('auth.token-invalid');
  return { user, ability: defineAbilities(user) };
}

function mount(app: express.Express, deps: AppDeps, op: Operation): void {
  const validators = compileValidators(op);
  const expressPath = op.path.replace(/\{(\w+)\}/g, ':$1');
  const handlers: express.RequestHandler[] = [];
  if (op.rawBody) handlers.push(express.raw({ type: () => true, limit: op.rawBody.maxBytes }));
  handlers.push(async (req, res, next) => {
    try {
      const auth = op.auth === false ? ({} as Pick<OpContext, 'user' | 'ability'>) : await authenticate(deps, req);
      const query = { ...(req.query as Record<string, unknown>) };
      const params = { ...req.params };
      const body = op.rawBody ? req.body : req.body;
      validateRequest(validators, { params, query, body: op.body ? body : undefined });
      if (!op.body && !op.rawBody && req.body !== undefined && Object.keys(req.body as object).length) {
        throw new AppError('request.invalid', { errors: [{ path: '/body', message: 'no body expected' }] });
      }
      res.locals.userId = auth.user?.id;
      const ctx: OpContext = { req, res, params, query, body, ...auth, lang: langOf(req), requestId: res.locals.requestId as string };
      const out = await op.handler(ctx);
      if (!out.raw) res.status(out.status ?? 200).json(out.body ?? {});
    } catch (err) {
      next(err);
    }
  });
  app[op.method](expressPath, ...handlers);
}

function errorMiddleware(deps: AppDeps) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let app: AppError;
    const e = err as { type?: string; status?: number; message?: string };
    if (err instanceof AppError) app = err;
    else if (e.type === 'entity.too.large') app = new AppError('request.too-large');
    else if (e.type === 'entity.parse.failed') app = new AppError('request.malformed-json');
    else if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') app = new AppError('request.unsupported-media-type');
    else {
      // Ours: log with the request id (no bodies, so no personal data), answer a generic 500.
      deps.logger.error({ reqId: res.locals.requestId, err: { message: e.message, stack: (err as Error)?.stack } }, 'unhandled error');
      app = new AppError('internal', { requestId: res.locals.requestId });
    }
    res.status(app.status).json(errorBody(app, langOf(req)));
  };
}

/** Builds the Express app from the declared operations. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((req, res, next) => {
    const given = String(req.headers['x-request-id'] ?? '');
    res.locals.requestId = /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', res.locals.requestId as string);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      deps.logger.info({ reqId: res.locals.requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10, userId: res.locals.userId }, 'request');
    });
    next();
  });
  app.use(securityHeaders);
  for (const [path, handler] of deps.raw ?? []) app.use(path, handler);
  app.use(express.json({ limit: deps.bodyLimitBytes, strict: false, type: ['application/json', 'application/*+json'] }));
  for (const op of deps.operations) mount(app, deps, op);
  app.use((_req, _res, next) => next(new AppError('route.not-found')));
  app.use(errorMiddleware(deps));
  return app;
}
