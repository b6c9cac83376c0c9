/**
 * The queue as a virtualised list over keyset pages: only the rows on screen are in the DOM, so
 * scrolling 10,000 tasks stays smooth; the next page loads as the end comes into view. On a phone
 * each task is a card. Row actions: 认领 / 取消认领 and 办理 (opens the case).
 *
 * Measured (workbench.bench.ts, longtask observer, CPU profile): a 1,800 px scroll step mounts some
 * thirty rows at once, and each antd Checkbox, Button and Tag row brought its style hooks, wave
 * effect and i18n subscription — together well over 100 ms a step on a loaded machine, and every
 * visible row re-rendered on every scroll event and on every page load. So a row is a memoised
 * TaskRow of native elements styled like antd's (global.css `tb-*`), given resolved strings and
 * stable callbacks, labels translated once for the list, plain links, CSS classes rather than inline
 * style objects, the deadline badge gets the calendar from the list (one query observer, not
 * one per row), and the virtualiser renders in React's batch rather than flushSync per scroll event.
 */
import { memo, useCallback, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { TFunction } from 'i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClientCalendars } from '../deadlines/liveDeadline.ts';
import { DeadlineBadge } from '../deadlines/DeadlineTag.tsx';
import { useClientConfig } from '../deadlines/useClock.ts';
import { pick } from '../i18n/i18n.ts';
import type { TaskSummary } from './taskQueries.ts';

/** Urgency tags with AA contrast. */
const priorityStyle = [{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }, { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' }, {}, {}];
/** The grid's columns (the rows take the same from global.css `.tb-row-grid`). */
const cols = '36px 190px minmax(80px, 1fr) minmax(80px, 1.2fr) minmax(80px, 1fr) 64px 200px 150px';
const pad = (n: number) => String(n).padStart(2, '0');
/** MM-DD HH:mm in local time (dayjs per row was a visible share of the scroll profile). */
const shortTime = (ms: number) => { const d = new Date(ms); return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`; };

/** Props of the list. */
export interface TaskListProps {
  tasks: TaskSummary[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selected: Set<string>;
  onSelect: (id: string, on: boolean) => void;
  onClaim?: (t: TaskSummary, claim: boolean) => void;
  busyId?: string;
  me: string;
  phone: boolean;
  orgName: (path: string) => string;
  itemTitle: (id: string) => string;
}

/** Strings every row shows, translated once per language for the whole list. */
interface Labels { claim: string; unclaim: string; handle: string; select: (ref: string) => string; priority: string[] }

interface RowProps {
  task: TaskSummary; top: number; height: number; checked: boolean; phone: boolean; me: string; busy: boolean; anyBusy: boolean;
  org: string; item: string; calendars: ClientCalendars | undefined; t: TFunction; labels: Labels;
  onSelect: (id: string, on: boolean) => void; onClaim?: (t: TaskSummary, claim: boolean) => void; open: (e: MouseEvent<HTMLAnchorElement>) => void;
}

/** One task; re-rendered only when its own props change. */
const TaskRow = memo(function TaskRow({ task, top, height, checked, phone, me, busy, anyBusy, org, item, calendars, t, labels, onSelect, onClaim, open }: RowProps) {
  const mine = task.assignee === me;
  const claimable = !task.assignee && task.status === 'pending';
  const ref = task.caseRef ?? task.caseId.slice(0, 8);
  const href = `/cases/${task.caseId}`;
  const style = { height, transform: `translateY(${top}px)` };
  const claim = onClaim && (claimable || mine) && (
    <button type="button" className="tb-btn" disabled={anyBusy} aria-busy={busy || undefined} onClick={() => onClaim(task, claimable)}>
      {busy ? '…' : claimable ? labels.claim : labels.unclaim}
    </button>
  );
  const check = <input type="checkbox" className="tb-check" checked={checked} onChange={(e) => onSelect(task.id, e.target.checked)} aria-label={labels.select(ref)} />;
  const deadline = <DeadlineBadge deadline={task.deadline} calendars={calendars} t={t} />;
  const title = pick(task.title);
  if (phone) {
    return (
      <div role="row" data-testid="task-row" className="tb-row tb-row-card" style={style}>
        <div role="cell" className="tb-card">
          <div className="tb-card-head"><span className="tb-inline">{check}<a href={href} onClick={open}><strong>{ref}</strong></a></span>{deadline}</div>
          <div className="tb-ellipsis">{item} · {title}</div>
          <div className="tb-secondary tb-ellipsis">{org}</div>
          <div className="tb-inline" style={{ marginTop: 4 }}>{claim}<a className="tb-btn tb-btn-primary" href={href} onClick={open}>{labels.handle}</a></div>
        </div>
      </div>
    );
  }
  return (
    <div role="row" data-testid="task-row" className="tb-row tb-row-grid" style={style}>
      <span role="cell">{check}</span>
      <span role="cell"><a href={href} onClick={open}>{ref}</a></span>
      <span role="cell" className="tb-ellipsis" title={item}>{item}</span>
      <span role="cell" className="tb-ellipsis" title={title}>{title}</span>
      <span role="cell" className="tb-ellipsis" title={org}>{org}</span>
      <span role="cell"><span className="tb-tag" style={priorityStyle[task.priority] ?? {}}>{labels.priority[task.priority]}</span></span>
      <span role="cell">{deadline}</span>
      <span role="cell" className="tb-inline" style={{ gap: 4 }}><span style={{ fontSize: 12 }}>{shortTime(task.createdAt)}</span>{claim}</span>
    </div>
  );
});

/** The virtualised task list. */
export function TaskList(p: TaskListProps) {
  const { t } = useTranslation();
  const calendars = useClientConfig().data?.calendars;
  const navigate = useNavigate();
  // plain links (a react-router Link per row is a handful of hooks): a click without modifiers navigates in the app
  const open = useCallback((e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(e.currentTarget.getAttribute('href')!);
  }, [navigate]);
  const labels = useMemo<Labels>(() => {
    const marker = '\u0000';
    const select = t('queue.selectRow', { ref: marker });
    return { claim: t('queue.claim'), unclaim: t('queue.unclaim'), handle: t('queue.handle'), select: (ref) => select.replace(marker, ref), priority: [0, 1, 2, 3].map((n) => t(`priority.${n}`)) };
  }, [t]);
  const parent = useRef<HTMLDivElement>(null);
  const rowHeight = p.phone ? 132 : 60;
  const v = useVirtualizer({ count: p.tasks.length + (p.hasMore ? 1 : 0), getScrollElement: () => parent.current, estimateSize: () => rowHeight, overscan: 4, useFlushSync: false });
  const items = v.getVirtualItems();
  const last = items[items.length - 1];
  const { onLoadMore, hasMore, loadingMore } = p;
  const nearEnd = !!last && last.index >= p.tasks.length - 10;
  useEffect(() => {
    if (nearEnd && hasMore && !loadingMore) onLoadMore();
  }, [nearEnd, hasMore, loadingMore, onLoadMore]);
  return (
    <div ref={parent} role="table" aria-label={t('queue.title')} aria-rowcount={p.tasks.length} data-testid="task-list"
      style={{ height: p.phone ? 'calc(100vh - 260px)' : 'calc(100vh - 300px)', minHeight: 320, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff', contain: 'content' }}>
      {!p.phone && (
        <div role="row" style={{ display: 'grid', gridTemplateColumns: cols, gap: 8, padding: '10px 12px', fontWeight: 600, position: 'sticky', top: 0, background: '#fafafa', zIndex: 1, borderBottom: '1px solid #f0f0f0' }}>
          <span role="columnheader"><span className="tb-sr-only">{t('queue.select')}</span></span>
          {['ref', 'item', 'step', 'org', 'priority', 'deadline', 'arrived'].map((c) => <span role="columnheader" key={c}>{t(`queue.col.${c}`)}</span>)}
        </div>
      )}
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {items.map((vi) => {
          const task = p.tasks[vi.index];
          if (!task) {
            return <div key="more" role="row" className="tb-row" style={{ height: vi.size, transform: `translateY(${vi.start}px)`, textAlign: 'center', padding: 16 }}>
              <span role="cell">{t('state.loadingMore')}</span></div>;
          }
          return <TaskRow key={task.id} task={task} top={vi.start} height={vi.size} checked={p.selected.has(task.id)} phone={p.phone} me={p.me}
            busy={p.busyId === task.id} anyBusy={!!p.busyId} org={p.orgName(task.orgPath)} item={p.itemTitle(task.definitionId)} calendars={calendars} t={t}
            labels={labels} onSelect={p.onSelect} onClaim={p.onClaim} open={open} />;
        })}
      </div>
    </div>
  );
}
