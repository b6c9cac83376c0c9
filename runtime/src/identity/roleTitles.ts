/**
 * Role titles: the shared library's roles (every item takes them from there), plus the administrative
 * ones no item declares. For the screens and texts that name a role (the audit log, imports).
 */
import { libraries } from '@tongban/definitions/library';

type Text = { 'zh-CN': string; en: string };

const administrative: Record<string, Text> = {
  'county-admin': { 'zh-CN': '县级管理员', en: 'County administrator' },
  'grid-advisor': { 'zh-CN': '网格指导员', en: 'Grid advisor' },
  'supervisory-committee': { 'zh-CN': '监督委员会', en: 'Supervisory committee' },
  'volunteer-organiser': { 'zh-CN': '志愿服务组织者', en: 'Volunteer organiser' },
  maintainer: { 'zh-CN': '运维人员', en: 'Maintainer' },
  'referral-coordinator': { 'zh-CN': '转诊协调员', en: 'Referral coordinator' },
};

/** Every known role's title by id. */
export const roleTitles: ReadonlyMap<string, Text> = new Map<string, Text>([
  // a role without a title is named by its id
  ...Object.entries(libraries.common?.roles ?? {}).map(([id, r]): [string, Text] => {
    const t = (r as { title?: Partial<Text> }).title;
    return [id, { 'zh-CN': t?.['zh-CN'] ?? id, en: t?.en ?? t?.['zh-CN'] ?? id }];
  }),
  ...Object.entries(administrative),
]);
