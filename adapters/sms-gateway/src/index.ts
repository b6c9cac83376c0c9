/**
 * sms-gateway: sends template SMS through a Chinese carrier platform's HTTP API (pre-approved 签名
 * and 模板: `SignName`, `TemplateCode`, `TemplateParam`, `OutId`, as Aliyun SendSms takes them),
 * HMAC-signed, with the call's idempotency key as `OutId` so a retry is sent once. 5xx and timeouts
 * are retried, a 4xx never; a per-number hourly cap protects residents from floods. Delivery
 * receipts (状态报告) arrive signed at `/ext/sms-gateway/receipts` and advance the case. A text that
 * takes replies carries a reply code; replies (上行短信) at `/ext/sms-gateway/replies` reach the case by it.
 */
import { definePlugin } from '@tongban/plugin-sdk';
import { send } from './send.ts';
import { receipts } from './receipts.ts';
import { replies } from './replies.ts';
import { configSchema, secretsSchema, type SmsConfig, type SmsSecrets } from './settings.ts';

export default definePlugin<SmsConfig, SmsSecrets>({
  id: 'sms-gateway', version: '1.0.0', sdk: '^1',
  title: { 'zh-CN': '短信网关', en: 'SMS gateway' },
  description: { 'zh-CN': '经运营商短信平台发送模板短信，接收状态报告', en: 'Sends template SMS through a carrier platform and receives delivery receipts' },
  config: { version: 1, schema: configSchema, secrets: secretsSchema },
  operations: { send },
  triggers: {
    receipt: {
      title: { 'zh-CN': '短信状态报告', en: 'Delivery receipt' },
      description: { 'zh-CN': '运营商回调的送达结果，推进案件（sms.delivered / sms.undelivered）', en: 'The carrier’s delivery result; advances the case (sms.delivered / sms.undelivered)' },
      payload: { type: 'object', additionalProperties: false, properties: {} },
    },
    reply: {
      title: { 'zh-CN': '短信回复', en: 'SMS reply' },
      description: { 'zh-CN': '家属、志愿者回复短信（如 1 接单、2 无法前往）：按短信中的回复编号找到案件，推进为对应事件', en: 'A family member or volunteer replies to a text (1 accept, 2 decline): the reply code in the text finds the case, and the reply becomes its event' },
      payload: { type: 'object', additionalProperties: false, properties: { replier: { type: 'string', maxLength: 64, 'x-title': { 'zh-CN': '回复人', en: 'Replier' },
        'x-help': { 'zh-CN': '短信发给平台用户（如志愿者）时，回复人的用户编号（由回复编号确定）', en: 'When the text went to a platform user (a volunteer), their user id (known from the reply code)' } } } },
    },
  },
  routes: [receipts, replies],
});
