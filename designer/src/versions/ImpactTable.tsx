/**
 * 影响分析: the running cases of the published version replayed on this draft — where each is now,
 * where it would be, and what would change (stops, another state, tasks lost or gained). Cases are
 * chosen here for migration.
 */
import { Table, Tag, Tooltip } from 'antd';
import type { ImpactReport } from '../api/designerApi.ts';
import { useEditor } from '../editor/EditorContext.tsx';
import { tx } from '../i18n/tx.ts';
import { impactKinds, stateText, type ImpactKind } from './impactOf.ts';

const colors: Record<ImpactKind, string> = { stops: 'red', 'state-changed': 'orange', 'task-lost': 'volcano', 'task-gained': 'blue', unchanged: 'green' };

export function ImpactTable({ report, chosen, onChoose }: { report: ImpactReport; chosen: string[]; onChoose(ids: string[]): void }) {
  const { lang } = useEditor();
  return (
    <Table size="small" rowKey="caseId" data-testid="impact-table" pagination={{ pageSize: 5, hideOnSinglePage: true }} dataSource={report.cases}
      locale={{ emptyText: tx(lang, 'impact.noRunningCases', { from: report.from }) }}
      rowSelection={{ selectedRowKeys: chosen, onChange: (k) => onChoose(k as string[]), getCheckboxProps: (c) => ({ 'data-testid': `impact-choose-${c.ref}` }) as never }}
      onRow={(c) => ({ 'data-testid': `impact-row-${c.ref}` }) as never}
      columns={[
        { title: tx(lang, 'publishDialog.case'), dataIndex: 'ref' },
        { title: tx(lang, 'impact.nowOn', { from: report.from }), render: (_, c) => stateText(c.state) },
        { title: tx(lang, 'impact.replayedOn', { to: report.to }), render: (_, c) => (c.stops ? '—' : stateText(c.replayedState)) },
        { title: tx(lang, 'impact.effect'), render: (_, c) => impactKinds(c).map((k) => {
          const detail = k === 'stops' ? c.stops!.diagnostics.map((d) => d.message[lang]).join('；')
            : k === 'task-lost' ? c.tasks.lost.join(', ') : k === 'task-gained' ? c.tasks.gained.join(', ') : undefined;
          return <Tooltip key={k} title={detail}><Tag color={colors[k]} data-kind={k}>{tx(lang, `impact.kind.${k}`)}{k === 'stops' && c.stops ? ` · ${c.stops.type}` : ''}</Tag></Tooltip>;
        }) },
      ]} />
  );
}
