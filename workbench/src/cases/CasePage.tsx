/**
 * 办理 — the case page: header; the step's form (left, or first on a phone); process record, steps
 * ahead, files, comments, related cases and adapter calls (right); and a bar with every action
 * available now, each with its own dialog. A stale version answers 「案件已被他人处理，请刷新」 and
 * the page refreshes. A case outside the user's scope is the same not-found page as any other.
 */
import { useMemo, useState } from 'react';
import { Affix, App, Button, Card, Col, Grid, Row, Space, Tabs } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Definition, FieldAccess } from '@tongban/engine';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/ApiError.ts';
import { pick } from '../i18n/i18n.ts';
import { engineErrors, type ErrorTree } from '../forms/engineErrors.ts';
import { toRjsf } from '../forms/toRjsf.ts';
import { hiddenFor } from '../forms/visibility.ts';
import { useClientConfig } from '../deadlines/useClock.ts';
import { NotFound } from '../shared/NotFound.tsx';
import { LoadingState } from '../shared/LoadingState.tsx';
import { ErrorState } from '../shared/ErrorState.tsx';
import { useOrgUnits } from '../shared/lookups.ts';
import { ActionDialog } from './ActionDialog.tsx';
import { sendAction, type ActionInput } from './actionRequest.ts';
import { CaseHeader } from './CaseHeader.tsx';
import { gridNames, valueText, type ValueNames } from './valueText.ts';
import { caseKeys, fetchActions, fetchCase, fetchDefinition, fetchOverview, fetchTask, uploadToCase, type AvailableAction } from './caseQueries.ts';
import { ProcessPanel } from './ProcessPanel.tsx';
import { RevealButton } from './RevealButton.tsx';
import { AttachmentsPanel, CommentsPanel, RelatedPanel } from './SidePanels.tsx';
import { StepFormPanel, writable } from './StepFormPanel.tsx';

/** Where a reject / return decision sends the case, in words. */
/** A case value as text: attachment ids as a count (the files are under 附件), a position as latitude and longitude. */
function targetText(def: Definition, state: string, decision: string, t: (k: string) => string): string | undefined {
  let states = def.states as Record<string, import('@tongban/engine').StateSpec> | undefined;
  let spec: import('@tongban/engine').StateSpec | undefined;
  for (const part of state.split('.')) { spec = states?.[part]; states = spec?.states; }
  const d = spec?.task?.decisions?.[decision];
  if (!d?.to) return undefined;
  if (d.to === 'initiator' || d.to === 'previous') return t(`target.${d.to}`);
  const to = def.states[d.to];
  return to?.task?.title ? pick(to.task.title) : to?.title ? pick(to.title) : d.to;
}

/** A consent the data names that no longer allows anything (withdrawn, expired, not found, another purpose): shown in red. */
const consentFails = (c: { ref: string; status: string } | undefined, v: unknown) => !!c && c.ref === v && c.status !== 'active';

/** The case page. */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { message } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const qc = useQueryClient();
  const cfg = useClientConfig();
  const orgs = useOrgUnits();
  const view = useQuery({ queryKey: caseKeys.one(id), queryFn: () => fetchCase(id) });
  const overview = useQuery({ queryKey: caseKeys.part(id, 'overview'), queryFn: () => fetchOverview(id), enabled: view.isSuccess });
  const actions = useQuery({ queryKey: caseKeys.part(id, 'actions'), queryFn: () => fetchActions(id), enabled: view.isSuccess });
  const def = useQuery({ queryKey: caseKeys.definition(view.data?.definitionId ?? '', view.data?.definitionVersion ?? 0), staleTime: Infinity, enabled: view.isSuccess,
    queryFn: async () => (await fetchDefinition(view.data!.definitionId, view.data!.definitionVersion)).definition as unknown as Definition });
  const heldTaskId = actions.data?.items.find((a) => a.kind === 'decision' && a.taskId)?.taskId;
  const task = useQuery({ queryKey: caseKeys.part(id, `task-${heldTaskId}`), queryFn: () => fetchTask(heldTaskId!), enabled: !!heldTaskId });
  const [edits, setEdits] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<ErrorTree>();
  const [dialog, setDialog] = useState<AvailableAction | null>(null);
  const upload = (file: Blob, name: string, field?: string) => uploadToCase(id, file, name, field);
  const refresh = () => qc.invalidateQueries({ queryKey: caseKeys.one(id) });

  const act = useMutation({
    mutationFn: ({ a, input }: { a: AvailableAction; input: ActionInput }) => sendAction(id, a, input, actions.data!.version),
    onSuccess: () => { setDialog(null); setEdits({}); setErrors(undefined); void message.success(t('action.done')); void refresh(); void qc.invalidateQueries({ queryKey: ['tasks'] }); },
    onError: (err) => {
      if (err instanceof ApiError && err.isConflict) { setDialog(null); void message.warning(t('case.staleVersion')); void refresh(); }
    },
  });

  const formId = task.data?.form ?? undefined;
  const matrix = (task.data?.fields ?? {}) as Record<string, FieldAccess>;
  const labels = useMemo(() => {
    const props = ((def.data?.data as { properties?: Record<string, { 'x-title'?: { 'zh-CN': string; en: string } }> } | undefined)?.properties) ?? {};
    return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, v['x-title'] ? pick(v['x-title'], lang) : k]));
  }, [def.data, lang]);

  if (view.isPending) return <LoadingState />;
  if (view.isError) return view.error instanceof ApiError && view.error.status === 404 ? <NotFound /> : <ErrorState error={view.error} onRetry={() => void view.refetch()} />;

  /** A decision sends the step's writable fields, checked first with the engine's rules (the server's messages). */
  const start = (a: AvailableAction) => {
    if (a.kind === 'decision' && def.data && formId) {
      const data = { ...view.data.data, ...(task.data?.draft ?? {}), ...edits };
      const form = toRjsf(def.data, formId, { lang, hidden: hiddenFor(def.data, formId, data), matrix });
      const mine = writable(matrix).filter((f) => f in (form.schema.properties as object));
      const schema = { ...form.schema, properties: Object.fromEntries(mine.map((f) => [f, (form.schema.properties as Record<string, unknown>)[f]])), required: (form.schema.required as string[]).filter((f) => mine.includes(f)) };
      const onlyMine = Object.fromEntries(mine.filter((f) => data[f] !== undefined).map((f) => [f, data[f]]));
      // only approving decisions must satisfy the form; a rejection with a comment need not fill it in
      const kind = (task.data?.decisions ?? []).find((d) => d.name === a.name)?.kind;
      const { tree, count } = engineErrors(kind === 'approve' ? schema : { ...schema, required: [] }, onlyMine, lang);
      setErrors(count ? tree : undefined);
      if (count) { void message.error(t('form.fix', { count })); return; }
    }
    setDialog(a);
  };
  const submit = (a: AvailableAction, input: ActionInput) => {
    if (act.isPending) return;
    const data = { ...(task.data?.draft ?? {}), ...edits };
    const mine = Object.fromEntries(writable(matrix).filter((f) => data[f] !== undefined).map((f) => [f, data[f]]));
    act.mutate({ a, input: { ...input, data: a.kind === 'decision' && Object.keys(mine).length ? mine : undefined } });
  };

  const o = overview.data;
  const grids = gridNames(orgs.data?.names);
  const names: ValueNames = { org: (p) => o?.unitNames[p] ?? orgs.data?.names.get(p), grid: (c) => o?.unitNames[c] ?? grids.get(c), user: (u) => o?.userNames[u] };
  const bar = (
    <Card size="small" styles={{ body: { padding: 8 } }}>
      <Space wrap>
        {(actions.data?.items ?? []).map((a) => (
          <Button key={`${a.kind}-${a.name}-${a.taskId ?? ''}`} type={a.kind === 'decision' ? 'primary' : 'default'} danger={a.kind === 'decision' && /reject|void|return|send_back/.test(a.name)}
            onClick={() => (a.kind === 'claim' ? act.mutate({ a, input: {} }) : start(a))} disabled={act.isPending} data-action={a.name}>
            {a.title ? pick(a.title, lang) : t(`action.op.${a.name}`, { defaultValue: a.name })}
          </Button>
        ))}
        <RevealButton caseId={id} fields={view.data.masked} labels={labels} />
        {actions.data && !actions.data.items.length && <span>{t('case.noActions')}</span>}
      </Space>
    </Card>
  );
  const formFields = new Set(formId && def.data?.forms?.[formId] && heldTaskId ? def.data.forms[formId]!.fields : []);
  const shown = Object.entries(view.data.data).filter(([k]) => !formFields.has(k));
  const formPanel = (
    <Card title={formId && heldTaskId && def.data?.forms?.[formId] ? pick(def.data.forms[formId]!.title, lang) : t('case.data')} size="small">
      {def.data && formId && heldTaskId && task.data && (
        <StepFormPanel def={def.data} taskId={heldTaskId} formId={formId} matrix={matrix} caseData={view.data.data} draft={task.data.draft ?? null} edits={edits}
          onEdits={setEdits} errors={errors} context={{ upload, bridgeUrl: cfg.data?.config.idCardBridgeUrl ?? null, names,
            data: () => ({ ...view.data.data, ...(task.data.draft ?? {}), ...edits }) }} />
      )}
      {/* until the definition arrives the data would show field ids and raw values (an attachment's uuid): wait for it, unless it failed */}
      {def.isPending ? <LoadingState /> : <dl style={{ margin: 0 }} data-testid="case-data">{shown.map(([k, v]) => (
        <div key={k} style={{ display: 'flex', gap: 8, padding: '2px 0' }}><dt style={{ minWidth: 96, color: 'rgba(0,0,0,0.65)' }}>{labels[k] ?? k}</dt>
          <dd style={{ margin: 0, ...(consentFails(o?.consents?.[k], v) ? { color: '#a8071a' } : {}) }} className="tb-user-text" data-consent={o?.consents?.[k]?.ref === v ? o?.consents[k]?.status : undefined}>
            {valueText(def.data, k, v, { t: (key, opts) => String(t(key, opts as never)), names, lang, consents: o?.consents })}</dd></div>))}</dl>}
    </Card>
  );
  return (
    <div>
      {o ? <CaseHeader o={o} orgName={o.unitNames[o.orgPath] ?? orgs.data?.names.get(o.orgPath) ?? o.orgPath} /> : <LoadingState />}
      <Row gutter={[16, 16]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={14}>{formPanel}</Col>
        <Col xs={24} lg={10}>
          <Card size="small">
            <Tabs size="small" items={[
              { key: 'process', label: t('case.process'), children: o ? <ProcessPanel o={o} /> : <LoadingState /> },
              { key: 'files', label: t('case.files'), children: <AttachmentsPanel caseId={id} /> },
              { key: 'comments', label: t('case.comments'), children: <CommentsPanel caseId={id} /> },
              { key: 'related', label: t('case.related'), children: o ? <RelatedPanel o={o} /> : <LoadingState /> },
            ]} />
          </Card>
        </Col>
      </Row>
      <div style={{ marginTop: 12 }}>{phone ? bar : <Affix offsetBottom={0}>{bar}</Affix>}</div>
      {dialog && <ActionDialog action={dialog} busy={act.isPending} upload={upload} onCancel={() => { setDialog(null); act.reset(); }}
        target={def.data && dialog.kind === 'decision' ? targetText(def.data, dialog.state, dialog.name, (k) => t(k)) : undefined}
        error={act.error && !(act.error instanceof ApiError && act.error.isConflict) ? `${(act.error as Error).message}${act.error instanceof ApiError ? ` (${act.error.code})` : ''}` : undefined}
        onSubmit={(input) => submit(dialog, input)} />}
    </div>
  );
}
