import Handlebars from 'handlebars';
import { formatDate, formatDuration } from './format.ts';
import type { Locale } from './format.ts';
import { mask } from './mask.ts';

/** Our isolated Handlebars environment: built-in `if`/`unless`/`each`/`with` plus our helpers only. */
export const hb: typeof Handlebars = Handlebars.create();

function localeOf(options: unknown): Locale {
  const data = (options as { data?: { locale?: unknown } } | undefined)?.data;
  return data?.locale === 'en' ? 'en' : 'zh-CN';
}

/** Splits helper arguments into values and the trailing Handlebars options object. */
function split(args: unknown[]): { values: unknown[]; locale: Locale } {
  return { values: args.slice(0, -1), locale: localeOf(args[args.length - 1]) };
}

const helpers: Record<string, (...args: unknown[]) => unknown> = {
  formatDate: (...a) => {
    const { values, locale } = split(a);
    return formatDate(values[0], locale);
  },
  formatDuration: (...a) => {
    const { values, locale } = split(a);
    return formatDuration(values[0], locale);
  },
  eq: (...a) => {
    const [x, y] = split(a).values;
    return x === y;
  },
  ne: (...a) => {
    const [x, y] = split(a).values;
    return x !== y;
  },
  default: (...a) => {
    const [v, fallback] = split(a).values;
    return v === null || v === undefined || v === '' ? fallback : v;
  },
  mask: (...a) => {
    const [v, kind] = split(a).values;
    return mask(v, kind);
  },
};

hb.unregisterHelper('lookup');
hb.unregisterHelper('log');
for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);

/** Compile options: no escaping (plain text), only known helpers. */
export const COMPILE_OPTIONS: CompileOptions = Object.freeze({
  strict: false,
  noEscape: true,
  knownHelpersOnly: true,
  knownHelpers: { ...Object.fromEntries(Object.keys(helpers).map((k) => [k, true])), lookup: false, log: false },
});

/** Runtime options: prototype access denied (explicitly, which also silences Handlebars' console warning). */
export function runtimeOptions(locale: Locale): Handlebars.RuntimeOptions {
  return { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false, data: { locale } };
}
