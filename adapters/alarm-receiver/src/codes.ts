/** Contact ID event codes to the elderly-call event types (interfaces.md §2, per pysiaalarm). */

/** What a code means for us: an event type, or a heartbeat that only proves the panel is alive. */
export function eventTypeOf(code: string): string | 'heartbeat' | undefined {
  if (['100', '101', '120', '121', '113'].includes(code)) return 'sos'; // medical, personal emergency, panic, duress, water (紧急-非医疗: a person must go)
  if (['110', '111', '114'].includes(code)) return 'smoke';
  if (['151', '162'].includes(code)) return 'gas';
  if (code === '137') return 'tamper';
  if (code === '301' || code === '302') return 'low_battery';
  if (code === '102') return 'offline';
  if (code === '602') return 'heartbeat';
  return undefined;
}

/** Technical events (a maintenance ticket, closed by a restore) as opposed to care events. */
export const TECHNICAL = new Set(['tamper', 'low_battery', 'offline']);
