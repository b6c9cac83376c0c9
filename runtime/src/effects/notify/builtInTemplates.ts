/** Texts of the notices the engine raises by itself when a definition names no template of its own. */
import type { LocalizedText } from '@tongban/engine';

/** Built-in templates (the engine's `BUILT_IN_TEMPLATES`), zh-CN and English. */
export const builtInTemplates: Record<string, LocalizedText> = {
  'sla-warning': { 'zh-CN': '【预警】案件{{caseId}}办理时限已过三分之二，请于{{formatDate dueAt}}前办结。', en: '[Warning] Case {{caseId}} has used two thirds of its time; finish by {{formatDate dueAt}}.' },
  escalated: { 'zh-CN': '【提级】案件{{caseId}}已超期，提级督办。', en: '[Escalated] Case {{caseId}} is overdue and escalated.' },
  urge: { 'zh-CN': '【催办】请尽快办理案件{{caseId}}的待办任务。', en: '[Urge] Please act on your task for case {{caseId}}.' },
  copy: { 'zh-CN': '【抄送】案件{{caseId}}抄送给您阅知。', en: '[CC] Case {{caseId}} was copied to you.' },
};
