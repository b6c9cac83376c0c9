/**
 * A stand-in SMS carrier on a local port (the network boundary): checks the signature and the
 * access key, sends each OutId once, answers what a test scripts (500s, garbage, silence), and can
 * post signed delivery receipts and replies back.
 */
import { createServer, type Server } from 'node:http';
import { signBody } from '@tongban/plugin-sdk';

/** One accepted text. */
export interface CarrierMessage { id: string; to: string; template: string; params: Record<string, unknown>; outId: string; signature: string; extendCode?: string }

/** A running fake carrier. */
export interface FakeCarrier {
  url: string;
  messages: CarrierMessage[];
  /** raw requests seen (including refused and scripted failures) */
  requests: number;
  /** the next answers: a status code, 'garbage', or 'hang' (never answers) */
  script: Array<number | 'garbage' | 'hang'>;
  receipt(baseUrl: string, secret: string, messageId: string, status: 'DELIVERED' | 'UNDELIVERED'): Promise<number>;
  /** posts a signed reply (上行短信) from `from`, to the extension `destCode` when given; answers the status and body */
  reply(baseUrl: string, secret: string, r: { from: string; content: string; destCode?: string; seq: string }): Promise<{ status: number; body: { results?: string[] } }>;
  close(): Promise<void>;
}

/** Starts the fake carrier on 127.0.0.1, port 0. */
export async function startFakeCarrier(opts: { accessKey: string }): Promise<FakeCarrier> {
  const messages: CarrierMessage[] = [];
  const byOutId = new Map<string, string>();
  const hung: Array<() => void> = [];
  const fake: Partial<FakeCarrier> = { messages, requests: 0, script: [] };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      fake.requests!++;
      const next = fake.script!.shift();
      if (next === 'hang') { hung.push(() => res.destroy()); return; }
      if (next === 'garbage') { res.writeHead(200, { 'content-type': 'application/json' }).end('<html>'); return; }
      if (typeof next === 'number') { res.writeHead(next, { 'content-type': 'application/json' }).end('{"Code":"ServiceUnavailable"}'); return; }
      if (req.headers['x-access-key'] !== opts.accessKey) { res.writeHead(403).end('{"Code":"InvalidAccessKeyId"}'); return; }
      const p = JSON.parse(body) as { PhoneNumbers: string; TemplateCode: string; TemplateParam: string; OutId: string; SmsUpExtendCode?: string };
      let id = byOutId.get(p.OutId);
      if (!id) {
        id = `biz-${messages.length + 1}`;
        byOutId.set(p.OutId, id);
        messages.push({ id, to: p.PhoneNumbers, template: p.TemplateCode, params: JSON.parse(p.TemplateParam) as Record<string, unknown>, outId: p.OutId, signature: String(req.headers['x-signature']), ...(p.SmsUpExtendCode ? { extendCode: p.SmsUpExtendCode } : {}) });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: 'OK', BizId: id }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return Object.assign(fake, {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    async receipt(baseUrl: string, secret: string, messageId: string, status: 'DELIVERED' | 'UNDELIVERED') {
      const body = JSON.stringify([{ BizId: messageId, Status: status }]);
      const r = await fetch(`${baseUrl}/ext/sms-gateway/receipts`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-signature': signBody(secret, body, Date.now()) } });
      return r.status;
    },
    async reply(baseUrl: string, secret: string, r: { from: string; content: string; destCode?: string; seq: string }) {
      const body = JSON.stringify([{ PhoneNumber: r.from, Content: r.content, SequenceId: r.seq, SendTime: new Date().toISOString(), ...(r.destCode ? { DestCode: r.destCode } : {}) }]);
      const res = await fetch(`${baseUrl}/ext/sms-gateway/replies`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-signature': signBody(secret, body, Date.now()) } });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as { results?: string[] } };
    },
    close: () => new Promise<void>((r) => { for (const h of hung) h(); server.closeAllConnections(); server.close(() => r()); }),
  }) as FakeCarrier;
}
