/**
 * Publishing: refused while lint errors remain; the saved scenarios are replayed (the server replays
 * them again and refuses on a failure); the impact report replays the running cases of the
 * published version on this draft; chosen cases can be migrated with an explicit state mapping,
 * previewed first, then applied right after the publish in one audited operation — the cases that
 * cannot map stay on their version, and the dialog says which.
 */
import { tx } from '../i18n/tx.ts';
import { useState } from 'react';
import { Alert, Button, List, Modal, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useEditor } from '../editor/EditorContext.tsx';
import { designerApi, keys, type MigrationOutcome, type MigrationPlan, type Scenario } from '../api/designerApi.ts';
import { replay } from '../simulate/ScenarioList.tsx';
import { ApiError } from '../shell/shellApi.ts';
import { ImpactTable } from './ImpactTable.tsx';
import { MigrationPlanner } from './MigrationPlanner.tsx';
import { MigrationOutcomeView } from './MigrationOutcomeView.tsx';

export function PublishDialog({ open, onClose, beforePublish, onPublished }: { open: boolean; onClose(): void; beforePublish(): Promise<number>; onPublished(version: number): void }) {
  const { doc, revision, check, api, lang, directory, reveal } = useEditor();
  const scenarios = useQuery({ queryKey: keys.scenarios(doc.id), queryFn: () => designerApi.scenarios(api, doc.id).then((r) => r.items).catch(() => [] as Scenario[]), enabled: open });
  // keyed on the draft's revision (what the replay depends on), not on a lint run: a lint finishing
  // while the dialog is open must not blank the table and the mapping the admin is choosing in
  const impact = useQuery({ queryKey: ['designer', 'impact', doc.id, revision], queryFn: () => designerApi.impact(api, doc.id, doc), enabled: open && check.errors === 0, retry: false, placeholderData: keepPreviousData });
  const [chosen, setChosen] = useState<string[]>([]);
  const [plan, setPlan] = useState<MigrationPlan>();
  const [done, setDone] = useState<{ version: number; outcome?: MigrationOutcome; migrationError?: ApiError }>();
  const [serverError, setServerError] = useState<ApiError>();
  const results = directory ? (scenarios.data ?? []).map((s) => ({ s, r: replay(doc, s, directory) })) : [];
  const failing = results.filter((x) => !x.r.ok);
  const publish = useMutation({
    mutationFn: async () => { const revision = await beforePublish(); return designerApi.publish(api, doc.id, revision); },
    onSuccess: async (r) => {
      if (!plan) return onPublished(r.version);
      // the version is published whatever happens next: a failed migration is shown, cases stay where they were
      try { setDone({ version: r.version, outcome: await designerApi.migrate(api, doc.id, r.version, plan) }); } catch (e) { setDone({ version: r.version, migrationError: e as ApiError }); }
    },
    onError: (e) => setServerError(e as ApiError),
  });
  const close = () => { if (done) onPublished(done.version); else onClose(); setDone(undefined); setPlan(undefined); setChosen([]); };
  const blocked = check.errors > 0 || failing.length > 0 || (chosen.length > 0 && !plan);
  const footer = done
    ? <Button type="primary" data-testid="publish-finish" onClick={close}>{tx(lang, 'migration.finish')}</Button>
    : <Space><Button onClick={onClose}>{tx(lang, 'publishDialog.cancel')}</Button>
      <Button type="primary" data-testid="publish-confirm" disabled={blocked} loading={publish.isPending} onClick={() => { setServerError(undefined); publish.mutate(); }}>
        {tx(lang, plan ? 'migration.publishAndMigrate' : 'publishDialog.publish2', { n: plan?.cases.length ?? 0 })}</Button></Space>;
  return (
    <Modal open={open} onCancel={close} width={860} title={tx(lang, 'publishDialog.publish')} data-testid="publish-dialog" footer={footer}>
      {done ? <MigrationOutcomeView version={done.version} plan={plan} outcome={done.outcome} error={done.migrationError} /> : <>
        {check.errors > 0 && <Alert type="error" showIcon data-testid="publish-blocked" message={tx(lang, 'publish.blocked', { n: check.errors })}
          description={<a onClick={() => { const d = check.diagnostics.find((x) => x.severity === 'error'); if (d) { reveal(d.path); onClose(); } }}>{tx(lang, 'publishDialog.showTheFirstError')}</a>} />}
        <Typography.Title level={5}>{tx(lang, 'publishDialog.scenarioRuns')}</Typography.Title>
        {results.length === 0 ? <Typography.Text type="secondary">{tx(lang, 'publishDialog.noSavedScenariosSaveOne')}</Typography.Text>
          : <List size="small" dataSource={results} renderItem={({ s, r }) => <List.Item><Tag color={r.ok ? 'green' : 'red'}>{r.ok ? tx(lang, 'publishDialog.pass') : tx(lang, 'publishDialog.fail')}</Tag>{s.name}</List.Item>} />}
        <Typography.Title level={5} style={{ marginTop: 12 }}>{tx(lang, 'publishDialog.impactOnRunningCases')}</Typography.Title>
        {impact.isError && <Alert type={impact.error instanceof ApiError && impact.error.status === 409 ? 'info' : 'warning'} showIcon data-testid="impact-none"
          message={impact.error instanceof ApiError && impact.error.status === 409 ? tx(lang, 'impact.firstVersion') : (impact.error as Error).message} />}
        {impact.isLoading && check.errors === 0 && <Typography.Text type="secondary">{tx(lang, 'impact.replaying')}</Typography.Text>}
        {impact.data && <ImpactTable report={impact.data} chosen={chosen} onChoose={(ids) => { setChosen(ids); setPlan(undefined); }} />}
        {impact.data && chosen.length > 0 && <MigrationPlanner key={chosen.join()} report={impact.data} chosen={chosen} onPlan={setPlan} />}
        {impact.data && chosen.length > 0 && !plan && <Typography.Text type="secondary" data-testid="migration-needs-preview">{tx(lang, 'migration.previewFirst')}</Typography.Text>}
        {serverError && <Alert style={{ marginTop: 12 }} type="error" showIcon data-testid="publish-error" message={`${serverError.code}: ${serverError.message}`} />}
      </>}
    </Modal>
  );
}
