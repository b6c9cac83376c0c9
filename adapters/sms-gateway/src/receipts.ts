/** Delivery receipts (状态报告): signed callbacks from the carrier, accepted once, turned into case events. */
import { verifySigned, type RouteSpec } from '@tongban/plugin-sdk';
import type { SmsConfig, SmsSecrets } from './settings.ts';

interface Receipt { BizId?: unknown; Status?: unknown; ErrCode?: unknown }

export const receipts: RouteSpec<SmsConfig, SmsSecrets> = {
  method: 'POST', path: '/receipts',
  async handler(req, ctx) {
    const sig = await verifySigned({ secret: ctx.secrets.signingSecret, header: req.headers['x-signature'], body: req.body, clock: ctx.clock, store: ctx.store });
    if (!sig.ok) {
      ctx.logger.warn({ code: sig.problem }, 'receipt refused');
      return { status: 401, body: { error: { code: sig.problem } } };
    }
    let list: Receipt[];
    try {
      const parsed = JSON.parse(req.body.toString('utf8')) as unknown;
      list = (Array.isArray(parsed) ? parsed : [parsed]) as Receipt[];
    } catch { return { status: 400, body: { error: { code: 'receipt.malformed' } } }; }
    const results: string[] = [];
    for (const r of list.slice(0, 500)) {
      if (typeof r?.BizId !== 'string' || !['DELIVERED', 'UNDELIVERED'].includes(String(r.Status))) { results.push('malformed'); continue; }
      await ctx.store.put(`receipt:${r.BizId}`, { status: r.Status, code: typeof r.ErrCode === 'string' ? r.ErrCode.slice(0, 40) : undefined, at: ctx.clock.now() });
      const msg = await ctx.store.get<{ caseId: string }>(`msg:${r.BizId}`);
      if (!msg) { results.push('unknown'); continue; }
      const ev = await ctx.emit('receipt', { eventId: `receipt-${r.BizId}`, data: {}, advance: { caseId: msg.caseId, event: r.Status === 'DELIVERED' ? 'sms.delivered' : 'sms.undelivered' } });
      results.push(ev.status);
    }
    return { status: 200, body: { results } };
  },
};
