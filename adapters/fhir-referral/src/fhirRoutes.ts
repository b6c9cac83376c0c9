/**
 * The inbound FHIR endpoint for hospital systems (`/ext/fhir-referral`, `application/fhir+json`):
 * POST /Task (a down-referral opens a referral case), GET /Task/{id}, PUT /Task/{id} (`If-Match`;
 * a status move advances the case), GET /Task?status=&owner=&_lastUpdated=. Errors are
 * OperationOutcomes; every resource is validated against the R4 definitions first.
 */
import { timingSafeEqual } from 'node:crypto';
import type { InboundRequest, InboundResponse, PluginContext, RouteSpec } from '@tongban/plugin-sdk';
import { caseDataOf, eventFor, MOVES } from './mapTask.ts';
import { iso8, taskStore, type StoredTask } from './fhirStore.ts';
import type { FhirConfig, FhirSecrets } from './settings.ts';
import { validateFhir, type FhirIssue } from './validateFhir.ts';

type Ctx = PluginContext<FhirConfig, FhirSecrets>;
const FHIR_JSON = { 'content-type': 'application/fhir+json; charset=utf-8' };

/** An OperationOutcome answer. */
export function outcome(status: number, code: string, issues: Array<FhirIssue | string>): InboundResponse {
  return { status, headers: FHIR_JSON, body: JSON.stringify({ resourceType: 'OperationOutcome', issue: issues.map((i) => typeof i === 'string'
    ? { severity: 'error', code, diagnostics: i } : { severity: 'error', code, diagnostics: i.text, expression: [i.expression] }) }) };
}

const ok = (status: number, t: StoredTask, extra: Record<string, string> = {}): InboundResponse =>
  ({ status, headers: { ...FHIR_JSON, etag: `W/"${t.version}"`, 'last-modified': new Date(Date.parse(t.resource.meta.lastUpdated)).toUTCString(), ...extra }, body: JSON.stringify(t.resource) });

function authorized(req: InboundRequest, ctx: Ctx): boolean {
  const m = /^Bearer (\S{16,200})$/.exec(req.headers.authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  return (ctx.secrets.clients ?? []).some((c) => { const b = Buffer.from(c.token); return b.length === given.length && timingSafeEqual(b, given); });
}

function parse(req: InboundRequest): Record<string, any> | undefined {
  try { const v = JSON.parse(req.body.toString('utf8')) as unknown; return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : undefined; } catch { return undefined; }
}

async function create(req: InboundRequest, ctx: Ctx): Promise<InboundResponse> {
  const task = parse(req);
  if (!task) return outcome(400, 'structure', ['body is not a JSON resource']);
  const issues = validateFhir(task);
  if (issues.length) return outcome(400, 'invalid', issues);
  if (task.resourceType !== 'Task' || task.status !== 'requested') return outcome(422, 'business-rule', ['a new referral is a Task in status requested']);
  const mapped = caseDataOf(task, ctx.config.organizations, ctx.clock.now());
  if (!mapped.ok) return outcome(422, 'required', mapped.missing.map((m) => `missing ${m}`));
  const id = `hosp-${String(task.id ?? '').replace(/[^A-Za-z0-9.-]/g, '').slice(0, 40) || ctx.clock.now().toString(36)}`;
  const store = taskStore(ctx.store);
  const prior = await store.get(id);
  if (prior) return ok(200, prior); // the same Task posted again: nothing new (FHIR conditional-create behaviour)
  const r = await ctx.emit('task-updated', { eventId: `create-${id}`, source: 'external', data: { ...mapped.data, fhirTaskId: id }, start: { orgPath: mapped.orgPath, definition: ctx.config.definition } });
  if (r.status === 'rejected' || !r.caseId) return outcome(422, 'processing', [`the referral was not accepted: ${r.reason?.code ?? 'unknown'}`]);
  const now = iso8(ctx.clock.now());
  const stored: StoredTask = { resource: { ...task, id, meta: { versionId: '1', lastUpdated: now }, lastModified: task.lastModified ?? now,
    businessStatus: { text: `通办案件 ${r.caseRef}` } }, version: 1, caseId: r.caseId, origin: 'hospital' };
  await store.put(id, stored);
  return ok(201, stored, { location: `Task/${id}/_history/1` });
}

async function update(req: InboundRequest, ctx: Ctx): Promise<InboundResponse> {
  const store = taskStore(ctx.store);
  const cur = await store.get(req.params.id!);
  if (!cur) return outcome(404, 'not-found', [`Task/${req.params.id} is unknown`]);
  const match = req.headers['if-match'];
  if (match && match.replace(/^W\//, '') !== `"${cur.version}"`) return outcome(412, 'conflict', [`version ${cur.version} is current`]);
  const next = parse(req);
  if (!next) return outcome(400, 'structure', ['body is not a JSON resource']);
  const issues = validateFhir(next);
  if (issues.length) return outcome(400, 'invalid', issues);
  if (next.resourceType !== 'Task' || (next.id && next.id !== req.params.id)) return outcome(400, 'invalid', ['Task.id must match the URL']);
  const from = cur.resource.status as string;
  const to = next.status as string;
  if (from !== to && !(MOVES[from] ?? []).includes(to)) return outcome(422, 'business-rule', [`TaskStatus ${from} → ${to} is not allowed`]);
  if (from !== to && cur.caseId) {
    // an acceptance carries the booked slot (Task.restriction.period.start): the no-show clock runs from it
    const slot = to === 'accepted' ? (next.restriction as { period?: { start?: unknown } } | undefined)?.period?.start : undefined;
    const r = await ctx.emit('task-updated', { eventId: `status-${req.params.id}-${cur.version + 1}-${to}`, source: 'external', data: typeof slot === 'string' ? { appointmentAt: slot } : {},
      advance: { caseId: cur.caseId, event: eventFor(to), comment: next.statusReason?.text } });
    if (r.status === 'rejected') return outcome(409, 'conflict', [`the referral case does not accept ${to} now (${r.reason?.code ?? ''})`]);
  }
  const now = iso8(ctx.clock.now());
  const stored: StoredTask = { ...cur, version: cur.version + 1, resource: { ...next, id: req.params.id, meta: { versionId: String(cur.version + 1), lastUpdated: now }, lastModified: next.lastModified ?? now } };
  await store.put(req.params.id!, stored);
  return ok(200, stored);
}

async function search(req: InboundRequest, ctx: Ctx): Promise<InboundResponse> {
  const q = (k: string) => { const v = req.query[k]; return Array.isArray(v) ? v[0] : v; };
  const status = q('status')?.split(',');
  const owner = q('owner');
  const since = q('_lastUpdated')?.startsWith('gt') ? Date.parse(q('_lastUpdated')!.slice(2)) : undefined;
  const list = (await taskStore(ctx.store).all()).filter((t) => (!status || status.includes(t.resource.status)) && (!owner || t.resource.owner?.reference === owner || t.resource.owner?.reference?.endsWith(`/${owner}`))
    && (since === undefined || Date.parse(t.resource.meta.lastUpdated) > since));
  return { status: 200, headers: FHIR_JSON, body: JSON.stringify({ resourceType: 'Bundle', type: 'searchset', total: list.length, entry: list.slice(0, 200).map((t) => ({ fullUrl: `Task/${t.resource.id}`, resource: t.resource, search: { mode: 'match' } })) }) };
}

const guarded = (fn: (req: InboundRequest, ctx: Ctx) => Promise<InboundResponse>) => async (req: InboundRequest, ctx: Ctx) =>
  (authorized(req, ctx) ? fn(req, ctx) : outcome(401, 'login', ['a valid Bearer token is required']));

/** The routes. */
export const fhirRoutes: Array<RouteSpec<FhirConfig, FhirSecrets>> = [
  { method: 'GET', path: '/metadata', handler: async () => ({ status: 200, headers: FHIR_JSON, body: JSON.stringify({ resourceType: 'CapabilityStatement', status: 'active', date: '2025-03-04', kind: 'instance', fhirVersion: '4.0.1', format: ['json'],
    rest: [{ mode: 'server', resource: [{ type: 'Task', interaction: ['read', 'create', 'update', 'search-type'].map((code) => ({ code })), searchParam: ['status', 'owner', '_lastUpdated'].map((name) => ({ name, type: name === '_lastUpdated' ? 'date' : name === 'owner' ? 'reference' : 'token' })) }] }] }) }) },
  { method: 'POST', path: '/Task', handler: guarded(create) },
  { method: 'GET', path: '/Task/:id', handler: guarded(async (req, ctx) => { const t = await taskStore(ctx.store).get(req.params.id!); return t ? ok(200, t) : outcome(404, 'not-found', [`Task/${req.params.id} is unknown`]); }) },
  { method: 'PUT', path: '/Task/:id', handler: guarded(update) },
  { method: 'GET', path: '/Task', handler: guarded(search) },
];
