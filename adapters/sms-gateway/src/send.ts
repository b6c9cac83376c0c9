/** `sms-gateway.send`: one template SMS to one mainland mobile; with `replies`, a reply code so answers come back to the case. */
import { defineOperation, RetryableError } from '@tongban/plugin-sdk';
import { carrierSend, underCap } from './carrier.ts';
import { issueReplyCode } from './replyCodes.ts';
import type { SmsConfig, SmsSecrets } from './settings.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

type SendInput = { to: string; templateId: string; params?: Record<string, unknown>; caseId?: string; replies?: Record<string, string>; replyWithinMinutes?: number; replier?: string } & Record<string, unknown>;

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
      replies: { type: 'object', minProperties: 1, maxProperties: 6, propertyNames: { pattern: '^[0-9A-Za-z\u4e00-\u9fa5]{1,8}$' }, additionalProperties: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_.-]{0,63}$' },
        'x-title': t('可回复', 'Replies'), 'x-help': t('回复内容 → 案件事件（如 1 → family_accepted）；须同时给出案件', 'Reply word → case event (1 → family_accepted); needs the case') },
      replier: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$', 'x-title': t('回复人', 'Replier'), 'x-help': t('短信发给的平台用户（如志愿者）；其回复作为该用户的回复带回案件', 'The platform user the text goes to (a volunteer); a reply comes back to the case as theirs') },
      replyWithinMinutes: { type: 'integer', minimum: 1, maximum: 10_080, default: 30, 'x-title': t('回复有效期（分钟）', 'Replies within (min)'), 'x-help': t('超时的回复只答复，不推进案件', 'Later replies are answered, never sent to the case') },
    },
    dependentRequired: { replies: ['caseId'], replier: ['replies'] },
  },
  output: { type: 'object', required: ['messageId'], properties: { messageId: { type: 'string', 'x-title': t('短信编号', 'Message id') } } },
  retry: { attempts: 4, backoff: { initialMs: 5_000, factor: 3, maxMs: 300_000 } },
  timeoutMs: 10_000,
  async run(ctx, input) {
    if (!(await underCap(ctx, input.to))) throw new RetryableError('sms.per-number-limit', '该号码本小时短信已达上限，稍后再发', { en: 'This number had its texts for the hour; sending later' });
    const { to, templateId, params, caseId, replies, replyWithinMinutes, replier, ...vars } = input;
    const templateParam: Record<string, unknown> = { ...vars, ...(params ?? {}), ...(caseId ? { caseId } : {}) };
    let extendCode: string | undefined;
    if (replies && caseId) {
      extendCode = await issueReplyCode(ctx, ctx.idempotencyKey, { caseId, to, replies, expiresAt: ctx.clock.now() + (replyWithinMinutes ?? 30) * 60_000, ...(replier ? { replier } : {}) });
      templateParam.replyCode = extendCode;
      // the code is also in the words, for a phone or carrier that does not reply to the extension
      if (typeof templateParam.text === 'string') templateParam.text = `${templateParam.text}（回复编号${extendCode}）`;
    }
    const messageId = await carrierSend(ctx, { to, templateId, templateParam, outId: ctx.idempotencyKey, extendCode });
    if (caseId) await ctx.store.put(`msg:${messageId}`, { caseId });
    ctx.logger.info({ messageId, to, template: templateId, replies: !!extendCode }, 'sms accepted by the carrier');
    return { messageId };
  },
});
