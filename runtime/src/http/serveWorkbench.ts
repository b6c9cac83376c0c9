/**
 * Serves the workbench's production build at `/` beside the API: hashed assets with a year of
 * immutable caching, precompressed (brotli, gzip) when the client accepts it; every other page
 * path answers index.html (no-cache) so a deep link survives a reload. `/api/*` never falls
 * through to the app: an unknown endpoint stays a coded JSON 404.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response } from 'express';

/** The build folder of this repository's workbench. */
export const defaultWorkbenchDir = fileURLToPath(new URL('../../../workbench/dist', import.meta.url));

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};

/**
 * The Content-Security-Policy of the app's pages: scripts from this origin only, and the inline
 * boot script of index.html by its hash (it sends the opened screen's first requests before any
 * file loads; see workbench/vite.config.ts) — no other inline script; antd writes inline styles; the ID-card reader bridge when configured. 'unsafe-eval' is
 * there because the engine validates forms in the browser with ajv, which compiles each form's JSON
 * Schema to a function — the same rules and messages as the server, before anything is sent.
 */
export function appCsp(bridgeUrl?: string, inlineHashes: string[] = []): string {
  const connect = ["'self'", ...(bridgeUrl ? [new URL(bridgeUrl).origin] : [])].join(' ');
  return ["default-src 'self'", ["script-src 'self' 'unsafe-eval'", ...inlineHashes.map((h) => `'${h}'`)].join(' '), "style-src 'self' 'unsafe-inline'", "img-src 'self' blob: data:", `connect-src ${connect}`,
    "font-src 'self' data:", "worker-src 'self' blob:", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"].join('; ');
}

/** The CSP source of each inline `<script>` (one without `src`) in `html`: `sha256-<base64>`. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter((m) => m[1]!.length > 0)
    .map((m) => `sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}`);
}

function encodingFor(req: Request, file: string): { suffix: string; encoding?: string } {
  const accept = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accept) && existsSync(file + '.br')) return { suffix: '.br', encoding: 'br' };
  if (/\bgzip\b/.test(accept) && existsSync(file + '.gz')) return { suffix: '.gz', encoding: 'gzip' };
  return { suffix: '' };
}

function send(req: Request, res: Response, file: string, cache: string, csp: string): void {
  const { suffix, encoding } = encodingFor(req, file);
  const body = readFileSync(file + suffix);
  res.setHeader('Content-Type', types[path.extname(file)] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', cache);
  res.setHeader('Vary', 'Accept-Encoding');
  if (encoding) res.setHeader('Content-Encoding', encoding);
  // A page takes its policy from its HTML; a dedicated worker from its own script's response. Without
  // the app's policy on scripts, a worker (the designer's lint) ran under the API's `default-src 'none'`
  // and its ajv could not compile a schema.
  if (file.endsWith('.html') || file.endsWith('.js')) res.setHeader('Content-Security-Policy', csp);
  res.status(200).send(req.method === 'HEAD' ? undefined : body);
}

/** The router serving the build in `dir` (or a plain page saying how to build it). */
export function serveWorkbench(opts: { dir?: string; bridgeUrl?: string }): express.Router {
  const dir = path.resolve(opts.dir ?? defaultWorkbenchDir);
  const index = path.join(dir, 'index.html');
  // the policy follows the build's index.html (its inline boot script's hash), read again when it changes
  let built = { mtime: -1, csp: appCsp(opts.bridgeUrl) };
  const policy = (): string => {
    const mtime = existsSync(index) ? statSync(index).mtimeMs : 0;
    if (mtime !== built.mtime) built = { mtime, csp: appCsp(opts.bridgeUrl, mtime ? inlineScriptHashes(readFileSync(index, 'utf8')) : []) };
    return built.csp;
  };
  const router = express.Router();
  router.get(/^\/(?!api(?:\/|$)).*/, (req, res, next) => {
    const csp = policy();
    const rel = decodeURIComponent(req.path);
    const file = path.join(dir, rel);
    // hashed build assets: cache forever; a new build has new names
    if (rel.startsWith('/assets/')) {
      if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
      return send(req, res, file, 'public, max-age=31536000, immutable', csp);
    }
    if (path.extname(rel) && rel !== '/index.html') {
      if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) return next();
      return send(req, res, file, 'public, max-age=3600', csp);
    }
    if (!existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('工作台尚未构建：请运行 npm start（会先构建）。The workbench is not built yet: run npm start, which builds it first.\n');
      return;
    }
    send(req, res, index, 'no-cache', csp);
  });
  return router;
}
