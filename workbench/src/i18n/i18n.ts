/**
 * Message catalogs (zh-CN first, English second) through i18next. Every user-facing string of
 * the workbench is a key here; the chosen language is remembered per device.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';
import adminZhCN from '../admin/i18n/zh-CN.json';
import adminEn from '../admin/i18n/en.json';
import communityZhCN from '../community/i18n/zh-CN.json';
import communityEn from '../community/i18n/en.json';

import { langKey as KEY, storedLang as initialLang, type Lang } from './storedLang.ts';

export type { Lang };

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: { ...zhCN, ...adminZhCN, ...communityZhCN } }, en: { translation: { ...en, ...adminEn, ...communityEn } } },
  lng: initialLang(),
  fallbackLng: 'zh-CN',
  keySeparator: false, // flat catalogs: a key is the whole dotted string
  interpolation: { escapeValue: false }, // React escapes; markup in user text is shown as text
  returnNull: false,
});

/** Switches the language and remembers it on this device. */
export function setLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch { /* private mode: not remembered */ }
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** Picks the text of a `{ 'zh-CN', en }` pair for the current language. */
export function pick(text: { 'zh-CN': string; en: string } | null | undefined, lang = i18n.language): string {
  if (!text) return '';
  return lang === 'en' ? text.en || text['zh-CN'] : text['zh-CN'] || text.en;
}

export default i18n;
