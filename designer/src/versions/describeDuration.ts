/** ISO 8601 durations and clocks in the words a county office uses: `P3D` on the working clock → 「3 个工作日」. */
import type { Clock } from '@tongban/engine';

type Unit = 'D' | 'H' | 'M';
// per unit: natural, working, urgent (zh-CN), and the English word
const words: Record<Unit, [string, string, string, string]> = {
  D: ['个自然日', '个工作日', '天', 'day'],
  H: ['小时', '个工作时', '个紧急工作时', 'hour'],
  M: ['分钟', '分钟', '分钟', 'minute'],
};

/** 「3 个工作日」 / "3 working days" for `P3D` on `working`; unknown shapes are shown as written. */
export function describeDuration(iso: string | undefined, clock: Clock | undefined = 'natural'): { 'zh-CN': string; en: string } {
  if (!iso) return { 'zh-CN': '未设置', en: 'not set' };
  const m = /^P(?:(\d+)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?)?$/.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return { 'zh-CN': iso, en: iso };
  const [, w, d, h, min] = m;
  const parts: Array<[Unit, number]> = [];
  const days = (w ? Number(w) * 7 : 0) + (d ? Number(d) : 0);
  if (days) parts.push(['D', days]);
  if (h) parts.push(['H', Number(h)]);
  if (min) parts.push(['M', Number(min)]);
  if (parts.length === 0) return { 'zh-CN': '0', en: '0' };
  const idx = clock === 'working' ? 1 : clock === 'urgent' ? 2 : 0;
  const enClock = clock === 'working' ? 'working ' : clock === 'urgent' ? 'urgent ' : '';
  return {
    'zh-CN': parts.map(([u, n]) => `${n} ${words[u][idx]}`).join(' '),
    en: parts.map(([u, n]) => `${n} ${enClock}${words[u][3]}${n === 1 ? '' : 's'}`).join(' '),
  };
}
