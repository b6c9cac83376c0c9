/**
 * One text to the carrier platform (Aliyun SendSms shape: `PhoneNumbers`, `SignName`, `TemplateCode`,
 * `TemplateParam`, `OutId`, and `SmsUpExtendCode` — the extension a reply comes back to), signed, with the
 * per-number hourly cap. Shared by the `send` operation and the answers to replies.
 */
import { expectOk, PermanentError, RetryableError, signBody, type BaseContext } from '@tongban/plugin-sdk';
import type { SmsConfig, SmsSecrets } from './settings.ts';

/** Carrier codes that retrying cannot fix. */
const PERMANENT = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.TEMPLATE_MISSING_PARAMETERS', 'isv.SMS_TEMPLATE_ILLEGAL', 'isv.SMS_SIGNATURE_ILLEGAL', 'isv.BLACK_KEY_CONTROL_LIMIT']);

type Ctx = BaseContext<SmsConfig, SmsSecrets>;

/** True while `to` has texts left this hour (and counts this one). */
export async function underCap(ctx: Ctx, to: string): Promise<boolean> {
  const hour = Math.floor(ctx.clock.now() / 3_600_000);
  const key = `rate:${to}:${hour}`;
  const n = ((await ctx.store.get<number>(key)) ?? 0) + 1;
  if (n > ctx.config.perNumberPerHour) return false;
  await ctx.store.put(key, n);
  return true;
}

/** One text as the carrier takes it. */
export interface CarrierText { to: string; templateId: string; templateParam: Record<string, unknown>; outId: string; extendCode?: string }

/** Sends one text; answers the carrier's message id. 5xx, timeouts and unreadable answers are retryable, 4xx and the permanent codes not. */
export async function carrierSend(ctx: Ctx, m: CarrierText): Promise<string> {
  const body = JSON.stringify({ PhoneNumbers: m.to, SignName: ctx.config.signName, TemplateCode: m.templateId, TemplateParam: JSON.stringify(m.templateParam), OutId: m.outId, ...(m.extendCode ? { SmsUpExtendCode: m.extendCode } : {}) });
  const res = expectOk(await ctx.http.request(`${ctx.config.baseUrl.replace(/\/$/, '')}/sms/send`, {
    method: 'POST', body, timeoutMs: ctx.config.timeoutMs,
    headers: { 'content-type': 'application/json', 'x-access-key': ctx.secrets.accessKey, 'x-signature': signBody(ctx.secrets.signingSecret, body, ctx.clock.now()), 'idempotency-key': m.outId },
  }), 'sms send');
  let answer: { Code?: string; BizId?: string };
  try { answer = res.json(); } catch { throw new RetryableError('sms.bad-answer', '短信平台应答无法解析', { en: 'The carrier’s answer does not parse' }); }
  if (answer.Code !== 'OK') {
    const code = String(answer.Code ?? 'unknown').slice(0, 60);
    if (PERMANENT.has(code)) throw new PermanentError('sms.rejected', '短信平台拒绝发送', { en: 'The carrier refused the text', carrierCode: code });
    throw new RetryableError('sms.carrier-error', '短信平台暂时无法发送', { en: 'The carrier could not send now', carrierCode: code });
  }
  if (typeof answer.BizId !== 'string' || !answer.BizId) throw new RetryableError('sms.bad-answer', '短信平台应答缺少编号', { en: 'The carrier’s answer has no message id' });
  return answer.BizId;
}
