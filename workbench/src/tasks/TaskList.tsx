/**
 * The queue as a virtualised list over keyset pages: only the rows on screen are in the DOM, so
 * scrolling 10,000 tasks stays smooth; the next page loads as the end comes into view. On a phone
 * each task is a card. Row actions: 认领 / 取消认领 and 办理 (opens the case).
 */
import { useEffect, useRef } from 'react';
import { Button, Checkbox, Space, Tag, Typography } from 'antd';
import { useVirtualizer } from '@tanstack/react-virtual';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DeadlineTag } from '../deadlines/DeadlineTag.tsx';
import { pick } from '../i18n/i18n.ts';
import type { TaskSummary } from './taskQueries.ts';

/** Urgency tags with AA contrast. */
const priorityStyle = [{ color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' }, { color: '#873800', background: '#fff7e6', borderColor: '#ffc069' }, {}, {}];

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

/** The virtualised task list. */
export function TaskList(p: TaskListProps) {
  const { t } = useTranslation();
  const parent = useRef<HTMLDivElement>(null);
  const rowHeight = p.phone ? 132 : 60;
  const v = useVirtualizer({ count: p.tasks.length + (p.hasMore ? 1 : 0), getScrollElement: () => parent.current, estimateSize: () => rowHeight, overscan: 8 });
  const items = v.getVirtualItems();
  const last = items[items.length - 1];
  const { onLoadMore, hasMore, loadingMore } = p;
  const nearEnd = !!last && last.index >= p.tasks.length - 10;
  useEffect(() => {
    if (nearEnd && hasMore && !loadingMore) onLoadMore();
  }, [nearEnd, hasMore, loadingMore, onLoadMore]);
  const cols = '36px 190px minmax(80px, 1fr) minmax(80px, 1.2fr) minmax(80px, 1fr) 64px 200px 150px';
  const cell = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } as const;
  return (
    <div ref={parent} role="table" aria-label={t('queue.title')} aria-rowcount={p.tasks.length} data-testid="task-list"
      style={{ height: p.phone ? 'calc(100vh - 260px)' : 'calc(100vh - 300px)', minHeight: 320, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 8, background: '#fff' }}>
      {!p.phone && (
        <div role="row" style={{ display: 'grid', gridTemplateColumns: cols, gap: 8, padding: '10px 12px', fontWeight: 600, position: 'sticky', top: 0, background: '#fafafa', zIndex: 1, borderBottom: '1px solid #f0f0f0' }}>
          <span role="columnheader"><span className="tb-sr-only">{t('queue.select')}</span></span>
          {['ref', 'item', 'step', 'org', 'priority', 'deadline', 'arrived'].map((c) => <span role="columnheader" key={c}>{t(`queue.col.${c}`)}</span>)}
        </div>
      )}
      <div style={{ height: v.getTotalSize(), position: 'relative' }}>
        {items.map((vi) => {
          const task = p.tasks[vi.index];
          const style = { position: 'absolute' as const, top: 0, left: 0, width: '100%', height: vi.size, transform: `translateY(${vi.start}px)` };
          if (!task) return <div key="more" role="row" style={{ ...style, textAlign: 'center', padding: 16 }}><span role="cell">{t('state.loadingMore')}</span></div>;
          const mine = task.assignee === p.me;
          const claimable = !task.assignee && task.status === 'pending';
          const ref = task.caseRef ?? task.caseId.slice(0, 8);
          const claim = p.onClaim && (claimable || mine) && (
            <Button size="small" loading={p.busyId === task.id} disabled={!!p.busyId} onClick={() => p.onClaim!(task, claimable)}>{claimable ? t('queue.claim') : t('queue.unclaim')}</Button>
          );
          const check = <Checkbox checked={p.selected.has(task.id)} onChange={(e) => p.onSelect(task.id, e.target.checked)} aria-label={t('queue.selectRow', { ref })} />;
          if (p.phone) {
            return (
              <div key={task.id} role="row" data-testid="task-row" style={{ ...style, padding: 8 }}>
                <div role="cell" style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: 10, height: '100%', boxSizing: 'border-box' }}>
                  <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Space>{check}<Link to={`/cases/${task.caseId}`}><strong>{ref}</strong></Link></Space>
                    <DeadlineTag deadline={task.deadline} />
                  </Space>
                  <div>{p.itemTitle(task.definitionId)} · {pick(task.title)}</div>
                  <Typography.Text type="secondary">{p.orgName(task.orgPath)}</Typography.Text>
                  <div style={{ marginTop: 4 }}><Space>{claim}<Link to={`/cases/${task.caseId}`}><Button size="small" type="primary">{t('queue.handle')}</Button></Link></Space></div>
                </div>
              </div>
            );
          }
          return (
            <div key={task.id} role="row" data-testid="task-row" style={{ ...style, display: 'grid', gridTemplateColumns: cols, gap: 8, alignItems: 'center', padding: '0 12px', borderBottom: '1px solid #f5f5f5', boxSizing: 'border-box' }}>
              <span role="cell">{check}</span>
              <span role="cell"><Link to={`/cases/${task.caseId}`}>{ref}</Link></span>
              <span role="cell" style={cell} title={p.itemTitle(task.definitionId)}>{p.itemTitle(task.definitionId)}</span>
              <span role="cell" style={cell} title={pick(task.title)}>{pick(task.title)}</span>
              <span role="cell" style={cell} title={p.orgName(task.orgPath)}>{p.orgName(task.orgPath)}</span>
              <span role="cell"><Tag style={priorityStyle[task.priority] ?? {}}>{t(`priority.${task.priority}`)}</Tag></span>
              <span role="cell"><DeadlineTag deadline={task.deadline} /></span>
              <span role="cell"><Space size={4}><span style={{ fontSize: 12 }}>{dayjs(task.createdAt).format('MM-DD HH:mm')}</span>{claim}</Space></span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
