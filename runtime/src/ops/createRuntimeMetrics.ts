/**
 * The runtime's Prometheus metrics (prom-client), one registry per runtime (tests run several in one
 * process). Counters and histograms are this process's own (requests, commands, timer lag, adapter
 * calls); gauges that every process must agree on are read from the store at scrape time.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from 'pino';
import type { OpsGauges, GaugeRow } from './KnexOpsGauges.ts';

/** What the rest of the runtime reports. */
export interface RuntimeMetrics {
  registry: Registry;
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  command(command: 'create' | 'act', outcome: string): void;
  timerOutcome(purpose: string, outcome: 'fired' | 'stale' | 'refused' | 'failed', lagSeconds: number): void;
  adapterCall(operation: string, outcome: 'ok' | 'retry' | 'dead' | 'parked'): void;
  /** the Prometheus text exposition */
  render(): Promise<{ contentType: string; text: string }>;
}

/** Where scrape-time numbers come from. */
export interface MetricsSources { gauges: OpsGauges; queueDepths?: () => Promise<Record<string, number>>; logger: Logger; role: string }

function setAll(g: Gauge, rows: GaugeRow[]): void {
  g.reset();
  for (const r of rows) g.set(r.labels, r.value);
}

/** Creates the registry and its metrics. */
export function createRuntimeMetrics(src: MetricsSources): RuntimeMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ role: src.role });
  collectDefaultMetrics({ register: registry, prefix: 'tongban_process_' });
  const http = new Histogram({ name: 'tongban_http_request_duration_seconds', help: 'HTTP request latency by route template and status', labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry] });
  const commands = new Counter({ name: 'tongban_commands_total', help: 'Case commands by outcome', labelNames: ['command', 'outcome'], registers: [registry] });
  const conflicts = new Counter({ name: 'tongban_version_conflicts_total', help: 'Commands refused for a stale case version (optimistic locking)', registers: [registry] });
  const timerLag = new Histogram({ name: 'tongban_timer_lag_seconds', help: 'How late a timer fired after its due time', labelNames: ['purpose'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300], registers: [registry] });
  const timerOutcomes = new Counter({ name: 'tongban_timers_total', help: 'Timers this process claimed, by outcome', labelNames: ['outcome'], registers: [registry] });
  const adapterCalls = new Counter({ name: 'tongban_adapter_calls_total', help: 'Adapter calls by operation and outcome', labelNames: ['operation', 'outcome'], registers: [registry] });
  // scrape-time gauges: a failed read is logged and leaves the gauge empty rather than failing the scrape
  const fromStore = (name: string, help: string, labelNames: string[], read: () => Promise<GaugeRow[]>) => new Gauge({
    name, help, labelNames, registers: [registry],
    async collect() {
      try { setAll(this, await read()); } catch (err) { src.logger.warn({ code: 'ops.metrics-read-failed', metric: name, err: (err as Error).message }, 'metric read failed'); this.reset(); }
    },
  });
  fromStore('tongban_outbox_backlog', 'Outbox rows not yet delivered, by kind and status', ['kind', 'status'], () => src.gauges.outboxBacklog());
  fromStore('tongban_dead_letters', 'Outbox rows and timers that exhausted their attempts', ['source'], () => src.gauges.deadLetters());
  fromStore('tongban_timers', 'Armed and overdue timers (and the oldest overdue one, in seconds)', ['state'], () => src.gauges.timers(Date.now()));
  fromStore('tongban_sla_breaches', 'SLA deadlines that fired, by the case township and service item', ['org_unit', 'service_item'], () => src.gauges.slaBreaches());
  fromStore('tongban_queue_depth', 'BullMQ timer wake-up jobs by state', ['state'], async () =>
    Object.entries((await src.queueDepths?.()) ?? {}).map(([state, n]) => ({ labels: { state }, value: n })));
  return {
    registry,
    httpRequest: (method, route, status, seconds) => http.observe({ method, route, status: String(status) }, seconds),
    command(command, outcome) {
      commands.inc({ command, outcome });
      if (outcome === 'conflict') conflicts.inc();
    },
    timerOutcome(purpose, outcome, lagSeconds) {
      timerOutcomes.inc({ outcome });
      if (outcome === 'fired') timerLag.observe({ purpose }, Math.max(0, lagSeconds));
    },
    adapterCall: (operation, outcome) => adapterCalls.inc({ operation, outcome }),
    async render() {
      return { contentType: registry.contentType, text: await registry.metrics() };
    },
  };
}
