/**
 * The designer's form preview as a worker will get it: the workbench's own form (toRjsf + CaseForm),
 * with its pickers on the org tree, the consent picker and the ID-number widget. The designer runs
 * its own i18n and query client, so the form is wrapped in the workbench's again. Uploads are off:
 * nothing a county admin tries in a preview is stored.
 */
import { useMemo, type ComponentType } from 'react';
import { I18nextProvider } from 'react-i18next';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import i18n from '../i18n/i18n.ts';
import { toRjsf } from '../forms/toRjsf.ts';
import { CaseForm } from '../forms/CaseForm.tsx';
import type { PreviewFormProps } from './shellApi.ts';

/** The renderer the shell hands the designer, over the workbench's query client. */
export function previewFormWith(client: QueryClient): ComponentType<PreviewFormProps> {
  return function PreviewForm(p: PreviewFormProps) {
    // a draft mid-edit may not make a form yet: the designer lists its problems beside the preview
    const form = useMemo(() => { try { return toRjsf(p.def, p.formId, { lang: p.lang, ...(p.step ? { step: p.step } : {}), hidden: p.hidden }); } catch { return undefined; } },
      [p.def, p.formId, p.lang, p.step, p.hidden]);
    if (!form) return null;
    return (
      <I18nextProvider i18n={i18n}>
        <QueryClientProvider client={client}>
          <div data-testid="preview-workbench-form">
            <CaseForm schema={form.schema} uiSchema={form.uiSchema} data={p.data} onChange={p.onChange} context={{ data: () => p.data }} />
          </div>
        </QueryClientProvider>
      </I18nextProvider>
    );
  };
}
