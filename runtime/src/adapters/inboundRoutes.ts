/**
 * Inbound HTTP for adapters (`/ext/<plugin>/<path>`: a hospital's FHIR client, an Open311 app, a
 * carrier's delivery receipts): the raw body (signatures are over exact bytes), a rate limit per
 * plugin and client address (it comes from outside), then the plugin's route through the host.
 * Nothing here needs a Tongban login: each plugin checks its own credentials (API keys, signatures).
 */
import express, { type Request, type Response } from 'express';
import type { Logger } from 'pino';
import type { PluginHost } from '@tongban/plugin-host';

/** Requests per minute one client address may send to one plugin. */
export const INBOUND_PER_MINUTE = 600;

/** An Express handler for `/ext`; mount it before the JSON body parser. */
export function inboundRoutes(host: () => PluginHost, logger: Logger, opts: { perMinute?: number; maxBytes?: number } = {}): express.Router {
  const router = express.Router();
  const windows = new Map<string, { start: number; n: number }>();
  const limit = opts.perMinute ?? INBOUND_PER_MINUTE;
  router.use(express.raw({ type: () => true, limit: opts.maxBytes ?? 1024 * 1024 }));
  router.use(async (req: Request, res: Response) => {
    const [, pluginId = '', ...rest] = req.path.split('/');
    const ip = req.ip ?? req.socket.remoteAddress ?? '';
    const key = `${pluginId}|${ip}`;
    const now = Date.now();
    const w = windows.get(key);
    if (!w || now - w.start >= 60_000) windows.set(key, { start: now, n: 1 });
    else if (++w.n > limit) {
      logger.warn({ plugin: pluginId, code: 'inbound.rate-limited' }, 'inbound request rate limited');
      res.status(429).setHeader('Retry-After', String(Math.ceil((w.start + 60_000 - now) / 1000)));
      res.json({ error: { code: 'inbound.rate-limited', message: '请求过于频繁，请稍后再试', details: { en: 'Too many requests; try again later' } } });
      return;
    }
    if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= 60_000) windows.delete(k);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
    const out = await host().route(pluginId, { method: req.method, path: '/' + rest.join('/'), query: req.query as Record<string, string>, headers, body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), ip });
    for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
    res.status(out.status);
    if (out.body === undefined) res.end();
    else if (Buffer.isBuffer(out.body) || typeof out.body === 'string') res.send(out.body);
    else if (out.headers && Object.keys(out.headers).some((h) => h.toLowerCase() === 'content-type')) res.send(JSON.stringify(out.body));
    else res.json(out.body);
  });
  return router;
}
