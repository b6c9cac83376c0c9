/**
 * 发起 / 填报 — the guided multi-step form for grid and social workers: one step per screen with a
 * progress bar, conditional fields in place, each step checked with the engine's rules (the server's
 * zh-CN messages) before going on, 「已自动保存」 to the server and kept on the device offline,
 * photos from the camera, location from the device, 读取身份证 when a reader bridge is configured.
 * Submitting shows the case number and who handles it next, then goes to 我发起的.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Progress, Result, Select, Space, Steps, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { Definition } from '@tongban/engine';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { ApiError } from '../api/ApiError.ts';
import { pick } from '../i18n/i18n.ts';
import { CaseForm } from '../forms/CaseForm.tsx';
import { engineErrors, type ErrorTree } from '../forms/engineErrors.ts';
import { toRjsf } from '../forms/toRjsf.ts';
import { hiddenFor } from '../forms/visibility.ts';
import { useClientConfig } from '../deadlines/useClock.ts';
import { useSession } from '../shell/useSession.ts';
import { LoadingState } from '../shared/LoadingState.tsx';
import { ErrorState } from '../shared/ErrorState.tsx';
import { NotFound } from '../shared/NotFound.tsx';
import { useOrgUnits } from '../shared/lookups.ts';
import { removeLocalDraft } from './localDrafts.ts';
import { useDraftSync } from './useDraftSync.ts';
import { photoRefusal, usePhotoUpload } from './usePhotoUpload.ts';

/** The guided form, once the definition is loaded. */
function Guided({ def, draftId, userId, orgs }: { def: Definition; draftId: string; userId: string; orgs: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const navigate = useNavigate();
  const cfg = useClientConfig();
  const unitNames = useOrgUnits(); // 上报单位 by name, not by its code path
  const formId = def.intake!.form;
  const steps = def.forms?.[formId]?.steps ?? [{ id: '', title: def.forms?.[formId]?.title ?? def.title, fields: def.forms?.[formId]?.fields ?? [] }];
  const sync = useDraftSync(userId, { id: draftId, definitionId: def.id, orgPath: orgs[0], step: 0, data: {}, revision: 0, pending: false, updatedAt: Date.now() });
  const { draft } = sync;
  const upload = usePhotoUpload(userId, draftId, cfg.data?.config.attachments, def.id);
  const step = Math.min(draft.step, steps.length - 1);
  const [errors, setErrors] = useState<ErrorTree>();
  const hidden = hiddenFor(def, formId, draft.data);
  const form = toRjsf(def, formId, { lang, step: steps[step]!.id || undefined, hidden });
  // rjsf keeps the formContext of its first render (its deepEquals ignores functions): callbacks read the current draft here
  const live = useRef({ data: draft.data, props: form.schema.properties });
  live.current = { data: draft.data, props: form.schema.properties };
  const submit = useMutation({
    mutationFn: async () => {
      const created = await unwrap(api.POST('/api/cases', { body: { definitionId: def.id, orgPath: draft.orgPath ?? orgs[0]!, data: draft.data, draftId } }));
      const o = await unwrap(api.GET('/api/cases/{id}/overview', { params: { path: { id: created.id } } })).catch(() => undefined);
      return { ...created, next: o?.current[0] };
    },
    onSuccess: () => removeLocalDraft(userId, draftId),
  });
  const check = (all: boolean) => {
    const { schema } = all ? toRjsf(def, formId, { lang, hidden }) : form;
    const { tree, count } = engineErrors(schema, Object.fromEntries(Object.keys(schema.properties as object).filter((k) => draft.data[k] !== undefined).map((k) => [k, draft.data[k]])), lang);
    setErrors(count ? tree : undefined);
    return count === 0;
  };
  if (submit.isSuccess) {
    const n = submit.data.next;
    return <Result status="success" title={t('report.created', { ref: submit.data.ref })}
      subTitle={n ? t('report.nextHandler', { step: pick(n.title, lang), who: n.assigneeName ?? t('case.group', { count: n.candidates }) }) : undefined}
      extra={[<Button type="primary" key="mine" onClick={() => navigate('/cases/mine')}>{t('menu.startedByMe')}</Button>, <Link key="case" to={`/cases/${submit.data.id}`}><Button>{t('report.open')}</Button></Link>]} />;
  }
  const status = { idle: '', saving: t('draft.saving'), saved: t('draft.saved'), offline: t('draft.offline'), conflict: '', error: t('draft.failed') }[sync.state];
  return (
    <Card title={pick(def.title, lang)} extra={<span aria-live="polite" data-testid="draft-status">{status}</span>}>
      <Progress percent={Math.round(((step + 1) / steps.length) * 100)} showInfo={false} aria-label={t('report.progress', { step: step + 1, total: steps.length })} />
      <Steps size="small" current={step} items={steps.map((s) => ({ title: pick(s.title, lang) }))} responsive={false} style={{ margin: '8px 0 16px' }} />
      {sync.state === 'offline' && <Alert type="warning" showIcon title={t('draft.offlineLong')} style={{ marginBottom: 12 }} role="status" />}
      {sync.pendingPhotos > 0 && <Alert type="info" showIcon data-testid="photos-pending" title={t('photo.pendingLong', { count: sync.pendingPhotos })} style={{ marginBottom: 12 }} role="status" />}
      {sync.refused.length > 0 && <Alert type="error" showIcon role="alert" closable={{ onClose: sync.dismissRefused }} data-testid="photos-refused" style={{ marginBottom: 12 }}
        title={t('photo.refusedTitle', { count: sync.refused.length })} description={sync.refused.map((r, i) => <div key={i}>{photoRefusal(t, r.name, r.code, r.message, cfg.data?.config.attachments)}</div>)} />}
      {sync.state === 'conflict' && <Alert type="error" showIcon role="alert" title={t('draft.conflict')} style={{ marginBottom: 12 }}
        action={<Button size="small" onClick={sync.keepMine}>{t('draft.keepMine')}</Button>} />}
      {orgs.length > 1 && step === 0 && (
        <div style={{ marginBottom: 12 }}><label htmlFor="report-org">{t('report.org')}</label>
          <Select id="report-org" style={{ width: '100%' }} value={draft.orgPath} onChange={(v) => sync.update({ orgPath: v })} options={orgs.map((o) => ({ value: o, label: unitNames.data?.names.get(o) ?? o }))} /></div>
      )}
      <Typography.Title level={2} style={{ fontSize: 16 }}>{pick(steps[step]!.title, lang)}</Typography.Title>
      <CaseForm schema={form.schema} uiSchema={form.uiSchema} data={draft.data} errors={errors} onChange={(data) => sync.update({ data: { ...draft.data, ...data } })}
        context={{ upload, bridgeUrl: cfg.data?.config.idCardBridgeUrl ?? null, data: () => live.current.data,
          onCardRead: (card) => sync.update({ data: { ...live.current.data, ...(card.name && 'reporterName' in (live.current.props as object) ? { reporterName: card.name } : {}) } }) }} />
      {submit.isError && <Alert type="error" role="alert" showIcon style={{ marginBottom: 12 }} title={(submit.error as Error).message}
        description={submit.error instanceof ApiError ? <span>{submit.error.code}{((submit.error.details.diagnostics as Array<{ message: { 'zh-CN': string; en: string } }>) ?? []).map((d, i) => <div key={i}>{pick(d.message, lang)}</div>)}</span> : undefined} />}
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Button disabled={step === 0} onClick={() => { setErrors(undefined); sync.update({ step: step - 1 }); }}>{t('report.back')}</Button>
        {step < steps.length - 1
          ? <Button type="primary" onClick={() => { if (check(false)) sync.update({ step: step + 1 }); }} data-testid="next-step">{t('report.next')}</Button>
          : <Button type="primary" loading={submit.isPending} disabled={submit.isPending || sync.pendingPhotos > 0} onClick={() => { if (check(true) && !submit.isPending) submit.mutate(); }} data-testid="submit-report">{t('report.submit')}</Button>}
      </Space>
    </Card>
  );
}

/** The report page: picks up the draft named in the URL (or starts one). */
export default function ReportPage() {
  const { definitionId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const given = params.get('draft');
  const draftId = given && /^[A-Za-z0-9-]{8,36}$/.test(given) ? given : undefined;
  // a new form gets its draft id in the URL first, so a reload (or the way back after login) finds the same draft
  useEffect(() => {
    if (!draftId) setParams((p) => { const n = new URLSearchParams(p); n.set('draft', crypto.randomUUID()); return n; }, { replace: true });
  }, [draftId, setParams]);
  const def = useQuery({ queryKey: ['definitions', definitionId, 'latest'], queryFn: () => unwrap(api.GET('/api/definitions/{id}', { params: { path: { id: definitionId } } })), staleTime: 600_000 });
  // the org tree the 选网格 / 选组织 / 选人 fields choose from, loaded while the form opens: a worker who
  // loses the network on a later step (a stairwell, a basement) still picks from it
  useOrgUnits();
  if (def.isPending || !draftId) return <LoadingState />;
  if (def.isError) return def.error instanceof ApiError && def.error.status === 404 ? <NotFound /> : <ErrorState error={def.error} onRetry={() => void def.refetch()} />;
  const d = def.data.definition as unknown as Definition;
  const roles = d.intake?.roles ?? [];
  const orgs = [...new Set((session?.user.roles ?? []).filter((r) => roles.includes(r.role)).map((r) => r.orgPath))];
  if (!d.intake || !orgs.length) return <Result status="403" title={d.intake ? `${pick(d.title)}` : ''} subTitle={<NoIntake />} />;
  return <Guided key={draftId} def={d} draftId={draftId} userId={session!.user.id} orgs={orgs} />;
}

function NoIntake() {
  const { t } = useTranslation();
  return <span>{t('report.notAllowed')}</span>;
}
