/** Simulated times as a county office reads them: 「2026-10-08 周四 09:00（工作日）」, holidays and 调休 marked. */
import { countyCalendar } from './simSession.ts';

const weekZh = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const weekEn = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Local (UTC+8) date, weekday, time and the day's kind on the county calendar. */
export function formatSimTime(ms: number, lang: 'zh-CN' | 'en'): string {
  const d = new Date(ms + 8 * 3600_000);
  const date = d.toISOString().slice(0, 10);
  const time = d.toISOString().slice(11, 16);
  const dow = d.getUTCDay();
  const working = countyCalendar().isWorkingDay(date);
  const weekend = dow === 0 || dow === 6;
  const kind = working ? (weekend ? ['调休上班', 'make-up workday'] : ['工作日', 'working day']) : (weekend ? ['周末', 'weekend'] : ['节假日', 'holiday']);
  return lang === 'en' ? `${date} ${weekEn[dow]} ${time} (${kind[1]})` : `${date} ${weekZh[dow]} ${time}（${kind[0]}）`;
}
