/**
 * A stand-in hospital FHIR server on a local port (the network boundary): accepts `PUT /Task/{id}`
 * (validated against R4 like a real server would), answers scripted failures, and keeps what it got.
 */
import { createServer, type Server } from 'node:http';
import { validateFhir } from '../validateFhir.ts';

/** A running fake hospital. */
export interface FakeHospital { url: string; tasks: Map<string, Record<string, any>>; puts: Array<{ id: string; status: string; auth?: string }>; script: number[]; close(): Promise<void> }

/** Starts it on 127.0.0.1, port 0. */
export async function startFakeHospital(): Promise<FakeHospital> {
  const tasks = new Map<string, Record<string, any>>();
  const puts: FakeHospital['puts'] = [];
  const script: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      const m = /^\/fhir\/Task\/([A-Za-z0-9.-]+)$/.exec(req.url ?? '');
      const forced = script.shift();
      if (forced) { res.writeHead(forced, { 'content-type': 'application/fhir+json' }).end('{"resourceType":"OperationOutcome","issue":[]}'); return; }
      if (!m || req.method !== 'PUT') { res.writeHead(404).end(); return; }
      const resource = JSON.parse(body) as Record<string, any>;
      const issues = validateFhir(resource);
      if (issues.length) { res.writeHead(400, { 'content-type': 'application/fhir+json' }).end(JSON.stringify({ resourceType: 'OperationOutcome', issue: issues })); return; }
      const existed = tasks.has(m[1]!);
      tasks.set(m[1]!, resource);
      puts.push({ id: m[1]!, status: resource.status, auth: req.headers.authorization });
      res.writeHead(existed ? 200 : 201, { 'content-type': 'application/fhir+json' }).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/fhir`, tasks, puts, script, close: () => new Promise<void>((r) => server.close(() => r())) };
}
