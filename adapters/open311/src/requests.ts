/**
 * `POST /requests`: a public report (form-urlencoded, `api_key` required) opens a grid-incident
 * case in the grid its address names; `GET /requests[/{id}]`: status without anything personal —
 * never the reporter's name, phone, e-mail, device or account, the address cut to the building, the
 * position rounded to about 100 m, the description and media not at all (they are shown only after review).
 */
import { timingSafeEqual } from 'node:crypto';
import type { InboundRequest, InboundResponse, PluginContext } from '@tongban/plugin-sdk';
import { answer, failure, iso8 } from './format.ts';
import type { Open311Config, Open311Secrets, Service } from './settings.ts';

type Ctx = PluginContext<Open311Config, Open311Secrets>;

/** What we keep per request (no personal data: the case holds that). */
export interface StoredRequest { id: string; caseId: string; service_code: string; service_name: string; status: 'open' | 'closed'; status_notes?: string; requested: number; updated: number; address: string; lat: number; long: number; client: string }

const MOBILE = /^1[3-9]\d{9}$/;

function keyOwner(ctx: Ctx, key: string | null): string | undefined {
  if (!key) return undefined;
  const k = Buffer.from(key);
  return ctx.secrets.apiKeys?.find((c) => { const b = Buffer.from(c.key); return b.length === k.length && timingSafeEqual(b, k); })?.client;
}

/** The address cut after the building or unit (幸福路12号3栋2单元, never the flat). */
export function toBuilding(address: string): string {
  const m = /^.*?(单元|栋|幢|号楼|号)/.exec(address);
  return (m ? m[0] : address.slice(0, 12)).slice(0, 200);
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** The public view of a stored request. */
export function publicView(r: StoredRequest, notice: string): Record<string, unknown> {
  return {
    service_request_id: r.id, status: r.status, status_notes: r.status_notes ?? '', service_name: r.service_name, service_code: r.service_code,
    service_notice: notice, requested_datetime: iso8(r.requested), updated_datetime: iso8(r.updated), address: r.address, lat: round3(r.lat), long: round3(r.long),
  };
}

/** Handles `POST /requests`. */
export async function postRequest(req: InboundRequest, ctx: Ctx, fmt: 'json' | 'xml'): Promise<InboundResponse> {
  const f = new URLSearchParams(req.body.toString('utf8'));
  const client = keyOwner(ctx, f.get('api_key'));
  if (!client) return failure(fmt, 403, 'api_key 无效 (invalid api_key)');
  const service: Service | undefined = ctx.config.services.find((s) => s.code === f.get('service_code'));
  if (!service) return failure(fmt, 404, 'service_code 不存在 (service_code not found)');
  const [lat, long] = [Number(f.get('lat')), Number(f.get('long'))];
  const address = (f.get('address_string') ?? '').trim();
  const name = `${f.get('last_name') ?? ''}${f.get('first_name') ?? ''}`.trim();
  const phone = (f.get('phone') ?? '').trim();
  const description = (f.get('description') ?? '').trim();
  const media = (f.get('media_url') ?? '').trim();
  const missing = [
    !(Number.isFinite(lat) && Number.isFinite(long) && f.has('lat') && f.has('long')) && 'lat/long',
    address.length < 2 && 'address_string', !name && 'first_name/last_name', !MOBILE.test(phone) && 'phone (大陆手机号 a mainland mobile)',
    description.length < 10 && 'description (≥ 10)', !/^https?:\/\/\S{3,190}$/.test(media) && 'media_url (现场照片 a photo of the scene)',
  ].filter(Boolean);
  if (description.length > 4000) return failure(fmt, 400, 'description 超过 4000 字 (description over 4000 characters)');
  if (missing.length) return failure(fmt, 400, `本服务需要 (this service requires): ${missing.join(', ')}`);
  const area = ctx.config.areas.find((a) => a.match.some((m) => address.includes(m)));
  const gridPath = area?.gridPath ?? ctx.config.defaultGridPath;
  const attributes = [...f.keys()].filter((k) => /^attribute\[[A-Za-z0-9_-]{1,40}\]$/.test(k)).map((k) => `${k.slice(10, -1)}=${f.getAll(k).join('|')}`);
  const now = ctx.clock.now();
  const eventId = `o311-${client}-${f.get('device_id') ?? ''}-${Buffer.from(`${service.code}|${address}|${description}`).toString('base64url').slice(0, 40)}-${Math.floor(now / 60_000)}`.slice(0, 128);
  const data = {
    sourceChannel: 'open311', urgency: 'general', majorClass: service.code.slice(0, 2), minorClass: service.code,
    title: `${service.name}：${description}`.slice(0, 100), description: attributes.length ? `${description}\n（${attributes.join('；')}）`.slice(0, 4000) : description,
    discoveredAt: iso8(now), photosBefore: [media], gridCode: gridPath.split('/').pop()!, address, location: { lat, lng: long, datum: 'WGS84' },
    reporter: { name: name.slice(0, 30), phone },
  };
  const r = await ctx.emit('request-created', { eventId, source: 'external', data, start: { orgPath: gridPath, definition: ctx.config.definition } });
  if (r.status === 'rejected' || !r.caseRef || !r.caseId) {
    ctx.logger.warn({ code: r.reason?.code, client }, 'open311 report refused by the case service');
    return failure(fmt, 400, `无法受理 (could not be accepted): ${r.reason?.code ?? 'unknown'}`);
  }
  if (r.status === 'created') {
    const stored: StoredRequest = { id: r.caseRef, caseId: r.caseId, service_code: service.code, service_name: service.name, status: 'open', requested: now, updated: now, address: toBuilding(address), lat, long, client };
    await ctx.store.put(`req:${r.caseRef}`, stored);
    await ctx.store.put(`case:${r.caseId}`, r.caseRef);
  }
  return answer(fmt, 'service_requests', 'request', [{ service_request_id: r.caseRef, service_notice: ctx.config.serviceNotice, account_id: f.get('account_id') ? 'hidden' : undefined }], 201);
}

/** Handles `GET /requests` (filters) and `GET /requests/{id}`. */
export async function getRequests(req: InboundRequest, ctx: Ctx, fmt: 'json' | 'xml', id?: string): Promise<InboundResponse> {
  if (id !== undefined) {
    const r = await ctx.store.get<StoredRequest>(`req:${id}`);
    return r ? answer(fmt, 'service_requests', 'request', [publicView(r, ctx.config.serviceNotice)]) : failure(fmt, 404, 'service_request_id 不存在 (not found)');
  }
  const q = (k: string) => { const v = req.query[k]; return Array.isArray(v) ? v[0] : v; };
  const ids = q('service_request_id')?.split(',').map((s) => s.trim()).filter(Boolean);
  const start = q('start_date') ? Date.parse(q('start_date')!) : ctx.clock.now() - 90 * 86_400_000;
  const end = q('end_date') ? Date.parse(q('end_date')!) : ctx.clock.now();
  if (Number.isNaN(start) || Number.isNaN(end) || end < start || end - start > 90 * 86_400_000) return failure(fmt, 400, 'start_date/end_date 须为 ISO 8601 且跨度不超过 90 天 (ISO 8601, at most 90 days apart)');
  const status = q('status')?.split(',');
  const codes = q('service_code')?.split(',');
  const all = (await ctx.store.list<StoredRequest>('req:', 5000)).map((e) => e.value);
  const list = ids ? all.filter((r) => ids.includes(r.id))
    : all.filter((r) => r.requested >= start && r.requested <= end && (!status || status.includes(r.status)) && (!codes || codes.includes(r.service_code)));
  return answer(fmt, 'service_requests', 'request', list.sort((a, b) => b.requested - a.requested).slice(0, 1000).map((r) => publicView(r, ctx.config.serviceNotice)));
}
