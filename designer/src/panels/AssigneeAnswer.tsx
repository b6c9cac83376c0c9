/** The live answer under the assignee editor: who the engine assigns in a chosen grid of the sample county, and why. */
import { useMemo, useState } from 'react';
import { Alert, Select, Space, Typography } from 'antd';
import { useEditor } from '../editor/EditorContext.tsx';
import { previewAssignment, sampleGrids } from './assignmentPreview.ts';
import { tr } from './Section.tsx';

export function AssigneeAnswer({ stateId }: { stateId: string }) {
  const { doc, directory, lang } = useEditor();
  const grids = useMemo(() => (directory ? sampleGrids(directory) : []), [directory]);
  const [org, setOrg] = useState<string>();
  const orgPath = org ?? grids[0]?.path;
  const answer = useMemo(() => (directory && orgPath ? previewAssignment(doc, stateId, directory, orgPath) : undefined), [doc, stateId, directory, orgPath]);
  if (!directory) return <Typography.Text type="secondary">{tr(lang, '正在读取示例县组织架构…', 'Loading the sample county…')}</Typography.Text>;
  if (!answer) return null;
  const who = answer.people.map((p) => `${p.name}（${p.roles.join('、')}）`).join('、');
  const because = answer.why.map((w) => (lang === 'en' ? w.en : w['zh-CN'])).join('；');
  return (
    <div style={{ marginTop: 8 }} data-testid="assignee-answer">
      <Space style={{ marginBottom: 4 }}>
        <span>{tr(lang, '示例案件所在网格', 'Sample case in')}</span>
        <Select size="small" showSearch optionFilterProp="label" style={{ minWidth: 180 }} value={orgPath} options={grids.map((g) => ({ value: g.path, label: g.name }))} onChange={setOrg} />
      </Space>
      <Alert type={answer.ok ? 'info' : 'warning'} showIcon
        message={answer.ok
          ? tr(lang, `在示例县，对 ${answer.orgName} 的案件，此步骤交给 ${who}`, `In the sample county, for a case in ${answer.orgName}, this step goes to ${who}`)
          : tr(lang, `在示例县，对 ${answer.orgName} 的案件：${answer.problem?.['zh-CN'] ?? '找不到办理人'}`, `In the sample county, for a case in ${answer.orgName}: ${answer.problem?.en ?? 'nobody'}`)}
        description={because ? `${tr(lang, '因为', 'because')}：${because}` : undefined} />
    </div>
  );
}
