/**
 * Who acted, for a screen: the runtime's own sources by what they are (系统 for timers and automatic
 * steps, 设备 for an alarm terminal or sensor, 外部系统 for a hotline, a hospital or an SMS reply through
 * an adapter), anyone else by the name the server gave (a colleague in full, a resident masked), else the id.
 */
type T = (key: string) => string;

/** The label of actor `id` with the server's `name` for it. */
export function actorLabel(t: T, id: string | null | undefined, name: string | null | undefined): string {
  if (id === 'system') return t('actor.system');
  if (id === 'external') return t('actor.external');
  if (id === 'device') return t('actor.device');
  return name ?? id ?? '—';
}
