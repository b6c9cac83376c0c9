/**
 * alarm-receiver: SIA DC-09 over TCP from alarm panels (安定宝-compatible hosts: `ADM-CID` Contact ID and
 * `NULL` heartbeats; interfaces.md §2). Accounts are bound to residents and grids; new events open
 * elderly-call cases as the device, restores close technical tickets.
 */
import { definePlugin } from '@tongban/plugin-sdk';
import { counters, startReceiver } from './receiver.ts';
import { configSchema, secretsSchema, type ReceiverConfig, type ReceiverSecrets } from './settings.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const f = (zh: string, en: string, extra: Record<string, unknown>) => ({ ...extra, 'x-title': t(zh, en), 'x-help': t(zh, en) });

export default definePlugin<ReceiverConfig, ReceiverSecrets>({
  id: 'alarm-receiver', version: '1.0.0', sdk: '^1',
  title: t('报警主机接收（SIA DC-09）', 'Alarm receiver (SIA DC-09)'),
  description: t('接收报警主机的 DC-09 报文（Contact ID），开启养老呼叫案件', 'Receives DC-09 frames (Contact ID) from alarm panels and opens elderly-call cases'),
  config: { version: 1, schema: configSchema, secrets: secretsSchema },
  triggers: {
    alarm: { title: t('主机报警', 'Panel alarm'), description: t('新事件开启养老呼叫案件或运维工单', 'A new event opens an elderly-call case or a maintenance ticket'),
      payload: { type: 'object', required: ['deviceId', 'eventType', 'alarmCode', 'occurredAt', 'gridCode', 'elder', 'emergencyContacts'], properties: {
        deviceId: f('设备', 'Device', { type: 'string' }), deviceType: f('设备类型', 'Device type', { type: 'string' }), eventType: f('事件类型', 'Event type', { type: 'string' }),
        alarmCode: f('CID 代码', 'CID code', { type: 'string' }), occurredAt: f('发生时间', 'Occurred at', { type: 'string' }), receivedAt: f('接收时间', 'Received at', { type: 'string' }),
        gridCode: f('网格', 'Grid', { type: 'string' }), elder: f('老人', 'Elder', { type: 'object', 'x-pii': 'name' }), emergencyContacts: f('紧急联系人', 'Contacts', { type: 'array', 'x-pii': 'phone' }),
        livingStatus: f('居住状况', 'Living status', { type: 'array', 'x-pii': 'special-identity' }) } } },
    'device-seen': { title: t('设备在线信号', 'Device sign of life'), description: t('定期测试报文只更新设备台账的最后在线时间，不开案件', 'A periodic test report only updates the device’s last seen in the registry; no case'),
      payload: { type: 'object', additionalProperties: false, required: ['eventType'], properties: { eventType: f('事件类型', 'Event type', { type: 'string', enum: ['heartbeat'] }) } } },
    restore: { title: t('恢复', 'Restore'), description: t('恢复报文关闭运维工单（device_restored）', 'A restore closes the maintenance ticket (device_restored)'), payload: { type: 'object', additionalProperties: false, properties: {} } },
  },
  async start(ctx) {
    const r = await startReceiver(ctx);
    return r.stop;
  },
  async health(ctx) { return { ok: true, detail: JSON.stringify(counters.get(ctx.config) ?? {}) }; },
});
