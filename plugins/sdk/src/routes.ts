/** Inbound HTTP routes of a plugin: matching `/Task/:id` style paths, and a handler call that never throws. */
import type { PluginContext } from './context.ts';
import { classifyError } from './errors.ts';
import type { PreparedPlugin } from './runPlugin.ts';
import type { InboundRequest, InboundResponse, RouteSpec } from './types.ts';

/** The route for a method and path, with its `:name` parameters, or undefined. */
export function matchRoute(routes: readonly RouteSpec[], method: string, path: string): { route: RouteSpec; params: Record<string, string> } | undefined {
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method.toUpperCase()) continue;
    const pattern = route.path.split('/').filter(Boolean);
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const seg = pattern[i]!;
      if (seg === '*') { params['*'] = parts.slice(i).join('/'); return { route, params }; }
      const part = parts[i];
      if (part === undefined) ok = false;
      else if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(part);
      else if (seg !== part) ok = false;
    }
    if (ok && parts.length === pattern.length) return { route, params };
  }
  return undefined;
}

/** Runs the matching route; unknown paths answer 404, a throwing handler 500 with a code (never the error text). */
export async function handleRoute(p: PreparedPlugin, ctx: PluginContext, req: Omit<InboundRequest, 'params'>): Promise<InboundResponse> {
  const m = matchRoute(p.plugin.routes ?? [], req.method, req.path);
  if (!m) return { status: 404, body: { error: { code: 'route.not-found', message: '接口不存在', details: { en: 'No such endpoint' } } } };
  try {
    const res = await m.route.handler({ ...req, params: m.params }, ctx);
    if (!res || typeof res.status !== 'number' || res.status < 100 || res.status > 599) throw new Error('bad response');
    return res;
  } catch (err) {
    const e = classifyError(err);
    ctx.logger.error({ code: e.code, route: m.route.path }, 'inbound route failed');
    return { status: e.retryable ? 503 : 400, body: { error: { code: e.code, message: e.message, details: e.details ?? {} } } };
  }
}
