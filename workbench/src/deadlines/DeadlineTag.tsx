/**
 * 剩余时限: a coloured tag that counts down without reloading — green on track, amber from the 预警
 * point, red overdue, grey paused (with the reason) — on the deadline's own clock.
 */
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { pick } from '../i18n/i18n.ts';
import { durationParts, liveDeadline, type ClientCalendars, type Deadline } from './liveDeadline.ts';
import { useClientConfig, useServerNow } from './useClock.ts';

/** Colours with at least 4.5:1 contrast (WCAG AA): antd's preset tag colours are lighter than that. */
const colors: Record<Deadline['status'], { color: string; background: string; borderColor: string }> = {
  'on-track': { color: '#135200', background: '#f6ffed', borderColor: '#95de64' },
  'at-risk': { color: '#874d00', background: '#fffbe6', borderColor: '#ffd666' },
  overdue: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  paused: { color: 'rgba(0,0,0,0.75)', background: '#f5f5f5', borderColor: '#d9d9d9' },
  none: { color: 'rgba(0,0,0,0.75)', background: '#fafafa', borderColor: '#d9d9d9' },
  done: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
};

/** The text of a deadline, e.g. 剩余 2小时15分（工作时） or 已超时 1天3小时. */
export function deadlineText(t: TFunction, d: Deadline): string {
  const span = (ms: number) => {
    const p = durationParts(ms, d.clock);
    return t('deadline.span', { context: p.days ? 'days' : p.hours ? 'hours' : 'minutes', ...p });
  };
  const clock = d.clock ? t(`deadline.clock.${d.clock}`) : '';
  if (d.status === 'on-track' || d.status === 'at-risk') return t('deadline.remaining', { span: span(d.remainingMs ?? 0), clock });
  if (d.status === 'overdue') return t('deadline.overdue', { span: span(d.overdueMs ?? 0), clock });
  if (d.status === 'paused') return t('deadline.paused', { reason: pick(d.pausedReason) });
  return t(`deadline.status.${d.status}`);
}

/** The text of a deadline in the current language. */
export function useDeadlineText(): (d: Deadline) => string {
  const { t } = useTranslation();
  return (d) => deadlineText(t, d);
}

/**
 * The countdown badge with its calendar and translator given (a list passes its own, so a row holds
 * no query observer or i18n subscription); a native title, not an antd Tooltip or Tag, because a
 * queue shows dozens of these, re-rendered every second.
 */
export function DeadlineBadge({ deadline, calendars, t }: { deadline: Deadline; calendars: ClientCalendars | undefined; t: TFunction }) {
  const now = useServerNow();
  const d = liveDeadline(calendars, deadline, Math.max(now, deadline.computedAt));
  const text = deadlineText(t, d);
  const due = useMemo(() => (deadline.dueAt ? t('deadline.due', { at: dayjs(deadline.dueAt).format('YYYY-MM-DD HH:mm') }) : ''), [deadline.dueAt, t]);
  return (
    <span className="tb-tag" title={[t(`deadline.status.${d.status}`), due].filter(Boolean).join(' · ')} data-status={d.status} data-remaining={d.remainingMs ?? ''}
      aria-label={`${t(`deadline.status.${d.status}`)}：${text}`} style={colors[d.status]}>
      {text}
    </span>
  );
}

/** The countdown tag of a task or case. */
export function DeadlineTag({ deadline }: { deadline: Deadline }) {
  const { t } = useTranslation();
  const cfg = useClientConfig();
  return <DeadlineBadge deadline={deadline} calendars={cfg.data?.calendars} t={t} />;
}
