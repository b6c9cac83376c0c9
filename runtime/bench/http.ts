/**
 * A small keep-alive JSON client for the load generator: one socket per concurrent worker is
 * reused across requests (node:http Agent keepAlive), so the bench measures the server, not TCP
 * handshakes. Cheaper per request than global fetch, which matters on a 2-core machine.
 */
import http from 'node:http';

/** A JSON response. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read ad hoc by the bench
export interface JsonResponse { status: number; body: any }

/** A client bound to a base URL. */
export function createClient(baseUrl: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const u = new URL(baseUrl);
  return {
    request(method: string, path: string, token?: string, body?: unknown): Promise<JsonResponse> {
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const headers: Record<string, string | number> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (payload) { headers['content-type'] = 'application/json'; headers['content-length'] = payload.length; }
      return new Promise((resolve, reject) => {
        const req = http.request({ agent, host: u.hostname, port: u.port, method, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          });
        });
        req.on('error', reject);
        req.end(payload);
      });
    },
    close() { agent.destroy(); },
  };
}

/** The client type. */
export type Client = ReturnType<typeof createClient>;
