/**
 * hotline-12345: the county's 12345 hotline work-order sync (shared/domain/interfaces.md §8, a
 * per-county interface). 派单 comes in signed at `/ext/hotline-12345/orders` and opens a grid-incident
 * case (trigger `hotline-12345.dispatch`) carrying the hotline's deadline; 签收, 退单, 延期 and 办结 go
 * out as the operations `sign`, `return`, `extend` and `close`. Endpoints, field names both ways,
 * category, urgency and area mappings are settings, so another county's layout needs no code.
 */
import { definePlugin } from '@tongban/plugin-sdk';
import { orders } from './orders.ts';
import { close, extend, returnOrder, sign } from './report.ts';
import { configSchema, secretsSchema, type HotlineConfig, type HotlineSecrets } from './settings.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const p = (zh: string, en: string, extra: Record<string, unknown>) => ({ ...extra, 'x-title': t(zh, en), 'x-help': t(zh, en) });

/** What a 派单 opens: the grid-incident intake fields the order fills. */
const dispatchPayload = {
  type: 'object', required: ['sourceChannel', 'externalRef', 'description', 'address', 'reporter'], properties: {
    sourceChannel: p('来源', 'Source', { type: 'string', const: 'hotline-12345' }), externalRef: p('工单号', 'Order no.', { type: 'string' }),
    urgency: p('紧急程度', 'Urgency', { type: 'string' }), majorClass: p('大类', 'Major class', { type: 'string' }), minorClass: p('小类', 'Minor class', { type: 'string' }),
    isDispute: p('矛盾纠纷', 'Dispute', { type: 'boolean' }), title: p('标题', 'Title', { type: 'string' }), description: p('诉求内容', 'Request', { type: 'string' }),
    discoveredAt: p('派单时间', 'Dispatched at', { type: 'string' }), gridCode: p('网格', 'Grid', { type: 'string' }),
    address: p('来电人反映的地址', 'Address the caller gave', { type: 'string', 'x-pii': 'address' }), location: p('定位', 'Location', { type: 'object', 'x-pii': 'gps' }),
    reporter: p('来电人', 'Caller', { type: 'object', 'x-pii': 'name', properties: { name: p('姓名', 'Name', { type: 'string', 'x-pii': 'name' }), phone: p('来电号码', 'Phone', { type: 'string', 'x-pii': 'phone' }) } }),
    hotlineDeadline: p('热线办理时限', 'Hotline deadline', { type: 'string' }),
  },
};

export default definePlugin<HotlineConfig, HotlineSecrets>({
  id: 'hotline-12345', version: '1.0.0', sdk: '^1',
  title: t('12345热线工单', '12345 hotline orders'),
  description: t('12345 派单开启网格事件；签收、退单、延期、办结回传热线；字段和接口按县配置', '12345 orders open grid incidents; sign-for, return, extension and closing go back; fields and endpoints per county'),
  config: { version: 1, schema: configSchema, secrets: secretsSchema },
  operations: { sign, return: returnOrder, extend, close },
  triggers: { dispatch: { title: t('12345派单', '12345 order'), description: t('热线派来的工单开启网格事件', 'An order from the hotline opens a grid incident'), payload: dispatchPayload } },
  routes: [orders],
});
