/** The language remembered on this device (zh-CN unless English was chosen); no i18next, so the boot script can read it. */
export type Lang = 'zh-CN' | 'en';
/** The localStorage key of the chosen language. */
export const langKey = 'tongban.lang';

/** The remembered language, zh-CN by default (and in private mode, where storage throws). */
export function storedLang(): Lang {
  try {
    return localStorage.getItem(langKey) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}
