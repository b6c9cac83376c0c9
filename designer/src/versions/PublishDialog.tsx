/**
 * Publishing: refused while lint errors remain; the saved scenarios are replayed (the server replays
 * them again and refuses on a failure); the impact report on running cases of the previous version
 * (issue 12's dry-run API) and an optional, previewed state mapping to migrate them.
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEditor } from '../editor/EditorContext.tsx';
import { designerApi, keys, type Scenario } from '../api/designerApi.ts';
import { replay } from '../simulate/ScenarioList.tsx';
import { indexStates } from '../doc/stateIndex.ts';
import { ApiError } from '../shell/shellApi.ts';
import { tr } from '../panels/Section.tsx';

export function PublishDialog({ open, onClose, beforePublish, onPublished }: { open: boolean; onClose(): void; beforePublish(): Promise<number>; onPublished(version: number): void }) {
  const { doc, check, api, lang, directory, reveal } = useEditor();
  const scenarios = useQuery({ queryKey: keys.scenarios(doc.id), queryFn: () => designerApi.scenarios(api, doc.id).then((r) => r.items).catch(() => [] as Scenario[]), enabled: open });
  const impact = useQuery({ queryKey: ['designer', 'impact', doc.id, check.ms], queryFn: () => designerApi.impact(api, doc.id, doc), enabled: open && check.errors === 0, retry: false });
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [chosen, setChosen] = useState<string[]>([]);
  const [serverError, setServerError] = useState<ApiError>();
  const results = directory ? (scenarios.data ?? []).map((s) => ({ s, r: replay(doc, s, directory) })) : [];
  const failing = results.filter((x) => !x.r.ok);
  const publish = useMutation({
    mutationFn: async () => { const revision = await beforePublish(); return designerApi.publish(api, doc.id, revision); },
    onSuccess: async (r) => {
      if (chosen.length && impact.data) await designerApi.migrate(api, doc.id, { fromVersion: impact.data.fromVersion, toVersion: r.version, mapping, caseIds: chosen }).catch(() => undefined);
      onPublished(r.version);
    },
    onError: (e) => setServerError(e as ApiError),
  });
  const blocked = check.errors > 0 || failing.length > 0;
  const states = [...indexStates(doc).states.keys()];
  const oldStates = [...new Set((impact.data?.cases ?? []).map((c) => JSON.stringify(c.state)))];
  return (
    <Modal open={open} onCancel={onClose} width={760} title={tr(lang, '发布', 'Publish')} data-testid="publish-dialog"
      footer={<Space><Button onClick={onClose}>{tr(lang, '取消', 'Cancel')}</Button>
        <Button type="primary" data-testid="publish-confirm" disabled={blocked} loading={publish.isPending} onClick={() => { setServerError(undefined); publish.mutate(); }}>{tr(lang, '确认发布', 'Publish')}</Button></Space>}>
      {check.errors > 0 && <Alert type="error" showIcon data-testid="publish-blocked" message={tr(lang, `还有 ${check.errors} 个错误，不能发布`, `${check.errors} errors remain: cannot publish`)}
        description={<a onClick={() => { const d = check.diagnostics.find((x) => x.severity === 'error'); if (d) { reveal(d.path); onClose(); } }}>{tr(lang, '查看第一个错误', 'Show the first error')}</a>} />}
      <Typography.Title level={5}>{tr(lang, '场景回归', 'Scenario runs')}</Typography.Title>
      {results.length === 0 ? <Typography.Text type="secondary">{tr(lang, '没有保存的场景（建议在模拟中保存至少一个）', 'No saved scenarios (save one from the simulator)')}</Typography.Text>
        : <List size="small" dataSource={results} renderItem={({ s, r }) => <List.Item><Tag color={r.ok ? 'green' : 'red'}>{r.ok ? tr(lang, '通过', 'pass') : tr(lang, '失败', 'fail')}</Tag>{s.name}</List.Item>} />}
      <Typography.Title level={5} style={{ marginTop: 12 }}>{tr(lang, '影响分析（运行中的案件）', 'Impact on running cases')}</Typography.Title>
      {impact.isError && <Alert type="warning" showIcon message={impact.error instanceof ApiError && impact.error.status === 404
        ? tr(lang, '服务器尚未提供影响分析接口（issue 12）；发布后运行中的案件保留原版本', 'The server offers no impact analysis yet (issue 12); running cases keep their version')
        : (impact.error as Error).message} />}
      {impact.data && (
        <>
          <Table size="small" rowKey="caseId" pagination={{ pageSize: 5 }} dataSource={impact.data.cases}
            rowSelection={{ selectedRowKeys: chosen, onChange: (k) => setChosen(k as string[]) }}
            columns={[{ title: tr(lang, '案件', 'Case'), dataIndex: 'caseId' }, { title: tr(lang, '当前状态', 'State'), render: (_, c) => JSON.stringify(c.state) },
              { title: tr(lang, '新版本下', 'Under the draft'), render: (_, c) => <Tag color={c.effect === 'unchanged' ? 'green' : 'orange'}>{c.effect}</Tag> }, { title: '', render: (_, c) => c.detail?.[lang] }]} />
          {chosen.length > 0 && (
            <Space direction="vertical" data-testid="state-mapping">
              <Typography.Text>{tr(lang, '状态映射（未映射的案件留在原版本）', 'State mapping (cases that cannot map stay on their version)')}</Typography.Text>
              {oldStates.map((s) => <Space key={s}><Tag>{s}</Tag>→<Select size="small" style={{ minWidth: 160 }} allowClear value={mapping[s]} onChange={(v) => setMapping({ ...mapping, [s]: v })} options={states.map((x) => ({ value: x, label: x }))} /></Space>)}
              <Checkbox checked disabled>{tr(lang, '迁移作为一次审计操作执行', 'Applied as one audited operation')}</Checkbox>
            </Space>
          )}
        </>
      )}
      {serverError && <Alert style={{ marginTop: 12 }} type="error" showIcon data-testid="publish-error" message={`${serverError.code}: ${serverError.message}`} />}
    </Modal>
  );
}
