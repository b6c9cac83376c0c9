/**
 * 迁移在办案件: an explicit mapping from the old states of the chosen cases to states of the draft,
 * previewed on the server (the engine's migration run on each case, nothing written). A state the
 * draft lacks and the admin leaves unmapped keeps its cases on the old version.
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { designerApi, type ImpactReport, type MigrationPlan } from '../api/designerApi.ts';
import { useEditor } from '../editor/EditorContext.tsx';
import { indexStates } from '../doc/stateIndex.ts';
import { ApiError } from '../shell/shellApi.ts';
import { tx } from '../i18n/tx.ts';
import { mappingOf, mappingRows, stateText } from './impactOf.ts';

export function MigrationPlanner({ report, chosen, onPlan }: { report: ImpactReport; chosen: string[]; onPlan(plan: MigrationPlan | undefined): void }) {
  const { doc, api, lang } = useEditor();
  const states = useMemo(() => indexStates(doc).states, [doc]);
  const rows = mappingRows(report.cases, chosen, new Set(states.keys()));
  const [choices, setChoices] = useState<Record<string, string | undefined>>({});
  const plan: MigrationPlan = { from: report.from, cases: chosen, mapping: mappingOf(choices) };
  const preview = useMutation({ mutationFn: () => designerApi.previewMigration(api, doc.id, doc, plan), onSuccess: () => onPlan(plan) });
  const choose = (state: string, target: string | undefined) => { setChoices({ ...choices, [state]: target }); preview.reset(); onPlan(undefined); };
  const label = (id: string) => `${states.get(id)?.spec.title?.[lang] ?? id}（${id}）`;
  const moving = preview.data?.cases.filter((c) => c.ok).length ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="migration-planner">
      <Typography.Text>{tx(lang, 'migration.mappingHelp', { from: report.from })}</Typography.Text>
      {rows.map((r) => (
        <Space key={r.state} wrap>
          <Tag color={r.inDraft ? 'default' : 'orange'}>{r.state}</Tag>{tx(lang, 'migration.casesIn', { n: r.cases })} →
          <Select size="small" style={{ minWidth: 220 }} allowClear showSearch optionFilterProp="label" data-testid={`map-${r.state}`} value={choices[r.state]} onChange={(v) => choose(r.state, v)}
            placeholder={r.inDraft ? tx(lang, 'migration.sameState') : tx(lang, 'migration.stayOnOld', { from: report.from })}
            options={[...states.values()].filter((s) => s.kind !== 'compound' && s.kind !== 'parallel').map((s) => ({ value: s.id, label: label(s.id) }))} />
        </Space>
      ))}
      <Button size="small" data-testid="migration-preview" loading={preview.isPending} disabled={!chosen.length} onClick={() => preview.mutate()}>{tx(lang, 'migration.preview')}</Button>
      {preview.error && <Alert type="error" showIcon message={preview.error instanceof ApiError ? `${preview.error.code}: ${preview.error.message}` : String(preview.error)} />}
      {preview.data && (
        <>
          <Alert type={moving === preview.data.cases.length ? 'success' : 'warning'} showIcon data-testid="migration-preview-summary"
            message={tx(lang, 'migration.previewSummary', { moving, staying: preview.data.cases.length - moving, from: preview.data.from, to: preview.data.to })} />
          <Table size="small" rowKey="caseId" pagination={{ pageSize: 5, hideOnSinglePage: true }} dataSource={preview.data.cases} data-testid="migration-preview-table"
            onRow={(c) => ({ 'data-testid': `preview-row-${c.ref}`, 'data-ok': String(c.ok) }) as never}
            columns={[
              { title: tx(lang, 'publishDialog.case'), dataIndex: 'ref' },
              { title: tx(lang, 'impact.nowOn', { from: preview.data.from }), render: (_, c) => stateText(c.state) },
              { title: tx(lang, 'migration.result'), render: (_, c) => (c.ok
                ? <span><Tag color="green">{tx(lang, 'migration.moves', { to: preview.data!.to })}</Tag>{stateText(c.newState)}{c.droppedFields?.length ? ` · ${tx(lang, 'migration.dropsFields', { fields: c.droppedFields.join(', ') })}` : ''}</span>
                : <span><Tag color="orange">{tx(lang, 'migration.stays', { from: preview.data!.from })}</Tag>{c.diagnostics.map((d) => d.message[lang]).join('；')}</span>) },
            ]} />
        </>
      )}
    </Space>
  );
}
