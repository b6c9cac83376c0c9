/**
 * Publishing: refused while lint errors remain; the saved scenarios are replayed (the server replays
 * them again and refuses on a failure); the impact report on running cases of the previous version
 * (issue 12's dry-run API) and an optional, previewed state mapping to migrate them.
 */
import { tx } from '../i18n/tx.ts';
import { useState } from 'react';
import { Alert, Button, Checkbox, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEditor } from '../editor/EditorContext.tsx';
import { designerApi, keys, type Scenario } from '../api/designerApi.ts';
import { replay } from '../simulate/ScenarioList.tsx';
import { indexStates } from '../doc/stateIndex.ts';
import { ApiError } from '../shell/shellApi.ts';

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
    <Modal open={open} onCancel={onClose} width={760} title={tx(lang, 'publishDialog.publish')} data-testid="publish-dialog"
      footer={<Space><Button onClick={onClose}>{tx(lang, 'publishDialog.cancel')}</Button>
        <Button type="primary" data-testid="publish-confirm" disabled={blocked} loading={publish.isPending} onClick={() => { setServerError(undefined); publish.mutate(); }}>{tx(lang, 'publishDialog.publish2')}</Button></Space>}>
      {check.errors > 0 && <Alert type="error" showIcon data-testid="publish-blocked" message={tx(lang, 'publish.blocked', { n: check.errors })}
        description={<a onClick={() => { const d = check.diagnostics.find((x) => x.severity === 'error'); if (d) { reveal(d.path); onClose(); } }}>{tx(lang, 'publishDialog.showTheFirstError')}</a>} />}
      <Typography.Title level={5}>{tx(lang, 'publishDialog.scenarioRuns')}</Typography.Title>
      {results.length === 0 ? <Typography.Text type="secondary">{tx(lang, 'publishDialog.noSavedScenariosSaveOne')}</Typography.Text>
        : <List size="small" dataSource={results} renderItem={({ s, r }) => <List.Item><Tag color={r.ok ? 'green' : 'red'}>{r.ok ? tx(lang, 'publishDialog.pass') : tx(lang, 'publishDialog.fail')}</Tag>{s.name}</List.Item>} />}
      <Typography.Title level={5} style={{ marginTop: 12 }}>{tx(lang, 'publishDialog.impactOnRunningCases')}</Typography.Title>
      {impact.isError && <Alert type="warning" showIcon message={impact.error instanceof ApiError && impact.error.status === 404
        ? tx(lang, 'publishDialog.theServerOffersNoImpact')
        : (impact.error as Error).message} />}
      {impact.data && (
        <>
          <Table size="small" rowKey="caseId" pagination={{ pageSize: 5 }} dataSource={impact.data.cases}
            rowSelection={{ selectedRowKeys: chosen, onChange: (k) => setChosen(k as string[]) }}
            columns={[{ title: tx(lang, 'publishDialog.case'), dataIndex: 'caseId' }, { title: tx(lang, 'publishDialog.state'), render: (_, c) => JSON.stringify(c.state) },
              { title: tx(lang, 'publishDialog.underTheDraft'), render: (_, c) => <Tag color={c.effect === 'unchanged' ? 'green' : 'orange'}>{c.effect}</Tag> }, { title: '', render: (_, c) => c.detail?.[lang] }]} />
          {chosen.length > 0 && (
            <Space direction="vertical" data-testid="state-mapping">
              <Typography.Text>{tx(lang, 'publishDialog.stateMappingCasesThatCannot')}</Typography.Text>
              {oldStates.map((s) => <Space key={s}><Tag>{s}</Tag>→<Select size="small" style={{ minWidth: 160 }} allowClear value={mapping[s]} onChange={(v) => setMapping({ ...mapping, [s]: v })} options={states.map((x) => ({ value: x, label: x }))} /></Space>)}
              <Checkbox checked disabled>{tx(lang, 'publishDialog.appliedAsOneAuditedOperation')}</Checkbox>
            </Space>
          )}
        </>
      )}
      {serverError && <Alert style={{ marginTop: 12 }} type="error" showIcon data-testid="publish-error" message={`${serverError.code}: ${serverError.message}`} />}
    </Modal>
  );
}
