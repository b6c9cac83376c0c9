/** A private i18next instance for the designer (the shell has its own; the two never share keys). */
import i18next, { type i18n } from 'i18next';
import { zhCN } from './zh-CN.ts';
import { en } from './en.ts';

/** Creates and initialises the designer's i18n in `lang` (zh-CN default, en second). */
export function createI18n(lang: 'zh-CN' | 'en'): i18n {
  const inst = i18next.createInstance();
  // no initReactI18next: that plugin makes this instance react-i18next's global one, and the shell's
  // own screens (its login page after a session expiry) then showed the designer's keys untranslated.
  // DesignerApp hands this instance to its subtree with I18nextProvider instead.
  void inst.init({
    lng: lang, fallbackLng: 'zh-CN', initAsync: false,
    resources: { 'zh-CN': { designer: zhCN }, en: { designer: en } },
    ns: ['designer'], defaultNS: 'designer', interpolation: { escapeValue: false },
  });
  return inst;
}

/** Picks the text of a localized value in the current language. */
export function pick(text: { 'zh-CN'?: string; en?: string } | undefined, lang: string, fallback = ''): string {
  return (lang === 'en' ? text?.en ?? text?.['zh-CN'] : text?.['zh-CN'] ?? text?.en) ?? fallback;
}
