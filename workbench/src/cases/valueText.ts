/**
 * A case data value as the case page shows it in words: an option by its title, people, units and
 * grids by their names, yes/no for a flag, a date-time as a local date and time, a record as its
 * fields' titles and values, "—" for nothing filled in, a count for attachments and latitude and
 * longitude for a point, a consent record by its standing (in force, withdrawn, expired). What has
 * no name to show stays as it came: masked personal data arrives masked and is shown as sent.
 */
import dayjs from 'dayjs';
import { refKindOf, type Definition } from '@tongban/engine';
import { widgetOf } from '../forms/toRjsf.ts';

type Json = Record<string, unknown>;
type Lang = 'zh-CN' | 'en';

/** Names the page knows: org units by path, grids by their 15-digit code, users by id (each may not know). */
export interface ValueNames { org(path: string): string | undefined; grid(code: string): string | undefined; user(id: string): string | undefined }

/** How a consent field's record stands (the case overview's `consents`, by field name). */
export interface ConsentShown { ref: string; status: 'active' | 'withdrawn' | 'expired' | 'not-found' | 'purpose-mismatch'; grantedAt: number | null; expiresAt: number | null; withdrawnAt: number | null }

/** What valueText needs besides the value: translations, the names the page knows, the language, how the data's consents stand. */
export interface ValueContext { t: (key: string, opts?: Record<string, unknown>) => string; names: ValueNames; lang: Lang; consents?: Record<string, ConsentShown> }

const EMPTY = '—';
/** Punctuation by language: between a field's title and value, between fields, between records, between list items. */
const PUNCT = { 'zh-CN': { colon: '：', field: '，', record: '；', list: '、' }, en: { colon: ': ', field: ', ', record: '; ', list: ', ' } } as const;

/** An ISO 8601 duration as the definitions write time limits (PT4H, P15D, PT90M, P1DT2H) in words; anything else undefined. */
export function durationText(v: string, lang: Lang): string | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(v);
  if (!m || v === 'P' || v.endsWith('T')) return undefined;
  const units = lang === 'en' ? [' wk', ' d', ' h', ' min', ' s'] : ['周', '天', '小时', '分钟', '秒'];
  return m.slice(1).map((n, i) => (n ? `${Number(n)}${units[i]}` : '')).filter(Boolean).join(lang === 'en' ? ' ' : '');
}

/** The keys of the location widget's value. */
const POINT_KEYS = new Set(['lat', 'lng', 'datum', 'accuracy']);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);

/** The title of an option of an enum field, or undefined. */
function optionTitle(node: Json | undefined, v: unknown): string | undefined {
  const values = node?.enum as unknown[] | undefined;
  const titles = node?.['x-enumTitles'] as unknown[] | undefined;
  if (!Array.isArray(values) || !Array.isArray(titles)) return undefined;
  const i = values.indexOf(v);
  return i >= 0 && typeof titles[i] === 'string' ? titles[i] : undefined;
}

function titleOf(node: Json | undefined, key: string, lang: Lang): string {
  const t = node?.['x-title'] as { 'zh-CN'?: string; en?: string } | undefined;
  return (lang === 'en' ? t?.en || t?.['zh-CN'] : t?.['zh-CN'] || t?.en) || key;
}

/** A value under a schema node, in words (`widget` is the field's own, for a list's items). */
function textOf(node: Json | undefined, key: string, v: unknown, ctx: ValueContext, widget = node?.['x-widget']): string {
  if (isEmpty(v)) return EMPTY;
  const option = optionTitle(node, v);
  if (option) return option;
  if (typeof v === 'boolean') return ctx.t(v ? 'value.yes' : 'value.no');
  if (typeof v === 'string') {
    const kind = refKindOf(node, key, widget);
    if (kind) return ctx.names[kind](v) ?? v;
    if (node?.format === 'date-time' && dayjs(v).isValid()) return dayjs(v).format('YYYY-MM-DD HH:mm');
    return durationText(v, ctx.lang) ?? v;
  }
  // an instant the server recorded in milliseconds (`checkInAt`, `receivedAt`): a date and time, not 13 digits
  if (typeof v === 'number') return /At$/.test(key) && Number.isInteger(v) && v > 1e11 ? dayjs(v).format('YYYY-MM-DD HH:mm') : String(v);
  if (Array.isArray(v)) {
    const items = node?.items as Json | undefined;
    const scalars = v.every((x) => x === null || typeof x !== 'object');
    return v.map((x) => textOf(items, key, x, ctx, widget)).join(scalars ? PUNCT[ctx.lang].list : PUNCT[ctx.lang].record);
  }
  const rec = v as Json;
  const p = PUNCT[ctx.lang];
  // a point (the location widget's value); a record that holds a position among other fields (a responder's check-in) is a record
  const isPoint = typeof rec.lat === 'number' && typeof rec.lng === 'number' && Object.keys(rec).every((k) => POINT_KEYS.has(k));
  if (isPoint) return `${ctx.t('widget.lat')} ${String(rec.lat)}${p.field}${ctx.t('widget.lng')} ${String(rec.lng)}`;
  // a record: each filled field by its title, in the schema's order, then any the schema does not name
  const props = (node?.properties ?? {}) as Record<string, Json>;
  // a key the schema does not name takes its additionalProperties' schema (a table keyed by code: its entries' field titles)
  const extra = node?.additionalProperties && typeof node.additionalProperties === 'object' ? node.additionalProperties as Json : undefined;
  const keys = [...Object.keys(props).filter((k) => k in rec), ...Object.keys(rec).filter((k) => !(k in props))];
  return keys.filter((k) => !isEmpty(rec[k])).map((k) => `${titleOf(props[k], k, ctx.lang)}${p.colon}${textOf(props[k] ?? extra, k, rec[k], ctx)}`).join(p.field) || EMPTY;
}

const day = (ms: number | null) => (ms === null ? '' : dayjs(ms).format('YYYY-MM-DD'));

/** A consent record by its standing, not its id: what a responder needs before opening a door or sharing data. */
function consentText(c: ConsentShown, t: ValueContext['t']): string {
  if (c.status === 'active') return c.expiresAt === null ? t('consent.active', { granted: day(c.grantedAt) }) : t('consent.activeUntil', { granted: day(c.grantedAt), expires: day(c.expiresAt) });
  if (c.status === 'withdrawn') return t('consent.withdrawn', { at: day(c.withdrawnAt) });
  if (c.status === 'expired') return t('consent.expired', { at: day(c.expiresAt) });
  return t(`consent.${c.status}`, { ref: c.ref });
}

/** The value of data field `key` in words. */
export function valueText(def: Definition | undefined, key: string, v: unknown, ctx: ValueContext): string {
  const field = (def?.data as { properties?: Record<string, Json> } | undefined)?.properties?.[key];
  const consent = field?.['x-consent'] && typeof v === 'string' ? ctx.consents?.[key] : undefined;
  if (consent && consent.ref === v) return consentText(consent, ctx.t);
  const ui = Object.values(def?.forms ?? {}).map((f) => (f.uiSchema as Record<string, Json> | undefined)?.[key]).find(Boolean);
  if (field && Array.isArray(v) && v.length && widgetOf(field, ui) === 'attachments') return ctx.t('case.attachmentCount', { count: v.length });
  return textOf(field, key, v, ctx);
}

/** Grid names by their code (the last segment of a grid's org path), from the org units in scope. */
export function gridNames(orgNames: Map<string, string> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, name] of orgNames ?? []) {
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 4) out.set(parts[3]!, name);
  }
  return out;
}
