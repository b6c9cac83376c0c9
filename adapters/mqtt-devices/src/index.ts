/**
 * mqtt-devices: call terminals, pendants, fall detectors, smoke/gas and door sensors over MQTT
 * (topic scheme `zhsq/v1/{county}/{type}/{id}/event|state|status|cmd|cmd/ack`, interfaces.md §1).
 * Alarms open elderly-call cases as the device, bound to resident and grid by the registry; commands
 * go back to devices; silent devices become technical tickets and close when they return. Grid sensors
 * (bound to a site, not a resident) open grid incidents, and their repeats go into the open case.
 */
import { definePlugin } from '@tongban/plugin-sdk';
import { command } from './command.ts';
import { listen } from './listen.ts';
import { connectionFor } from './connection.ts';
import { configSchema, secretsSchema, type MqttConfig, type MqttSecrets } from './settings.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const f = (zh: string, en: string, extra: Record<string, unknown>) => ({ ...extra, 'x-title': t(zh, en), 'x-help': t(zh, en) });

export default definePlugin<MqttConfig, MqttSecrets>({
  id: 'mqtt-devices', version: '1.0.0', sdk: '^1',
  title: t('物联网设备（MQTT）', 'Care devices (MQTT)'),
  description: t('呼叫终端、跌倒、烟感、燃气、门磁等设备的报警、指令与在线状态', 'Alarms, commands and presence of call terminals, fall, smoke, gas and door sensors'),
  config: { version: 1, schema: configSchema, secrets: secretsSchema },
  operations: { command },
  triggers: {
    alarm: {
      title: t('设备报警', 'Device alarm'),
      description: t('设备事件开启养老呼叫案件（运维类事件开启运维工单）', 'A device event opens an elderly-call case (technical events open a maintenance ticket)'),
      payload: {
        type: 'object', required: ['eventId', 'deviceId', 'deviceType', 'eventType', 'occurredAt', 'gridCode', 'elder', 'emergencyContacts'],
        properties: {
          eventId: f('事件编号', 'Event id', { type: 'string' }), deviceId: f('设备编号', 'Device id', { type: 'string' }), deviceType: f('设备类型', 'Device type', { type: 'string' }),
          eventType: f('事件类型', 'Event type', { type: 'string' }), occurredAt: f('发生时间', 'Occurred at', { type: 'string' }), receivedAt: f('接收时间', 'Received at', { type: 'string' }),
          gridCode: f('网格', 'Grid', { type: 'string' }), battery: f('电量', 'Battery', { type: 'integer' }), alarmCode: f('报警代码', 'Alarm code', { type: 'string' }),
          elder: f('老人', 'Elder', { type: 'object', 'x-pii': 'name' }), emergencyContacts: f('紧急联系人', 'Emergency contacts', { type: 'array', 'x-pii': 'phone' }),
          ageBand: f('年龄段', 'Age band', { type: 'string' }), livingStatus: f('居住状况', 'Living status', { type: 'array', 'x-pii': 'special-identity' }),
          location: f('位置', 'Location', { type: 'object', 'x-pii': 'address' }), serviceType: f('服务类型', 'Service type', { type: 'string' }),
        },
      },
    },
    'grid-alarm': {
      title: t('网格传感器报警', 'Grid sensor alarm'),
      description: t('不绑定老人的网格传感器（烟感、水浸、门磁等）报警开启网格事件，位置取自设备登记，无照片', 'A grid sensor bound to no resident (smoke, water, door, …) opens a grid incident; the location comes from the device registry, no photo'),
      payload: {
        type: 'object', required: ['sourceChannel', 'deviceId', 'urgency', 'majorClass', 'minorClass', 'title', 'description', 'discoveredAt', 'gridCode', 'location'],
        properties: {
          sourceChannel: f('来源渠道', 'Source channel', { const: 'sensor' }), deviceId: f('设备编号', 'Device id', { type: 'string' }),
          urgency: f('紧急程度', 'Urgency', { type: 'string' }), majorClass: f('事件大类', 'Major class', { type: 'string' }), minorClass: f('事件小类', 'Minor class', { type: 'string' }),
          isDispute: f('矛盾纠纷', 'Dispute', { type: 'boolean' }), title: f('标题', 'Title', { type: 'string' }), description: f('描述', 'Description', { type: 'string' }),
          discoveredAt: f('发现时间', 'Discovered at', { type: 'string' }), gridCode: f('网格', 'Grid', { type: 'string' }), buildingId: f('楼栋', 'Building', { type: 'string' }),
          location: f('定位', 'Location', { type: 'object' }),
        },
      },
    },
    'grid-repeat': {
      title: t('传感器重复报警', 'Repeated sensor alarm'),
      description: t('同一传感器在案件未结时再次报警：并入该案件（sensor_repeat），不另开案件', 'The same sensor alarms again while its case is open: folded into that case (sensor_repeat), no new case'),
      payload: {
        type: 'object', additionalProperties: false, required: ['lastAlarmAt'],
        properties: { lastAlarmAt: f('报警时间', 'Alarmed at', { type: 'string' }) },
      },
    },
    'device-seen': {
      title: t('设备在线信号', 'Device sign of life'),
      description: t('设备定期自检（测试）只更新设备台账的最后在线时间，不开案件', 'A device’s periodic test only updates its last seen in the device registry; no case'),
      payload: { type: 'object', additionalProperties: false, required: ['eventType'], properties: {
        eventType: f('事件类型', 'Event type', { type: 'string', enum: ['test', 'heartbeat'] }), occurredAt: f('发生时间', 'Occurred at', { type: 'string' }) } },
    },
    'device-status': {
      title: t('设备恢复在线', 'Device back online'),
      description: t('设备恢复后关闭其运维工单（device_restored）', 'Closes the device’s maintenance ticket when it is back (device_restored)'),
      payload: { type: 'object', additionalProperties: false, properties: {} },
    },
  },
  start: listen,
  async health(ctx) {
    const c = connectionFor(ctx.config, ctx.secrets, 'health');
    return { ok: c.client.connected, detail: JSON.stringify(c.counters) };
  },
});
