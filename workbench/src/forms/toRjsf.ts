/**
 * Turns a definition's form into what react-jsonschema-form renders: the form's fields from the case
 * data schema (the engine's formSchemaOf, so the same rules as the server), titles, enum names and
 * help in the current language, and the step's field matrix — read and masked fields read-only,
 * hidden fields left out, required ones required. Widgets come from the field's format and uiSchema.
 */
import { formSchemaOf, GRID_CODE_PATTERN, ORG_PATH_PATTERN, type Definition, type FieldAccess } from '@tongban/engine';

type Lang = 'zh-CN' | 'en';
type Json = Record<string, unknown>;
type Text = { 'zh-CN': string; en: string };

/** What rjsf needs for one form (or one step of it). */
export interface RjsfForm { schema: Json; uiSchema: Json; fields: string[] }

const text = (t: unknown, lang: Lang): string | undefined => (t && typeof t === 'object' ? ((t as Text)[lang] || (t as Text)['zh-CN']) : undefined);

/** The widget for a data field, from the form's uiSchema or the field's format and personal-data kind. */
export function widgetOf(field: Json, ui: Json | undefined): string | undefined {
  const w = (ui?.['ui:widget'] ?? ui?.['ui:field'] ?? field['x-widget']) as string | undefined;
  // the designer's attachment field writes x-widget "attachment"; service items name it by its use
  if (w === 'camera' || w === 'photos' || w === 'attachment' || w === 'attachments') return 'attachments';
  if (w === 'map-point') return 'location';
  if (w) return ({ datetime: 'date-time', textarea: 'textarea', signature: 'signature', 'user-picker': 'userPicker', 'org-picker': 'orgPicker', 'grid-picker': 'gridPicker' } as Record<string, string>)[w];
  // a consent record is found in the registry (or recorded there), never typed as its id
  if (field.type === 'string' && field['x-consent']) return 'consentPicker';
  // a grid code or an org path is chosen from the org tree even where the item names no widget for it
  if (field.type === 'string' && field.pattern === GRID_CODE_PATTERN) return 'gridPicker';
  if (field.type === 'string' && field.pattern === ORG_PATH_PATTERN) return 'orgPicker';
  if (field.format === 'cn-id-number') return 'idNumber';
  if (field.format === 'cn-mobile') return 'mobile';
  if (field['x-pii'] === 'address' && field.type === 'string') return 'address';
  if (field['x-pii'] === 'gps' && field.type === 'object') return 'location';
  return undefined;
}

/** True when the field is shown with the camera widget, so it takes photos only. */
export function isPhotoField(field: Json, ui: Json | undefined): boolean {
  const w = ui?.['ui:widget'] ?? ui?.['ui:field'] ?? field['x-widget'];
  return w === 'camera' || w === 'photos';
}

/** Localises titles, enum names and help of a schema node (recursively), building its uiSchema. */
function localise(node: Json, ui: Json, lang: Lang): { schema: Json; uiSchema: Json } {
  const schema: Json = { ...node };
  const uiSchema: Json = {};
  const title = text(node['x-title'], lang);
  if (title) schema.title = title;
  const help = text(node['x-help'], lang);
  if (help) uiSchema['ui:help'] = help;
  if (Array.isArray(node.enum) && Array.isArray(node['x-enumTitles'])) uiSchema['ui:enumNames'] = node['x-enumTitles'];
  const widget = widgetOf(node, ui);
  if (widget === 'location' || widget === 'attachments') uiSchema['ui:field'] = widget;
  // a camera field takes photos only (the server checks the bytes too): the widget refuses anything else before uploading
  if (widget === 'attachments' && isPhotoField(node, ui)) uiSchema['ui:options'] = { photo: true };
  else if (widget) uiSchema['ui:widget'] = widget;
  if (ui?.['ui:placeholder']) uiSchema['ui:placeholder'] = ui['ui:placeholder'];
  if (node.type === 'object' && node.properties && widget !== 'location') {
    const props: Json = {};
    for (const [k, v] of Object.entries(node.properties as Json)) {
      const r = localise(v as Json, (ui?.[k] as Json) ?? {}, lang);
      props[k] = r.schema;
      if (Object.keys(r.uiSchema).length) uiSchema[k] = r.uiSchema;
    }
    schema.properties = props;
  }
  if (node.type === 'array' && node.items && typeof node.items === 'object' && widget !== 'attachments') {
    const r = localise(node.items as Json, (ui?.items as Json) ?? {}, lang);
    schema.items = r.schema;
    if (Object.keys(r.uiSchema).length) uiSchema.items = r.uiSchema;
  }
  return { schema, uiSchema };
}

/** The rjsf form of `formId` (one `step`, fields `hidden` by visibleIf left out), under a step's field matrix. */
export function toRjsf(def: Definition, formId: string, opts: { lang: Lang; step?: string; hidden?: string[]; matrix?: Record<string, FieldAccess> }): RjsfForm {
  const { schema: base } = formSchemaOf(def, formId, { step: opts.step, hidden: opts.hidden });
  const form = def.forms?.[formId];
  const formUi = (form?.uiSchema ?? {}) as Json;
  const props: Json = {};
  const uiSchema: Json = { 'ui:order': [...((formUi['ui:order'] as string[] | undefined) ?? []).filter((f) => f in ((base.properties ?? {}) as Json)), '*'] };
  const required = new Set((base.required as string[] | undefined) ?? []);
  for (const [name, node] of Object.entries((base.properties ?? {}) as Json)) {
    const access = opts.matrix?.[name];
    if (access === 'hidden') { required.delete(name); continue; }
    const r = localise(node as Json, (formUi[name] as Json) ?? {}, opts.lang);
    props[name] = r.schema;
    uiSchema[name] = r.uiSchema;
    if (access === 'read' || access === 'masked') { (uiSchema[name] as Json)['ui:readonly'] = true; required.delete(name); }
    if (access === 'required') required.add(name);
  }
  return { schema: { type: 'object', properties: props, required: [...required] }, uiSchema, fields: Object.keys(props) };
}
