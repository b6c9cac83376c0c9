/**
 * A definition's form rendered by @rjsf/antd with our widgets, validated by the engine's rules
 * (the server's messages) rather than rjsf's, and never validating on its own submit.
 */
import { forwardRef } from 'react';
import Form from '@rjsf/antd';
import validator from '@rjsf/validator-ajv8';
import type { IChangeEvent } from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import { fields, widgets } from './widgets.tsx';
import type { FormCtx } from './formContext.ts';
import type { ErrorTree } from './engineErrors.ts';

/** Props of the form. */
export interface CaseFormProps {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  data: Record<string, unknown>;
  onChange: (data: Record<string, unknown>) => void;
  errors?: ErrorTree;
  context?: FormCtx;
  readonly?: boolean;
}

/** The form (no submit button: the screen's actions submit it). */
export const CaseForm = forwardRef<unknown, CaseFormProps>(function CaseForm(p, _ref) {
  return (
    <Form schema={p.schema as never} uiSchema={{ ...p.uiSchema, 'ui:submitButtonOptions': { norender: true } } as never} formData={p.data} validator={validator}
      widgets={widgets} fields={fields} formContext={p.context ?? {}} readonly={p.readonly} noHtml5Validate showErrorList={false}
      extraErrors={p.errors as ErrorSchema | undefined} onChange={(e: IChangeEvent) => p.onChange((e.formData ?? {}) as Record<string, unknown>)} />
  );
});
