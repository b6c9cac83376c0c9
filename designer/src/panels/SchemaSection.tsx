/**
 * A property panel generated from the definition schema (definitions/schema/definition.schema.json):
 * the sub-schema at `def` (e.g. `state`, `task`) with chosen properties, rendered by @rjsf/antd and
 * written back as one command per change. New format constructs appear here without designer code.
 */
import { useMemo } from 'react';
import Form from '@rjsf/antd';
import validator from '@rjsf/validator-ajv8';
import type { RJSFSchema } from '@rjsf/utils';
import schemaJson from '@tongban/definitions/schema/definition.schema.json' with { type: 'json' };
import { useEditor } from '../editor/EditorContext.tsx';
import { setValue } from '../doc/commands.ts';
import { withLabels } from './schemaLabels.ts';

const root = schemaJson as unknown as { $defs: Record<string, Record<string, unknown>>; properties: Record<string, Record<string, unknown>> };

/** Every property of `$defs[defName]` except those listed: what the advanced section shows (so constructs added to the format appear without designer code). */
export function schemaPropertiesOf(defName: string, except: string[] = []): string[] {
  const base = defName === 'definition' ? root : root.$defs[defName];
  return Object.keys((base?.properties ?? {}) as object).filter((k) => !except.includes(k));
}

/** Renders the properties `only` of `$defs[defName]` (or of the root when defName is 'definition') for the object at `pointer`. */
export function SchemaSection({ defName, only, pointer, value, testId }: { defName: string; only: string[]; pointer: string; value: Record<string, unknown> | undefined; testId?: string }) {
  const { exec, lang } = useEditor();
  const schema = useMemo(() => {
    const base = defName === 'definition' ? root : root.$defs[defName]!;
    const props = base.properties as Record<string, unknown>;
    const picked = { type: 'object', properties: Object.fromEntries(only.filter((k) => props[k]).map((k) => [k, props[k]])), $defs: root.$defs };
    return withLabels(picked, lang) as RJSFSchema;
  }, [defName, only.join(","), lang]);
  const formData = Object.fromEntries(only.filter((k) => value?.[k] !== undefined).map((k) => [k, value![k]]));
  return (
    <div data-testid={testId}>
      <Form schema={schema} formData={formData} validator={validator} liveValidate={false} uiSchema={{ 'ui:submitButtonOptions': { norender: true } }}
        onChange={(e, id) => {
          // rjsf also reports its own normalisation (defaults filled on mount); only a field the admin touched carries an id
          if (!id) return;
          const next = (e.formData ?? {}) as Record<string, unknown>;
          for (const k of only) if (JSON.stringify(next[k]) !== JSON.stringify(formData[k])) exec(setValue(`${pointer}/${k}`, next[k]));
        }} />
    </div>
  );
}
