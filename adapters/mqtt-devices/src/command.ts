/** `mqtt-devices.command`: a command to a device on its `cmd` topic, answered on `cmd/ack` with the same cmdId. */
import { defineOperation, PermanentError, RetryableError } from '@tongban/plugin-sdk';
import { connectionFor, count } from './connection.ts';
import type { MqttConfig, MqttSecrets } from './settings.ts';

const t = (zh: string, en: string) => ({ 'zh-CN': zh, en });

export const command = defineOperation<{ deviceId: string; command: string; params?: Record<string, unknown> }, { acked: boolean; cmdId: string }, MqttConfig, MqttSecrets>({
  title: t('设备指令', 'Device command'),
  description: t('向设备发送指令（如 ack 确认接警、silence 消音），等待设备回执', 'Sends a command (ack, silence, …) to a device and waits for its acknowledgement'),
  input: {
    type: 'object', additionalProperties: false, required: ['deviceId', 'command'],
    properties: {
      deviceId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', 'x-title': t('设备编号', 'Device id'), 'x-help': t('已登记的设备', 'A registered device') },
      command: { type: 'string', enum: ['ack', 'silence', 'locate', 'reboot', 'test', 'unlock'], 'x-title': t('指令', 'Command'), 'x-help': t('ack 确认已接警；silence 消音；unlock 开门（仅老人授权时，由平台核验同意后发送）', 'ack: alarm received; silence: stop the siren; unlock: open the door (only with the elder’s consent, checked by the platform first)') },
      params: { type: 'object', maxProperties: 10, 'x-title': t('参数', 'Parameters'), 'x-help': t('指令参数', 'Command parameters') },
    },
  },
  output: { type: 'object', required: ['acked', 'cmdId'], properties: { acked: { type: 'boolean', 'x-title': t('已回执', 'Acknowledged') }, cmdId: { type: 'string', 'x-title': t('指令编号', 'Command id') } } },
  retry: { attempts: 3, backoff: { initialMs: 2000, factor: 2, maxMs: 30_000 } },
  timeoutMs: 65_000,
  async run(ctx, input) {
    const d = (ctx.secrets.registry ?? []).find((x) => x.id === input.deviceId);
    if (!d) throw new PermanentError('mqtt.unknown-device', '设备未登记', { en: 'The device is not registered' });
    const conn = connectionFor(ctx.config, ctx.secrets, `tongban-cmd-${ctx.config.county}-${Math.random().toString(16).slice(2, 10)}`);
    // the idempotency key is the command id: a device that already did it answers the ack again
    const cmdId = ctx.idempotencyKey.slice(-64);
    const acked = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => { conn.acks.delete(cmdId); resolve(false); }, ctx.config.ackTimeoutMs);
      conn.acks.set(cmdId, (ok) => { clearTimeout(timer); conn.acks.delete(cmdId); resolve(ok); });
      ctx.signal.addEventListener('abort', () => { clearTimeout(timer); conn.acks.delete(cmdId); resolve(false); }, { once: true });
    });
    await conn.client.publishAsync(`zhsq/v1/${ctx.config.county}/${d.type}/${d.id}/cmd`, JSON.stringify({ cmdId, command: input.command, params: input.params ?? {} }), { qos: 1 });
    if (!(await acked)) { count(conn, 'mqtt.no-ack'); throw new RetryableError('mqtt.no-ack', '设备未回执', { en: 'The device did not acknowledge' }); }
    return { acked: true, cmdId };
  },
});
