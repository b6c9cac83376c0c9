/**
 * Form builder edits. Each one is a single command that keeps three places consistent: the case
 * data schema (`data.properties`), the form (`forms.<id>`: fields, required, steps, visibleIf) and
 * the field matrix of every human step that fills the form (`task.fields`). Removing a field
 * removes it everywhere, so lint never finds a form or a matrix naming a field that is gone.
 */
import type { ConsentPurpose, Definition, FieldAccess, FormSpec, LocalizedText, PiiKind } from '@tongban/engine';
import type { Command } from '../doc/commandStack.ts';
import { setAt, toPointer } from '../doc/pointer.ts';
import { indexStates } from '../doc/stateIndex.ts';
import { fieldTypes, type FieldType } from './fieldTypes.ts';

const L = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });

/** A user-facing error of a form edit (shown in the builder; the document is not changed). */
export class FormEditError extends Error {
  constructor(readonly code: 'form.field-exists' | 'form.bad-field-name' | 'form.pii-required' | 'form.unknown-form', readonly text: LocalizedText) { super(text.en); }
}

const NAME = /^[a-z][a-zA-Z0-9]{0,63}$/;

function form(def: Definition, formId: string): FormSpec {
  const f = def.forms?.[formId];
  if (!f) throw new FormEditError('form.unknown-form', L(`表单 ${formId} 不存在`, `No form ${formId}`));
  return f;
}

/** Steps whose task fills `formId`. */
function stepsUsing(def: Definition, formId: string): string[] {
  return [...indexStates(def).states.values()].filter((s) => s.spec.task?.form === formId).map((s) => s.pointer);
}

function setMatrix(def: Definition, formId: string, field: string, access: FieldAccess | undefined): Definition {
  return stepsUsing(def, formId).reduce((d, ptr) => setAt(d, `${ptr}/task/fields${toPointer(field)}`, access), def);
}

/** Creates an empty form (and its place in the definition). */
export function addForm(formId: string, title: LocalizedText): Command {
  return { label: L(`新建表单 ${title['zh-CN']}`, `New form ${title.en}`), apply: (def) => (def.forms?.[formId] ? def : setAt(def, `/forms${toPointer(formId)}`, { title, fields: [], required: [] })) };
}

export interface NewField {
  name: string; type: FieldType; title: LocalizedText; pii: PiiKind; required?: boolean; step?: string; choices?: Array<{ value: string; label: string }>;
  /** a consent field's purpose and the field holding its person's ID number */
  consent?: { purpose: ConsentPurpose; subject?: string };
}

/** Adds a field to the data schema and the form; steps filling the form get it as write (or required). */
export function addField(formId: string, f: NewField): Command {
  return {
    label: L(`添加字段 ${f.title['zh-CN']}`, `Add field ${f.title.en}`),
    apply: (def) => {
      const fm = form(def, formId);
      if (!NAME.test(f.name)) throw new FormEditError('form.bad-field-name', L(`字段名 ${f.name} 须以小写字母开头，只含字母和数字`, `Field name ${f.name} must start with a lower-case letter and hold letters and digits only`));
      if ((def.data as { properties?: object }).properties && Object.hasOwn((def.data as { properties: object }).properties, f.name)) throw new FormEditError('form.field-exists', L(`字段 ${f.name} 已存在`, `Field ${f.name} exists`));
      const spec = fieldTypes[f.type];
      if (!spec.pii.includes(f.pii)) throw new FormEditError('form.pii-required', L(`${spec.label['zh-CN']}字段必须标注个人信息类别（${spec.pii.join(' / ')}）`, `A ${spec.label.en} field must carry a personal-data tag (${spec.pii.join(' / ')})`));
      const schema = spec.schema({ title: f.title, choices: f.choices, consent: f.consent });
      // a required photo means at least one: an empty list is present but holds nothing
      if (f.required && f.type === 'attachment') schema.minItems = 1;
      let next = setAt(def, `/data/properties${toPointer(f.name)}`, { ...schema, 'x-pii': f.pii });
      const nextForm: FormSpec = { ...fm, fields: [...fm.fields, f.name], ...(f.required ? { required: [...(fm.required ?? []), f.name] } : {}) };
      if (f.step && nextForm.steps) nextForm.steps = nextForm.steps.map((s) => (s.id === f.step ? { ...s, fields: [...s.fields, f.name] } : s));
      next = setAt(next, `/forms${toPointer(formId)}`, nextForm);
      return setMatrix(next, formId, f.name, f.required ? 'required' : 'write');
    },
  };
}

/** Removes a field from the data schema, every form (fields, required, steps, visibleIf) and every step's matrix. */
export function removeField(name: string): Command {
  return {
    label: L(`删除字段 ${name}`, `Delete field ${name}`),
    apply: (def) => {
      let next = setAt(def, `/data/properties${toPointer(name)}`, undefined);
      const req = (def.data as { required?: string[] }).required;
      if (req?.includes(name)) next = setAt(next, '/data/required', req.filter((r) => r !== name));
      for (const [id, fm] of Object.entries(def.forms ?? {})) {
        if (!fm.fields.includes(name) && !fm.visibleIf?.[name]) continue;
        const { [name]: _gone, ...visibleIf } = fm.visibleIf ?? {};
        next = setAt(next, `/forms${toPointer(id)}`, {
          ...fm, fields: fm.fields.filter((x) => x !== name),
          ...(fm.required ? { required: fm.required.filter((x) => x !== name) } : {}),
          ...(fm.steps ? { steps: fm.steps.map((s) => ({ ...s, fields: s.fields.filter((x) => x !== name) })) } : {}),
          ...(fm.visibleIf ? { visibleIf } : {}),
        });
      }
      for (const s of indexStates(next).states.values()) if (s.spec.task?.fields && name in s.spec.task.fields) next = setAt(next, `${s.pointer}/task/fields${toPointer(name)}`, undefined);
      return next;
    },
  };
}

/** Makes a field required or optional in a form, and in the matrix of the steps filling it. */
export function setRequired(formId: string, name: string, required: boolean): Command {
  return {
    label: L(`字段 ${name} 改为${required ? '必填' : '选填'}`, `Field ${name} ${required ? 'required' : 'optional'}`),
    apply: (def) => {
      const fm = form(def, formId);
      const list = (fm.required ?? []).filter((x) => x !== name);
      let next = setAt(def, `/forms${toPointer(formId)}/required`, required ? [...list, name] : list);
      next = setMatrix(next, formId, name, required ? 'required' : 'write');
      const prop = (def.data.properties as Record<string, { type?: string; 'x-widget'?: string }> | undefined)?.[name];
      if (prop?.type === 'array' && prop['x-widget'] === 'attachment') next = setAt(next, `/data/properties${toPointer(name)}/minItems`, required ? 1 : undefined);
      return next;
    },
  };
}

/** Changes a field's personal-data tag (refused when the type needs a personal tag). */
export function setPii(name: string, type: FieldType, pii: PiiKind): Command {
  return {
    label: L(`字段 ${name} 个人信息类别 ${pii}`, `Field ${name} personal data ${pii}`),
    apply: (def) => {
      if (!fieldTypes[type].pii.includes(pii)) throw new FormEditError('form.pii-required', L(`${fieldTypes[type].label['zh-CN']}字段必须标注个人信息类别`, `A ${fieldTypes[type].label.en} field must carry a personal-data tag`));
      return setAt(def, `/data/properties${toPointer(name)}/x-pii`, pii);
    },
  };
}

/** Shows a field only when a JSONLogic condition holds (`undefined` removes the condition). */
export function setVisibleIf(formId: string, name: string, logic: unknown): Command {
  return { label: L(`字段 ${name} 的显示条件`, `Visibility of ${name}`), apply: (def) => setAt(def, `/forms${toPointer(formId)}/visibleIf${toPointer(name)}`, logic) };
}

/** Adds a step to a multi-step form; the first step added takes every field so far. */
export function addFormStep(formId: string, stepId: string, title: LocalizedText): Command {
  return {
    label: L(`添加表单分步 ${title['zh-CN']}`, `Add form step ${title.en}`),
    apply: (def) => {
      const fm = form(def, formId);
      const steps = fm.steps ?? [];
      if (steps.some((s) => s.id === stepId)) return def;
      return setAt(def, `/forms${toPointer(formId)}/steps`, [...steps, { id: stepId, title, fields: steps.length === 0 ? [...fm.fields] : [] }]);
    },
  };
}

/** Moves a field into a step of the form (out of any other step). */
export function moveFieldToStep(formId: string, name: string, stepId: string): Command {
  return {
    label: L(`字段 ${name} 移到分步 ${stepId}`, `Move ${name} to step ${stepId}`),
    apply: (def) => {
      const fm = form(def, formId);
      if (!fm.steps?.some((s) => s.id === stepId)) return def;
      return setAt(def, `/forms${toPointer(formId)}/steps`, fm.steps.map((s) => ({ ...s, fields: s.id === stepId ? [...s.fields.filter((x) => x !== name), name] : s.fields.filter((x) => x !== name) })));
    },
  };
}
