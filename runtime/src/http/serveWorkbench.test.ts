import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appCsp, inlineScriptHashes, serveWorkbench } from './serveWorkbench.ts';

describe('serving the workbench build', () => {
  let base: string;
  let dir: string;
  let close: () => void;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'tongban-serve-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(dir, 'assets', 'lint.worker-abc.js'), 'self.onmessage = () => undefined;');
    const app = express();
    // the API's strict policy first, as createApp sets it on every response
    app.use((_req, res, next) => { res.setHeader('Content-Security-Policy', "default-src 'none'"); next(); });
    app.use(serveWorkbench({ dir }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close?.());

  it('gives pages and scripts the app policy: a dedicated worker runs under its own script\'s policy, not the API\'s', async () => {
    for (const p of ['/designer/shop-front', '/assets/lint.worker-abc.js']) {
      const r = await fetch(base + p);
      expect(r.status, p).toBe(200);
      expect(r.headers.get('content-security-policy'), p).toBe(appCsp());
      expect(r.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-eval'");
    }
  });

  it('allows the inline boot script of the build by its hash, and follows a new build', async () => {
    const sha = (code: string) => `sha256-${createHash('sha256').update(code).digest('base64')}`;
    const boot = 'window.__tongbanScreens={};(function(){fetch("/api/tasks")})();';
    writeFileSync(path.join(dir, 'index.html'), `<!doctype html><head><script>${boot}</script><script type="module" src="/assets/index.js"></script></head>`);
    utimesSync(path.join(dir, 'index.html'), new Date(), new Date(Date.now() + 5_000));
    const csp = (await fetch(base + '/tasks')).headers.get('content-security-policy')!;
    expect(csp).toContain(`script-src 'self' 'unsafe-eval' '${sha(boot)}';`);
    expect(inlineScriptHashes('<script src="/a.js"></script><script type="module">x()</script>')).toEqual([sha('x()')]);
    // another build, another boot script: the old hash is no longer allowed
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script>other()</script>');
    utimesSync(path.join(dir, 'index.html'), new Date(), new Date(Date.now() + 10_000));
    const next = (await fetch(base + '/tasks')).headers.get('content-security-policy')!;
    expect(next).toContain(`'${sha('other()')}'`);
    expect(next).not.toContain(sha(boot));
  });
});
