/**
 * `GET /api/client-config` (public): what the workbench needs before sign-in — the county work
 * calendars (the default and every other one an item may name; a deadline says which it counts on,
 * so live countdowns count working time exactly as the server does), the server's clock
 * (to correct a device's skew) and the ID-card reader bridge when one is configured.
 */
import { countyCalendars, countyDefault, nationalYears } from '@tongban/definitions/calendars';
import { allowedTypes } from '../attachments/attachments.router.ts';
import { defineOperation, ok, type Operation } from './operation.ts';
import type { Services } from '../services.ts';

const schemas = {
  ClientConfig: {
    type: 'object', additionalProperties: false, required: ['serverTime', 'idCardBridgeUrl', 'calendar', 'oidc', 'attachments'],
    properties: {
      serverTime: { type: 'integer', description: '服务器时间（毫秒） Server time, epoch ms' },
      idCardBridgeUrl: { type: ['string', 'null'], description: '本机身份证读卡器桥接地址 The local ID-card reader bridge' },
      attachments: { type: 'object', additionalProperties: false, required: ['maxBytes', 'types'], description: '附件上传限制 What an attachment upload may be',
        properties: { maxBytes: { type: 'integer', description: '单个附件的最大字节数 Largest file, bytes' }, types: { type: 'array', items: { type: 'string' }, description: '允许的内容类型 Allowed content types' } } },
      oidc: { type: 'boolean', description: '是否提供统一身份认证（OIDC）登录 Whether OIDC sign-in is offered' },
      calendar: {
        type: 'object', additionalProperties: false, required: ['county', 'years', 'calendars'],
        properties: {
          county: { type: 'object', additionalProperties: true, description: '默认县级日历 The default county calendar' },
          years: { type: 'array', items: { type: 'object', additionalProperties: true }, description: '全国节假日与调休 National holidays and make-up workdays' },
          calendars: { type: 'array', items: { type: 'object', additionalProperties: true }, description: '全部县级日历（含默认），按 id 对应期限的 calendar Every county calendar (the default too); a deadline names one by id' },
        },
      },
    },
  },
};

/** The client-config operation. */
export function clientConfigOperations(s: Services): Operation[] {
  return [defineOperation({
    method: 'get', path: '/api/client-config', operationId: 'clientConfig', tag: 'meta', auth: false, responses: ok('ClientConfig'), schemas,
    summary: '客户端配置（工作日历、服务器时间、读卡器） Client settings: calendar, server time, ID-card reader',
    async handler() {
      return { body: { serverTime: Date.now(), idCardBridgeUrl: s.config.idCardBridgeUrl ?? null, oidc: !!s.config.oidc, attachments: { maxBytes: s.config.attachmentMaxBytes, types: allowedTypes }, calendar: { county: countyDefault, years: nationalYears, calendars: countyCalendars } } };
    },
  })];
}
