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
 * stable callbacks, the deadline badge gets the calendar from the list (one query observer, not
 * one per row), and the virtualiser renders in React's batch rather than flushSync per scroll event.
 */
import { memo, useEffect, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WorkCalendar } from '@tongban/engine';
import { DeadlineBadge } from '../deadlines/DeadlineTag.tsx';
import { useClientConfig } from '../deadlines/useClock.ts';
import { pick } from '../i18n/i18n.ts';
import type { TaskSummary } from './taskQueries.ts';

/** Urgency tags with AA contrast. */
const priorityStyle = [{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }, { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' }, {}, {}];
const cols = '36px 190px minmax(80px, 1fr) minmax(80px, 1.2fr) minmax(80px, 1fr) 64px 200px 150px';
const cell = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
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

interface RowProps {
  task: TaskSummary; top: number; height: number; checked: boolean; phone: boolean; me: string; busy: boolean; anyBusy: boolean;
  org: string; item: string; calendar: WorkCalendar | undefined; t: TFunction;
  onSelect: (id: string, on: boolean) => void; onClaim?: (t: TaskSummary, claim: boolean) => void;
}

/** One task; re-rendered only when its own props change. */
const TaskRow = memo(function TaskRow({ task, top, height, checked, phone, me, busy, anyBusy, org, item, calendar, t, onSelect, onClaim }: RowProps) {
  const mine = task.assignee === me;
  const claimable = !task.assignee && task.status === 'pending';
  const ref = task.caseRef ?? task.caseId.slice(0, 8);
  const style = { position: 'absolute' as const, top: 0, left: 0, width: '100%', height, transform: `translateY(${top}px)` };
  const claim = onClaim && (claimable || mine) && (
    <button type="button" className="tb-btn" disabled={anyBusy} aria-busy={busy || undefined} onClick={() => onClaim(task, claimable)}>
      {busy ? '…' : claimable ? t('queue.claim') : t('queue.unclaim')}
    </button>
  );
  const check = <input type="checkbox" className="tb-check" checked={checked} onChange={(e) => onSelect(task.id, e.target.checked)} aria-label={t('queue.selectRow', { ref })} />;
  const deadline = <DeadlineBadge deadline={task.deadline} calendar={calendar} t={t} />;
  if (phone) {
    return (
      <div role="row" data-testid="task-row" style={{ ...style, padding: 8, boxSizing: 'border-box' }}>
        <div role="cell" style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 10, height: '100%', boxSizing: 'border-box' }}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8 }}>
            <span style={{ display: 'flex', alignItems: 'center', gap: 8 }}>{check}<Link to={`/cases/${task.caseId}`}><strong>{ref}</strong></Link></span>
            {deadline}
          </div>
          <div style={cell}>{item} · {pick(task.title)}</div>
          <div className="tb-secondary" style={cell}>{org}</div>
          <div style={{ marginTop: 4, display: 'flex', gap: 8 }}>{claim}<Link className="tb-btn tb-btn-primary" to={`/cases/${task.caseId}`}>{t('queue.handle')}</Link></div>
        </div>
      </div>
    );
  }
  return (
    <div role="row" data-testid="task-row" style={{ ...style, display: 'grid', gridTemplateColumns: cols, gap: 8, alignItems: 'center', padding: '0 12px', borderBottom: '1px solid #f5f5f5', boxSizing: 'border-box' }}>
      <span role="cell">{check}</span>
      <span role="cell"><Link to={`/cases/${task.caseId}`}>{ref}</Link></span>
      <span role="cell" style={cell} title={item}>{item}</span>
      <span role="cell" style={cell} title={pick(task.title)}>{pick(task.title)}</span>
      <span role="cell" style={cell} title={org}>{org}</span>
      <span role="cell"><span className="tb-tag" style={priorityStyle[task.priority] ?? {}}>{t(`priority.${task.priority}`)}</span></span>
      <span role="cell">{deadline}</span>
      <span role="cell" style={{ display: 'flex', alignItems: 'center', gap: 4 }}><span style={{ fontSize: 12 }}>{shortTime(task.createdAt)}</span>{claim}</span>
    </div>
  );
});

/** The virtualised task list. */
export function TaskList(p: TaskListProps) {
  const { t } = useTranslation();
  const calendar = useClientConfig().data?.calendar;
  const parent = useRef<HTMLDivElement>(null);
  const rowHeight = p.phone ? 132 : 60;
  const v = useVirtualizer({ count: p.tasks.length + (p.hasMore ? 1 : 0), getScrollElement: () => parent.current, estimateSize: () => rowHeight, overscan: 6, useFlushSync: false });
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
            return <div key="more" role="row" style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: vi.size, transform: `translateY(${vi.start}px)`, textAlign: 'center', padding: 16, boxSizing: 'border-box' }}>
              <span role="cell">{t('state.loadingMore')}</span></div>;
          }
          return <TaskRow key={task.id} task={task} top={vi.start} height={vi.size} checked={p.selected.has(task.id)} phone={p.phone} me={p.me}
            busy={p.busyId === task.id} anyBusy={!!p.busyId} org={p.orgName(task.orgPath)} item={p.itemTitle(task.definitionId)} calendar={calendar} t={t}
            onSelect={p.onSelect} onClaim={p.onClaim} />;
        })}
      </div>
    </div>
  );
}
