/** The live answer under the assignee editor: who the engine assigns in a chosen grid of the sample county, and why. */
import { tx } from '../i18n/tx.ts';
import { useMemo, useState } from 'react';
import { Alert, Select, Space, Typography } from 'antd';
import { useEditor } from '../editor/EditorContext.tsx';
import { previewAssignment, sampleGrids } from './assignmentPreview.ts';

export function AssigneeAnswer({ stateId }: { stateId: string }) {
  const { doc, directory, lang } = useEditor();
  const grids = useMemo(() => (directory ? sampleGrids(directory) : []), [directory]);
  const [org, setOrg] = useState<string>();
  const orgPath = org ?? grids[0]?.path;
  const answer = useMemo(() => (directory && orgPath ? previewAssignment(doc, stateId, directory, orgPath) : undefined), [doc, stateId, directory, orgPath]);
  if (!directory) return <Typography.Text type="secondary">{tx(lang, 'assigneeAnswer.loadingTheSampleCounty')}</Typography.Text>;
  if (!answer) return null;
  const who = answer.people.map((p) => `${p.name}（${p.roles.join('、')}）`).join('、');
  const because = answer.why.map((w) => (lang === 'en' ? w.en : w['zh-CN'])).join('；');
  return (
    <div style={{ marginTop: 8 }} data-testid="assignee-answer">
      <Space style={{ marginBottom: 4 }}>
        <span>{tx(lang, 'assigneeAnswer.sampleCaseIn')}</span>
        <Select size="small" showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={orgPath} options={grids.map((g) => ({ value: g.path, label: g.name }))} onChange={setOrg} />
      </Space>
      <Alert type={answer.ok ? 'info' : 'warning'} showIcon
        message={answer.ok
          ? tx(lang, 'assignee.preview', { org: answer.orgName, who })
          : tx(lang, 'assignee.problem', { org: answer.orgName, problem: answer.problem?.[lang] ?? tx(lang, 'assignee.nobody') })}
        description={because ? `${tx(lang, 'assigneeAnswer.because')}：${because}` : undefined} />
    </div>
  );
}
