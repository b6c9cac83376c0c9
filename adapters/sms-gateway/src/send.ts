/** `sms-gateway.send`: one template SMS to one mainland mobile. */
import { defineOperation, expectOk, PermanentError, RetryableError, signBody, type OperationContext } from '@tongban/plugin-sdk';
import type { SmsConfig, SmsSecrets } from './settings.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** Carrier codes that retrying cannot fix. */
const PERMANENT = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.TEMPLATE_MISSING_PARAMETERS', 'isv.SMS_TEMPLATE_ILLEGAL', 'isv.SMS_SIGNATURE_ILLEGAL', 'isv.BLACK_KEY_CONTROL_LIMIT']);

async function underCap(ctx: OperationContext<SmsConfig, SmsSecrets>, to: string): Promise<boolean> {
  const hour = Math.floor(ctx.clock.now() / 3_600_000);
  const key = `rate:${to}:${hour}`;
  const n = ((await ctx.store.get<number>(key)) ?? 0) + 1;
  if (n > ctx.config.perNumberPerHour) return false;
  await ctx.store.put(key, n);
  return true;
}

type SendInput = { to: string; templateId: string; params?: Record<string, unknown>; caseId?: string } & Record<string, unknown>;

export const send = defineOperation<SendInput, { messageId: string }, SmsConfig, SmsSecrets>({
  title: t('发送短信', 'Send an SMS'),
  description: t('向一个大陆手机号发送一条模板短信；不得含敏感个人信息', 'Sends one template SMS to a mainland mobile; no sensitive personal data in it'),
  input: {
    // other keys are template variables, as definitions write them beside the template (`scheduledAt`, `appointmentAt`)
    type: 'object', required: ['to', 'templateId'], additionalProperties: { type: ['string', 'number', 'boolean', 'null'], maxLength: 200 }, maxProperties: 24,
    properties: {
      to: { type: 'string', pattern: '^1[3-9][0-9]{9}$', 'x-pii': 'phone', 'x-title': t('手机号', 'Mobile'), 'x-help': t('接收人的大陆手机号', 'The recipient’s mainland mobile') },
      templateId: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$', 'x-title': t('模板', 'Template'), 'x-help': t('平台审核通过的模板编号', 'The approved template code') },
      params: { type: 'object', maxProperties: 20, 'x-title': t('模板参数', 'Template parameters'), 'x-help': t('模板中的变量', 'The template’s variables') },
      caseId: { type: 'string', maxLength: 64, 'x-title': t('案件', 'Case'), 'x-help': t('用于把状态报告关联回案件', 'Links the delivery receipt to the case') },
    },
  },
  output: { type: 'object', required: ['messageId'], properties: { messageId: { type: 'string', 'x-title': t('短信编号', 'Message id') } } },
  retry: { attempts: 4, backoff: { initialMs: 5_000, factor: 3, maxMs: 300_000 } },
  timeoutMs: 10_000,
  async run(ctx, input) {
    if (!(await underCap(ctx, input.to))) throw new RetryableError('sms.per-number-limit', '该号码本小时短信已达上限，稍后再发', { en: 'This number had its texts for the hour; sending later' });
    const { to, templateId, params, caseId, ...vars } = input;
    const body = JSON.stringify({ PhoneNumbers: to, SignName: ctx.config.signName, TemplateCode: templateId, TemplateParam: JSON.stringify({ ...vars, ...(params ?? {}), ...(caseId ? { caseId } : {}) }), OutId: ctx.idempotencyKey });
    const res = expectOk(await ctx.http.request(`${ctx.config.baseUrl.replace(/\/$/, '')}/sms/send`, {
      method: 'POST', body, timeoutMs: ctx.config.timeoutMs,
      headers: { 'content-type': 'application/json', 'x-access-key': ctx.secrets.accessKey, 'x-signature': signBody(ctx.secrets.signingSecret, body, ctx.clock.now()), 'idempotency-key': ctx.idempotencyKey },
    }), 'sms send');
    let answer: { Code?: string; BizId?: string };
    try { answer = res.json(); } catch { throw new RetryableError('sms.bad-answer', '短信平台应答无法解析', { en: 'The carrier’s answer does not parse' }); }
    if (answer.Code !== 'OK') {
      const code = String(answer.Code ?? 'unknown').slice(0, 60);
      if (PERMANENT.has(code)) throw new PermanentError('sms.rejected', '短信平台拒绝发送', { en: 'The carrier refused the text', carrierCode: code });
      throw new RetryableError('sms.carrier-error', '短信平台暂时无法发送', { en: 'The carrier could not send now', carrierCode: code });
    }
    if (typeof answer.BizId !== 'string' || !answer.BizId) throw new RetryableError('sms.bad-answer', '短信平台应答缺少编号', { en: 'The carrier’s answer has no message id' });
    if (input.caseId) await ctx.store.put(`msg:${answer.BizId}`, { caseId: input.caseId });
    ctx.logger.info({ messageId: answer.BizId, to: input.to, template: input.templateId }, 'sms accepted by the carrier');
    return { messageId: answer.BizId };
  },
});
