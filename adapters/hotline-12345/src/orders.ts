/**
 * 派单 in: the hotline posts a signed order to `/ext/hotline-12345/orders` in the county's own field
 * names; it becomes a grid-incident case (trigger `hotline-12345.dispatch`) with the caller's address,
 * the order number and the hotline's deadline, in the grid its area names. A re-sent order (same
 * number and dispatch time) answers the case already opened; a changed dispatch time (派单 again after
 * 退单) opens a new one. Refusals are coded, in zh-CN and English, naming the county's field.
 */
import { verifySigned, type InboundResponse, type PluginContext, type RouteSpec } from '@tongban/plugin-sdk';
import type { HotlineConfig, HotlineSecrets, InboundFields } from './settings.ts';

type Ctx = PluginContext<HotlineConfig, HotlineSecrets>;

/** The epoch ms as an ISO time in China (+08:00), as interfaces.md asks. */
export function iso8(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
}

/** A hotline time (ISO, or `yyyy-MM-dd HH:mm[:ss]` in China time) as ISO +08:00; undefined when it is not a time. */
export function hotlineTime(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  const s = v.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(s);
  const ms = local ? Date.parse(`${local[1]}T${local[2]}${local[3] ?? ':00'}+08:00`) : /(Z|[+-]\d{2}:\d{2})$/.test(s) ? Date.parse(s) : NaN;
  return Number.isFinite(ms) ? iso8(ms) : undefined;
}

function refuse(status: number, code: string, zh: string, en: string, details?: unknown): InboundResponse {
  return { status, body: { code, message: `${zh} (${en})`, error: { code, message: { 'zh-CN': zh, en }, ...(details ? { details } : {}) } } };
}

const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '');

/** Maps an order (county field names) to the grid-incident intake; a refusal names what is missing. */
export function mapOrder(order: Record<string, unknown>, c: HotlineConfig): { orgPath: string; data: Record<string, unknown>; orderNo: string; dispatchedAt: string } | InboundResponse {
  const f: InboundFields = c.inbound;
  const get = (k: keyof InboundFields) => text(order[f[k]]);
  const missing = (['orderNo', 'content', 'address'] as const).filter((k) => !get(k));
  if (missing.length) {
    const names = missing.map((k) => f[k]).join(', ');
    return refuse(400, 'hotline.missing-field', `派单缺少必填字段：${names}（12345 工单须有工单编号、诉求内容和来电人反映的地址）`, `The order lacks: ${names} (a 12345 order needs its number, the request and the caller's address)`, { fields: missing.map((k) => f[k]) });
  }
  const deadline = order[f.deadline] === undefined ? undefined : hotlineTime(order[f.deadline]);
  if (order[f.deadline] !== undefined && !deadline) return refuse(400, 'hotline.bad-time', `办理时限 ${f.deadline} 不是有效时间`, `The deadline ${f.deadline} is not a time`, { fields: [f.deadline] });
  const address = get('address').slice(0, 200);
  const area = c.areas.find((a) => (a.code && a.code === get('area')) || (a.match ?? []).some((m) => address.includes(m)));
  const orgPath = area?.gridPath ?? c.defaultGridPath;
  const cls = c.classes.find((x) => x.category === get('category'));
  const [lat, lng] = [Number(order[f.lat]), Number(order[f.lng])];
  const content = get('content').slice(0, 4000);
  const phone = get('callerPhone');
  const dispatchedAt = hotlineTime(order[f.dispatchedAt]) ?? '';
  const data: Record<string, unknown> = {
    sourceChannel: 'hotline-12345', externalRef: get('orderNo').slice(0, 40), urgency: c.urgentCodes.includes(get('urgency')) ? 'urgent' : 'general',
    majorClass: cls?.majorClass ?? c.defaultClass.majorClass, minorClass: cls?.minorClass ?? c.defaultClass.minorClass, isDispute: cls?.isDispute ?? false,
    title: (get('title') || content).slice(0, 100), description: content, discoveredAt: dispatchedAt || undefined,
    gridCode: orgPath.split('/').pop()!, address,
    reporter: { name: (get('callerName') || '来电人').slice(0, 30), phone },
    ...(deadline ? { hotlineDeadline: deadline } : {}),
    ...(Number.isFinite(lat) && Number.isFinite(lng) && order[f.lat] !== undefined && order[f.lng] !== undefined ? { location: { lat, lng, datum: c.datum } } : {}),
  };
  for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
  return { orgPath, data, orderNo: get('orderNo'), dispatchedAt };
}

/** `POST /orders`: a signed 派单. */
export const orders: RouteSpec<HotlineConfig, HotlineSecrets> = {
  method: 'POST', path: '/orders',
  async handler(req, ctx: Ctx) {
    const sig = await verifySigned({ secret: ctx.secrets.signingSecret, header: req.headers['x-signature'], body: req.body, clock: ctx.clock, store: ctx.store });
    if (!sig.ok) {
      ctx.logger.warn({ code: sig.problem }, '12345 order refused: signature');
      return refuse(401, sig.problem, '签名无效或已使用', 'The signature is invalid or was used before');
    }
    let order: Record<string, unknown>;
    try {
      const parsed = JSON.parse(req.body.toString('utf8')) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      order = parsed as Record<string, unknown>;
    } catch { return refuse(400, 'hotline.malformed', '派单报文不是 JSON 对象', 'The order is not a JSON object'); }
    const mapped = mapOrder(order, ctx.config);
    if ('status' in mapped) return mapped;
    // the order number and its dispatch time: a re-sent order is one event, a new 派单 after 退单 another
    const when = mapped.dispatchedAt ? String(Date.parse(mapped.dispatchedAt)) : 'first';
    const eventId = `12345-${mapped.orderNo.replace(/[^A-Za-z0-9._:@-]/g, '_')}-${when}`.slice(0, 128);
    const r = await ctx.emit('dispatch', { eventId, source: 'external', data: mapped.data, start: { orgPath: mapped.orgPath, definition: ctx.config.definition } });
    if (r.status === 'rejected' || !r.caseId) {
      ctx.logger.warn({ code: r.reason?.code }, '12345 order refused by the case service');
      return refuse(422, r.reason?.code ?? 'hotline.refused', '工单不能受理，请按问题补全后重新派单', 'The order cannot be taken in; complete it and dispatch again', (r.reason as { details?: unknown } | undefined)?.details);
    }
    await ctx.store.put(`order:${mapped.orderNo}`, { caseId: r.caseId, caseRef: r.caseRef });
    await ctx.store.put(`case:${r.caseId}`, mapped.orderNo);
    return { status: 200, body: { code: '0', message: r.status === 'duplicate' ? '已受理（重复派单）' : '已受理', caseRef: r.caseRef, duplicate: r.status === 'duplicate' } };
  },
};
