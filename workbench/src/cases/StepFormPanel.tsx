/**
 * The step's form in its field matrix (read / write / hidden / masked / required) for the task the
 * user holds, with the data the case already has; what they type is kept as the task's draft on the
 * server (「已自动保存」) and sent with the decision.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Typography } from 'antd';
import type { Definition, FieldAccess } from '@tongban/engine';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client.ts';
import { CaseForm } from '../forms/CaseForm.tsx';
import type { ErrorTree } from '../forms/engineErrors.ts';
import type { FormCtx } from '../forms/formContext.ts';
import { toRjsf } from '../forms/toRjsf.ts';
import { hiddenFor } from '../forms/visibility.ts';

/** The fields a step may write (and so sends). */
export function writable(matrix: Record<string, FieldAccess>): string[] {
  return Object.entries(matrix).filter(([, a]) => a === 'write' || a === 'required').map(([f]) => f);
}

/** Props of the panel. */
export interface StepFormPanelProps {
  def: Definition;
  taskId: string;
  formId: string;
  matrix: Record<string, FieldAccess>;
  caseData: Record<string, unknown>;
  draft: Record<string, unknown> | null;
  edits: Record<string, unknown>;
  onEdits: (e: Record<string, unknown>) => void;
  errors?: ErrorTree;
  context: FormCtx;
}

/** The step form. */
export function StepFormPanel(p: StepFormPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const data = useMemo(() => ({ ...p.caseData, ...(p.draft ?? {}), ...p.edits }), [p.caseData, p.draft, p.edits]);
  const hidden = hiddenFor(p.def, p.formId, data);
  const form = toRjsf(p.def, p.formId, { lang, hidden, matrix: p.matrix });
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const fields = writable(p.matrix);
  useEffect(() => () => clearTimeout(timer.current), []);
  const change = (next: Record<string, unknown>) => {
    const mine = Object.fromEntries(fields.filter((f) => f in next).map((f) => [f, next[f]]));
    p.onEdits(mine);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setSaved('saving');
      unwrap(api.PUT('/api/tasks/{id}/draft', { params: { path: { id: p.taskId } }, body: { data: mine } })).then(() => setSaved('saved'), () => setSaved('failed'));
    }, 800);
  };
  if (!form.fields.length) return <Typography.Text type="secondary">{t('form.nothing')}</Typography.Text>;
  return (
    <div>
      <CaseForm schema={form.schema} uiSchema={form.uiSchema} data={data} onChange={change} errors={p.errors} context={p.context} />
      <Typography.Text type="secondary" aria-live="polite">{saved === 'saving' ? t('draft.saving') : saved === 'saved' ? t('draft.saved') : saved === 'failed' ? t('draft.failed') : ''}</Typography.Text>
    </div>
  );
}
