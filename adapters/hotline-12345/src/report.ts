/**
 * 签收 / 退单 / 延期 / 办结 out: one operation each, posting to the county's endpoint in the county's
 * field names, HMAC-signed with the call's idempotency key (the same on every retry, so the hotline
 * records a status once). 5xx, 429 and timeouts are retried; a 4xx or a refusal code never is.
 */
import { defineOperation, expectOk, PermanentError, RetryableError, signBody, type OperationContext } from '@tongban/plugin-sdk';
import { iso8 } from './orders.ts';
import type { Endpoints, HotlineConfig, HotlineSecrets, OutboundFields } from './settings.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const f = (zh: string, en: string, extra: Record<string, unknown>) => ({ ...extra, 'x-title': t(zh, en), 'x-help': t(zh, en) });
type Ctx = OperationContext<HotlineConfig, HotlineSecrets>;
type Input = Record<string, unknown> & { externalRef: string };

const ref = f('12345工单号', '12345 order no.', { type: 'string', minLength: 1, maxLength: 40 });
const note = f('意见', 'Note', { type: ['string', 'null'], maxLength: 1000 });

/** Our input keys → the outbound field they fill (the county names it). */
const keys: Record<string, keyof OutboundFields> = { note: 'note', reason: 'reason', unit: 'unit', extension: 'extension', dueAt: 'dueAt', result: 'result', closeReason: 'closeReason' };

function bodyOf(ctx: Ctx, status: keyof Endpoints, input: Input): Record<string, unknown> {
  const o = ctx.config.outbound;
  const out: Record<string, unknown> = { [o.orderNo]: input.externalRef, [o.status]: ctx.config.statusCodes[status], [o.time]: iso8(ctx.clock.now()) };
  for (const [k, field] of Object.entries(keys)) {
    let v = input[k];
    if (v === undefined || v === null || v === '') continue;
    if (k === 'dueAt' && typeof v === 'number') v = iso8(v);
    if (k === 'unit' && typeof v === 'string') v = v.split('/').filter(Boolean).pop() ?? v; // the unit's code, not our org path
    out[o[field]] = typeof v === 'string' ? v.slice(0, 1000) : v;
  }
  return out;
}

async function post(ctx: Ctx, status: keyof Endpoints, input: Input): Promise<{ accepted: true; status: keyof Endpoints }> {
  const body = JSON.stringify(bodyOf(ctx, status, input));
  const url = ctx.config.baseUrl.replace(/\/$/, '') + ctx.config.endpoints[status];
  const res = expectOk(await ctx.http.request(url, {
    method: 'POST', body, timeoutMs: ctx.config.timeoutMs,
    headers: { 'content-type': 'application/json', 'x-app-key': ctx.secrets.appKey ?? '', 'x-signature': signBody(ctx.secrets.signingSecret, body, ctx.clock.now()), 'idempotency-key': ctx.idempotencyKey },
  }), `12345 ${status}`);
  let answer: { code?: unknown; message?: unknown };
  try { answer = res.json(); } catch { throw new RetryableError('hotline.bad-answer', '热线平台应答无法解析', { en: 'The hotline’s answer does not parse' }); }
  const code = String(answer?.code ?? '').slice(0, 32);
  if (!ctx.config.successCodes.includes(code)) {
    throw new PermanentError('hotline.refused', `热线平台拒绝了${({ sign: '签收', return: '退单', extend: '延期', close: '办结' })[status]}回传`, { en: `The hotline refused the ${status} report`, hotlineCode: code, hotlineMessage: String(answer?.message ?? '').slice(0, 200) });
  }
  ctx.logger.info({ status, order: input.externalRef }, '12345 status reported');
  return { accepted: true, status };
}

const output = { type: 'object', required: ['accepted', 'status'], properties: { accepted: { type: 'boolean', 'x-title': t('已回传', 'Reported') }, status: { type: 'string', 'x-title': t('状态', 'Status') } } };
const retry = { attempts: 6, backoff: { initialMs: 10_000, factor: 3, maxMs: 1_800_000 } };

function operation(status: keyof Endpoints, title: [string, string], description: [string, string], properties: Record<string, unknown>) {
  return defineOperation<Input, { accepted: true; status: keyof Endpoints }, HotlineConfig, HotlineSecrets>({
    title: t(...title), description: t(...description), output, retry, timeoutMs: 15_000,
    input: { type: 'object', additionalProperties: false, required: ['externalRef'], properties: { externalRef: ref, ...properties } },
    run: (ctx, input) => post(ctx, status, input),
  });
}

export const sign = operation('sign', ['签收回传', 'Report sign-for'], ['责任单位签收后告知热线', 'Tells the hotline the unit signed for the order'],
  { unit: f('承办单位', 'Unit', { type: ['string', 'null'], maxLength: 200 }), note });
export const returnOrder = operation('return', ['退单回传', 'Return the order'], ['不予受理的工单退回热线，附理由', 'Returns an order not taken in, with the reason'],
  { reason: f('退单理由', 'Reason', { type: ['string', 'null'], maxLength: 200 }), note });
export const extend = operation('extend', ['延期回传', 'Report an extension'], ['经批准的延期及新的办结期限', 'An approved extension and the new deadline'],
  { extension: f('延期时长', 'Extension', { type: ['string', 'null'], maxLength: 20 }), reason: f('延期理由', 'Reason', { type: ['string', 'null'], maxLength: 1000 }), dueAt: f('新办结期限', 'New deadline', { type: ['number', 'string', 'null'] }), note });
export const close = operation('close', ['办结回传', 'Report closing'], ['办理结果与办结类型', 'The result and how the order closed'],
  { result: f('办理结果', 'Result', { type: ['string', 'null'], maxLength: 1000 }), closeReason: f('办结类型', 'Close type', { type: ['string', 'null'], maxLength: 32 }), note });
