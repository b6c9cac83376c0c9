/** Inbound events: checked against the trigger's declared payload before the host sees them. */
import { PermanentError, sdkErrorCatalog } from './errors.ts';
import type { PreparedPlugin } from './runPlugin.ts';
import { personalValues, problemsOf } from './schemas.ts';
import type { EmitResult, TriggerEvent } from './types.ts';

/** Where checked events go: the runtime (dedupe, command path) or the harness (recorded). */
export type EmitSink = (pluginId: string, trigger: string, event: TriggerEvent) => Promise<EmitResult>;

const EVENT_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

function invalid(problems: Array<{ path: string; message: string }>): PermanentError {
  return new PermanentError('trigger.invalid-payload', sdkErrorCatalog['trigger.invalid-payload'].zh, { en: sdkErrorCatalog['trigger.invalid-payload'].en, problems });
}

/** Validates an event (id, shape, data against the payload schema) and hands it to the sink; bad events throw a PermanentError. */
export async function emitEvent(p: PreparedPlugin, sink: EmitSink, trigger: string, event: TriggerEvent, seen: (personal: string[]) => void): Promise<EmitResult> {
  const spec = p.plugin.triggers?.[trigger];
  if (!spec) throw new PermanentError('trigger.unknown', sdkErrorCatalog['trigger.unknown'].zh, { trigger });
  const problems: Array<{ path: string; message: string }> = [];
  if (!event || typeof event !== 'object') throw invalid([{ path: '/', message: 'event must be an object' }]);
  if (typeof event.eventId !== 'string' || !EVENT_ID.test(event.eventId)) problems.push({ path: '/eventId', message: 'eventId: 1–128 characters of A-Z a-z 0-9 . _ : @ -' });
  if ([event.start, event.advance, event.alive].filter(Boolean).length !== 1) problems.push({ path: '/start', message: 'exactly one of start, advance or alive' });
  if (event.alive && (typeof event.alive.deviceId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(event.alive.deviceId) || event.source !== 'device')) {
    problems.push({ path: '/alive', message: 'alive needs a deviceId (1–64 of A-Z a-z 0-9 _ -) and source device' });
  }
  if (event.start && (typeof event.start.orgPath !== 'string' || !/^(\/\d{6,15}){1,4}$/.test(event.start.orgPath))) problems.push({ path: '/start/orgPath', message: 'an org path like /510722/510722001' });
  if (event.advance && (typeof event.advance.caseId !== 'string' || typeof event.advance.event !== 'string' || !/^[a-z][a-z0-9._-]{0,63}$/.test(event.advance.event))) {
    problems.push({ path: '/advance', message: 'advance needs caseId and an event name' });
  }
  if (event.source !== undefined && event.source !== 'device' && event.source !== 'external') problems.push({ path: '/source', message: 'source is device or external' });
  const data = structuredClone(event.data ?? {});
  const check = p.payloads.get(trigger)!;
  if (!check(data)) problems.push(...problemsOf(check).map((x) => ({ ...x, path: '/data' + (x.path === '/' ? '' : x.path) })));
  seen(personalValues(spec.payload, data));
  if (problems.length) throw invalid(problems);
  return sink(p.plugin.id, trigger, { ...event, data });
}
