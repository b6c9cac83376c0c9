/**
 * A stand-in 12345 platform on a local port (the network boundary): receives status reports on the
 * county's endpoints, checks their signature and app key, records each idempotency key once, answers
 * what a test scripts (a refusal code, a 503, garbage), and posts signed 派单 to a running Tongban.
 */
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import { signBody } from '@tongban/plugin-sdk';

/** One status report the hotline accepted. */
export interface HotlineReport { path: string; body: Record<string, unknown>; idempotencyKey: string; signatureOk: boolean }

/** A running stand-in. */
export interface FakeHotline {
  url: string;
  reports: HotlineReport[];
  requests: number;
  /** the next answers: an HTTP status, `garbage`, or `{ code }` (a refusal in the platform's own words) */
  script: Array<number | 'garbage' | { code: string; message?: string }>;
  /** posts a signed 派单 to `<tongban>/ext/hotline-12345/orders`; answers the status and body */
  dispatch(tongbanUrl: string, order: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

function verify(secret: string, header: string | undefined, body: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  return !!m && createHmac('sha256', secret).update(`${m[1]}.`).update(body).digest('hex') === m[2];
}

/** Starts the stand-in on 127.0.0.1, port 0. */
export async function startFakeHotline(opts: { appKey: string; signingSecret: string }): Promise<FakeHotline> {
  const reports: HotlineReport[] = [];
  const seen = new Set<string>();
  const fake: Partial<FakeHotline> = { reports, requests: 0, script: [] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      fake.requests!++;
      const next = fake.script!.shift();
      const json = (status: number, v: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(v));
      if (typeof next === 'number') return json(next, { code: String(next), message: '平台繁忙' });
      if (next === 'garbage') return res.writeHead(200, { 'content-type': 'application/json' }).end('<html>');
      if (req.headers['x-app-key'] !== opts.appKey) return json(403, { code: '403', message: 'app key' });
      const key = String(req.headers['idempotency-key'] ?? '');
      if (next) return json(200, next);
      if (!seen.has(key)) {
        seen.add(key);
        reports.push({ path: req.url ?? '', body: JSON.parse(body) as Record<string, unknown>, idempotencyKey: key, signatureOk: verify(opts.signingSecret, req.headers['x-signature'] as string | undefined, body) });
      }
      json(200, { code: '0', message: '成功' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(fake, {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    async dispatch(tongbanUrl: string, order: Record<string, unknown>) {
      const body = JSON.stringify(order);
      const r = await fetch(`${tongbanUrl}/ext/hotline-12345/orders`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-signature': signBody(opts.signingSecret, body, Date.now()) } });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  }) as FakeHotline;
}
