/**
 * The local bridge on a worker's PC: wraps the vendor SDK behind `CardDriver` and serves a WebSocket on
 * 127.0.0.1 only, to the workbench's origin only (the usual vendor pattern, interfaces.md §6). Contract:
 * `{"op":"read","requestId"}` → `{requestId, name, sex, nation, birthDate, address, idNumber, issuer,
 * validFrom, validTo, samId}` (the photo only when asked with `"photo": true`), or `{requestId, error}`
 * with `no_reader`, `no_card`, `timeout`, `busy` or `bad_request`. Fingerprints are never read; nothing is logged but codes.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import type { Card } from '../card.ts';

/** What a vendor SDK wrapper (or the simulator) offers. */
export interface CardDriver { read(signal: AbortSignal): Promise<Card> }

/** A driver failure the bridge reports as a code. */
export class CardError extends Error { constructor(readonly code: 'no_reader' | 'no_card') { super(code); } }

/** A running bridge. */
export interface Bridge { port: number; close(): Promise<void> }

/** Starts the bridge. */
export async function createBridge(opts: { driver: CardDriver; allowedOrigins: string[]; port?: number; timeoutMs?: number; log?: (code: string) => void }): Promise<Bridge> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: opts.port ?? 0, maxPayload: 4096,
    verifyClient: ({ origin }: { origin: string }) => { const ok = opts.allowedOrigins.includes(origin); if (!ok) opts.log?.('bridge.origin-refused'); return ok; } });
  let busy = false;
  const reply = (ws: WebSocket, body: object) => ws.send(JSON.stringify(body));
  wss.on('connection', (ws) => {
    ws.on('message', async (raw) => {
      let msg: { op?: unknown; requestId?: unknown; photo?: unknown };
      try { msg = JSON.parse(String(raw)) as typeof msg; } catch { return reply(ws, { error: 'bad_request' }); }
      const requestId = typeof msg.requestId === 'string' ? msg.requestId.slice(0, 64) : undefined;
      if (msg.op !== 'read' || !requestId) return reply(ws, { requestId, error: 'bad_request' });
      if (busy) return reply(ws, { requestId, error: 'busy' });
      busy = true;
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), opts.timeoutMs ?? 10_000);
      try {
        const card = await Promise.race([opts.driver.read(ctrl.signal), new Promise<never>((_, reject) => ctrl.signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true }))]);
        const { photo, ...rest } = card;
        reply(ws, { requestId, ...rest, ...(msg.photo === true && photo ? { photo } : {}) });
        opts.log?.('bridge.read');
      } catch (err) {
        const code = err instanceof CardError ? err.code : 'timeout';
        opts.log?.(`bridge.${code}`);
        reply(ws, { requestId, error: code });
      } finally { clearTimeout(timer); busy = false; }
    });
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  return { port: (wss.address() as { port: number }).port, close: () => new Promise<void>((r) => { for (const c of wss.clients) c.terminate(); wss.close(() => r()); }) };
}
