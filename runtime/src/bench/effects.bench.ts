/**
 * Issue 8 benchmarks (`npm run bench`, or `npm run bench -- effects`): sustained alarms/s from MQTT
 * publish to committed case on SQLite and MariaDB with alarm-to-task latency p50/p99, and outbound
 * operations/s through the plugin host against a local carrier stand-in, with the ratio to calling
 * the stand-in directly. Env: TONGBAN_BENCH_ALARM_RATE (220/s), TONGBAN_BENCH_ALARM_SECONDS (8),
 * TONGBAN_BENCH_OUTBOUND_CALLS (3000).
 */
import { loadavg } from 'node:os';
import { line } from '../../bench/stats.ts';
import { benchAlarms } from './alarms.ts';
import { benchOutbound } from './outbound.ts';

export async function run(): Promise<void> {
  const rate = Number(process.env.TONGBAN_BENCH_ALARM_RATE ?? 220);
  const seconds = Number(process.env.TONGBAN_BENCH_ALARM_SECONDS ?? 8);
  line('effects.host.loadavg-1m.start', loadavg()[0]!, 'load');
  for (const dialect of ['sqlite', 'mysql'] as const) {
    const a = await benchAlarms(dialect, rate, seconds);
    line(`effects.alarms.${dialect}.offered`, rate, 'alarms/s');
    line(`effects.alarms.${dialect}.committed`, a.committed, `of ${a.published}`);
    line(`effects.alarms.${dialect}.rate`, a.rate, 'alarms/s');
    line(`effects.alarms.${dialect}.alarm-to-task.p50`, a.p50, 'ms');
    line(`effects.alarms.${dialect}.alarm-to-task.p99`, a.p99, 'ms');
    if (dialect === 'sqlite') {
      const met = a.committed === a.published && a.rate >= 200 && a.p99 < 500;
      process.stdout.write(`target effects.alarms.sqlite ≥ 200 alarms/s with p99 alarm-to-task < 500 ms: ${met ? 'met' : 'NOT MET'} (${a.rate.toFixed(0)} alarms/s, p99 ${a.p99} ms)\n`);
    }
  }
  const o = await benchOutbound(Number(process.env.TONGBAN_BENCH_OUTBOUND_CALLS ?? 3000), 16);
  line('effects.outbound.sms-gateway.via-host', o.host, 'ops/s');
  line('effects.outbound.sms-gateway.direct', o.direct, 'ops/s');
  line('effects.outbound.sms-gateway.ratio-to-direct', o.host / o.direct, 'x');
  line('effects.host.loadavg-1m.end', loadavg()[0]!, 'load');
}
