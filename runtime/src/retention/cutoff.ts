/** The moment before which a closed case is past its retention period: now minus an ISO 8601 duration, in calendar units. */

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** `now` minus `duration` (years and months by the calendar, as an archive rule means them); undefined for a malformed duration. */
export function retentionCutoff(duration: string, now: number): number | undefined {
  const m = DURATION.exec(duration);
  if (!m || duration === 'P' || duration.endsWith('T')) return undefined;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number, number];
  const t = new Date(now);
  t.setUTCFullYear(t.getUTCFullYear() - y, t.getUTCMonth() - mo, t.getUTCDate() - 7 * w - d);
  return t.getTime() - ((h * 60 + mi) * 60 + s) * 1000;
}
