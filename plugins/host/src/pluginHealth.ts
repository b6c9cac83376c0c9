/** Health and counters per plugin, shown on the adapters screen and used for metrics. */
import type { ClassifiedError } from '@tongban/plugin-sdk';

/** A plugin's state as an admin sees it. */
export type HealthStatus = 'up' | 'degraded' | 'down' | 'not-configured' | 'stopped';

/** Health, the last error and counters of one plugin. */
export interface PluginHealth {
  status: HealthStatus;
  since: number;
  lastError?: { code: string; message: string; at: number; operation?: string };
  consecutiveFailures: number;
  counters: { calls: number; succeeded: number; failed: number; timeouts: number; emitted: number; rejectedEvents: number; inFlight: number };
}

/** Consecutive failures after which a plugin counts as down (fewer: degraded). */
export const DOWN_AFTER = 5;

/** A fresh record. */
export function newHealth(configured: boolean, now: number): PluginHealth {
  return { status: configured ? 'up' : 'not-configured', since: now, consecutiveFailures: 0, counters: { calls: 0, succeeded: 0, failed: 0, timeouts: 0, emitted: 0, rejectedEvents: 0, inFlight: 0 } };
}

function move(h: PluginHealth, status: HealthStatus, now: number): void {
  if (h.status !== status) { h.status = status; h.since = now; }
}

/** Records a call's outcome. */
export function recordCall(h: PluginHealth, now: number, operation: string, error?: ClassifiedError): void {
  h.counters.calls++;
  if (!error) {
    h.counters.succeeded++;
    h.consecutiveFailures = 0;
    if (h.status === 'degraded' || h.status === 'down') move(h, 'up', now);
    return;
  }
  h.counters.failed++;
  if (error.code === 'plugin.timeout') h.counters.timeouts++;
  h.lastError = { code: error.code, message: error.message, at: now, operation };
  // a refused input is the caller's fault, not a sign the plugin or its peer is unwell
  if (error.code === 'plugin.invalid-input' || error.code === 'plugin.not-configured') return;
  h.consecutiveFailures++;
  // a plugin already down (a crashed thread, a failing start) stays down until a call succeeds
  if (h.status === 'up' || h.status === 'degraded') move(h, h.consecutiveFailures >= DOWN_AFTER ? 'down' : 'degraded', now);
}

/** Records a failure outside a call (a start that threw). */
export function recordFault(h: PluginHealth, now: number, code: string, message: string): void {
  h.lastError = { code, message, at: now };
  h.consecutiveFailures++;
  move(h, 'down', now);
}
