/**
 * The form builder's palette: each field type is a fragment of the case data schema (JSON Schema
 * with the county formats and `x-` keywords the engine validates) and the personal-data tags it
 * allows. Personal types (ID number, mobile, address, location, signature) must carry a personal
 * tag; `none` is not offered for them (personal-data.md §2: no untagged personal field).
 */
import { GRID_CODE_PATTERN, ORG_PATH_PATTERN, type ConsentPurpose, type JsonSchema, type LocalizedText, type PiiKind } from '@tongban/engine';

export const FieldTypes = ['text', 'textarea', 'number', 'date', 'choice', 'idNumber', 'mobile', 'address', 'location', 'attachment', 'signature', 'group',
  'person', 'people', 'orgUnit', 'grid', 'consent'] as const;
export type FieldType = (typeof FieldTypes)[number];

export interface FieldTypeSpec {
  label: LocalizedText;
  /** personal tags allowed; the first is the default */
  pii: readonly PiiKind[];
  schema(opts: { title: LocalizedText; choices?: Array<{ value: string; label: string }>; consent?: { purpose: ConsentPurpose; subject?: string } }): JsonSchema;
}

const anyPii: readonly PiiKind[] = ['none', 'name', 'phone', 'address', 'health', 'special-identity', 'private', 'minor', 'email'];
const title = (t: LocalizedText) => ({ 'x-title': t });
/** An account id, an org path or a consent id is not personal data in itself (the person it names is shown masked where it must be). */
const idOnly: readonly PiiKind[] = ['none'];

export const fieldTypes: Record<FieldType, FieldTypeSpec> = {
  text: { label: { 'zh-CN': '单行文本', en: 'Text' }, pii: anyPii, schema: ({ title: t }) => ({ type: 'string', maxLength: 200, ...title(t) }) },
  textarea: { label: { 'zh-CN': '多行文本', en: 'Long text' }, pii: anyPii, schema: ({ title: t }) => ({ type: 'string', maxLength: 4000, 'x-widget': 'textarea', ...title(t) }) },
  number: { label: { 'zh-CN': '数字', en: 'Number' }, pii: anyPii, schema: ({ title: t }) => ({ type: 'number', ...title(t) }) },
  date: { label: { 'zh-CN': '日期', en: 'Date' }, pii: anyPii, schema: ({ title: t }) => ({ type: 'string', format: 'date', ...title(t) }) },
  choice: {
    label: { 'zh-CN': '单选', en: 'Choice' }, pii: anyPii,
    schema: ({ title: t, choices = [{ value: 'a', label: '选项一' }, { value: 'b', label: '选项二' }] }) => ({ type: 'string', enum: choices.map((c) => c.value), 'x-enumTitles': choices.map((c) => c.label), ...title(t) }),
  },
  idNumber: {
    label: { 'zh-CN': '身份证号', en: 'ID number' }, pii: ['id-number'],
    schema: ({ title: t }) => ({ type: 'string', format: 'cn-id-number', ...title(t), 'x-errors': { format: { 'zh-CN': '「{field}」不是有效的18位居民身份证号码', en: '{field} is not a valid 18-digit resident ID number' } } }),
  },
  mobile: {
    label: { 'zh-CN': '手机号', en: 'Mobile' }, pii: ['phone'],
    schema: ({ title: t }) => ({ type: 'string', format: 'cn-mobile', ...title(t), 'x-errors': { format: { 'zh-CN': '「{field}」请填写11位中国大陆手机号码，如 13800138000', en: '{field}: an 11-digit mainland mobile number, e.g. 13800138000' } } }),
  },
  address: { label: { 'zh-CN': '地址', en: 'Address' }, pii: ['address'], schema: ({ title: t }) => ({ type: 'string', minLength: 2, maxLength: 200, 'x-widget': 'address', ...title(t) }) },
  location: {
    label: { 'zh-CN': '定位', en: 'Location' }, pii: ['gps', 'location'],
    schema: ({ title: t }) => ({
      type: 'object', 'x-widget': 'location', ...title(t), required: ['lat', 'lng', 'datum'],
      properties: {
        lat: { type: 'number', minimum: 3, maximum: 54, 'x-pii': 'gps', 'x-title': { 'zh-CN': '纬度', en: 'Latitude' } },
        lng: { type: 'number', minimum: 73, maximum: 136, 'x-pii': 'gps', 'x-title': { 'zh-CN': '经度', en: 'Longitude' } },
        datum: { type: 'string', enum: ['CGCS2000', 'WGS84'], 'x-pii': 'none', 'x-title': { 'zh-CN': '坐标系', en: 'Datum' } },
      },
    }),
  },
  attachment: {
    label: { 'zh-CN': '附件/照片', en: 'Attachment' }, pii: anyPii,
    schema: ({ title: t }) => ({ type: 'array', 'x-widget': 'attachment', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems: 9, ...title(t) }),
  },
  signature: { label: { 'zh-CN': '手写签名', en: 'Signature' }, pii: ['name', 'biometric'], schema: ({ title: t }) => ({ type: 'string', maxLength: 200, 'x-widget': 'signature', ...title(t) }) },
  group: {
    label: { 'zh-CN': '可重复分组', en: 'Repeatable group' }, pii: anyPii,
    schema: ({ title: t }) => ({ type: 'array', maxItems: 50, ...title(t), items: { type: 'object', properties: { name: { type: 'string', maxLength: 30, 'x-pii': 'name', 'x-title': { 'zh-CN': '姓名', en: 'Name' } } } } }),
  },
  // picked on the org tree in the workbench (选人 / 选组织 / 选网格), never typed as an id, a path or a code
  person: { label: { 'zh-CN': '选人', en: 'Person' }, pii: idOnly, schema: ({ title: t }) => ({ type: 'string', maxLength: 64, 'x-widget': 'user-picker', ...title(t) }) },
  people: { label: { 'zh-CN': '选多人', en: 'People' }, pii: idOnly, schema: ({ title: t }) => ({ type: 'array', maxItems: 50, 'x-widget': 'user-picker', items: { type: 'string', maxLength: 64 }, ...title(t) }) },
  orgUnit: { label: { 'zh-CN': '选组织', en: 'Org unit' }, pii: idOnly, schema: ({ title: t }) => ({ type: 'string', pattern: ORG_PATH_PATTERN, maxLength: 200, 'x-widget': 'org-picker', ...title(t) }) },
  grid: { label: { 'zh-CN': '选网格', en: 'Grid' }, pii: idOnly, schema: ({ title: t }) => ({ type: 'string', pattern: GRID_CODE_PATTERN, 'x-widget': 'grid-picker', ...title(t) }) },
  // a separate consent (单独同意) of the consent registry, for one purpose: chosen or recorded in the workbench, checked at intake
  consent: {
    label: { 'zh-CN': '单独同意', en: 'Consent' }, pii: idOnly,
    schema: ({ title: t, consent = { purpose: 'share-provider' } }) => ({ type: 'string', maxLength: 64, ...title(t), 'x-consent': { purpose: consent.purpose, ...(consent.subject ? { subject: consent.subject } : {}) } }),
  },
};

/** The builder type a data field is shown as (for fields written by hand: best guess by format and widget). */
export function fieldTypeOf(schema: JsonSchema): FieldType {
  const s = schema as { type?: unknown; format?: string; enum?: unknown[]; 'x-widget'?: string; items?: { type?: string } };
  if (s.format === 'cn-id-number') return 'idNumber';
  if (s.format === 'cn-mobile') return 'mobile';
  if ((s as { 'x-consent'?: unknown })['x-consent']) return 'consent';
  if (s['x-widget'] === 'user-picker') return s.type === 'array' ? 'people' : 'person';
  if (s['x-widget'] === 'org-picker' || (s as { pattern?: string }).pattern === ORG_PATH_PATTERN) return 'orgUnit';
  if (s['x-widget'] === 'grid-picker' || (s as { pattern?: string }).pattern === GRID_CODE_PATTERN) return 'grid';
  if (s['x-widget'] === 'location') return 'location';
  if (s['x-widget'] === 'address') return 'address';
  if (s['x-widget'] === 'signature') return 'signature';
  if (s['x-widget'] === 'attachment') return 'attachment';
  if (s['x-widget'] === 'textarea') return 'textarea';
  if (s.enum) return 'choice';
  if (s.format === 'date' || s.format === 'date-time') return 'date';
  if (s.type === 'number' || s.type === 'integer') return 'number';
  if (s.type === 'array') return s.items?.type === 'object' ? 'group' : 'attachment';
  return 'text';
}

/** Whether a type stores personal data by nature (its tag cannot be `none`). */
export const isPersonalType = (t: FieldType): boolean => !fieldTypes[t].pii.includes('none');
