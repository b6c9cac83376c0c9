/**
 * An audit entry that records no step (a reveal, a consent, an admin's change, points, retention,
 * imports) in words: who and what by name and title (张三 的角色：增加 网格员（金鱼社区第1网格）),
 * so an auditor reads it without the ids and codes it was chained with. The entry itself stays as it
 * was hashed; an action this does not know is answered as null (the screen shows its JSON).
 */
import { ConsentPurposes, labelOf, type Definition } from '@tongban/engine';
import { caseDescribers, caseRefs } from './auditCaseText.ts';

type Text = { 'zh-CN': string; en: string };
type Detail = Record<string, unknown>;

/** What the words are made of: names the server looked up for this page of entries. */
export interface EntryTextContext {
  /** the definition of the entry's case, when it has one */
  def?: Definition;
  /** a user's name as screens show it (a colleague in full, a resident masked) */
  person(id: string): string | undefined;
  /** an org unit's name by its path or its code */
  unit(pathOrCode: string): string | undefined;
  /** a role's title */
  role(id: string): Text | undefined;
  /** a service item's title by its id */
  item(id: string): string | undefined;
}

const both = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const join = (xs: string[], lang: 'zh-CN' | 'en') => xs.join(lang === 'en' ? ', ' : '、');

/** Reveal and export purposes (the reveal dialog's and the registry's), by code. */
const purposes: Record<string, Text> = {
  'handle-case': both('办理案件', 'handling the case'),
  'call-back': both('回访联系', 'calling back'),
  'verify-identity': both('核验身份', 'verifying identity'),
  emergency: both('紧急情况', 'emergency'),
  referral: both('转介', 'referral'),
  'registry-maintenance': both('档案维护', 'registry maintenance'),
};
const purposeText = (code: unknown): Text => {
  const c = str(code) ?? '';
  return purposes[c] ?? (ConsentPurposes as Record<string, Text>)[c] ?? both(c, c);
};
const levels: Record<string, Text> = { county: both('县', 'county'), township: both('乡镇', 'township'), community: both('社区', 'community'), grid: both('网格', 'grid') };
const registryKinds: Record<string, Text> = { 'org-units': both('组织机构', 'org units'), users: both('账号', 'users'), residents: both('居民档案', 'residents'), devices: both('设备', 'devices') };
const residentFields: Record<string, Text> = { idNumber: both('身份证号', 'ID number'), phone: both('电话', 'phone'), address: both('住址', 'address'), name: both('姓名', 'name'), health: both('健康信息', 'health') };

/** A data path's title from the item's schema (`parties[].idNumber` → 当事人·身份证号), or the path itself. */
function fieldTitle(def: Definition | undefined, path: string): Text {
  const zh: string[] = [];
  const en: string[] = [];
  let schema: unknown = def?.data;
  for (const seg of path.split('.')) {
    const name = seg.replace(/\[\]$/, '');
    const props = schema && typeof schema === 'object' ? (schema as { properties?: Record<string, unknown> }).properties : undefined;
    const next = props?.[name];
    const l = labelOf(next, name);
    zh.push(l['zh-CN']);
    en.push(l.en);
    schema = seg.endsWith('[]') && next && typeof next === 'object' ? (next as { items?: unknown }).items : next;
  }
  return { 'zh-CN': zh.join('·'), en: en.join(' · ') };
}

const fieldsText = (def: Definition | undefined, fields: string[], lang: 'zh-CN' | 'en') => join(fields.map((f) => fieldTitle(def, f)[lang]), lang);

/** `role@orgPath` (an assignment's key) as 网格员（金鱼社区第1网格）. */
function assignment(key: string, c: EntryTextContext, lang: 'zh-CN' | 'en'): string {
  const at = key.indexOf('@');
  const role = at < 0 ? key : key.slice(0, at);
  const unit = at < 0 ? undefined : key.slice(at + 1);
  const title = c.role(role)?.[lang] ?? role;
  if (!unit) return title;
  const name = c.unit(unit) ?? unit;
  return lang === 'en' ? `${title} (${name})` : `${title}（${name}）`;
}

const who = (c: EntryTextContext, id: unknown) => { const s = str(id) ?? ''; return c.person(s) ?? s; };
const where = (c: EntryTextContext, pathOrCode: unknown) => { const s = str(pathOrCode) ?? ''; return c.unit(s) ?? s; };

type Describe = (d: Detail, c: EntryTextContext) => Text | null;

const reveal: Describe = (d, c) => {
  const fields = list(d.fields);
  const p = purposeText(d.purpose);
  const reason = str(d.reason);
  return both(`字段：${fieldsText(c.def, fields, 'zh-CN')}；用途：${p['zh-CN']}${reason ? `；理由：${reason}` : ''}${d.review === 'pending' ? '；待复核' : ''}`,
    `Fields: ${fieldsText(c.def, fields, 'en')}; purpose: ${p.en}${reason ? `; reason: ${reason}` : ''}${d.review === 'pending' ? '; awaiting review' : ''}`);
};

/** What each action's detail says, by action. */
const describers: Record<string, Describe> = {
  ...caseDescribers,
  'pii.reveal': reveal,
  'pii.break-glass': reveal,
  'pii.break-glass.reviewed': (d) => {
    const ok = d.outcome === 'justified';
    return both(`紧急查看（第 ${num(d.breakGlassSeq)} 条）复核结论：${ok ? '理由充分' : '理由不充分'}${d.note ? '，附说明' : ''}`,
      `Break-glass view #${num(d.breakGlassSeq)} reviewed: ${ok ? 'justified' : 'not justified'}${d.note ? ', with a note' : ''}`);
  },
  'pii.search': (d) => both(`按身份证号查找案件，找到 ${num(d.found)} 件`, `Cases searched by ID number: ${num(d.found)} found`),
  'consent.recorded': (d) => { const p = purposeText(d.purpose); return both(`同意 ${str(d.consentId) ?? ''}：${p['zh-CN']}`, `Consent ${str(d.consentId) ?? ''}: ${p.en}`); },
  'consent.withdrawn': (d) => { const p = purposeText(d.purpose); return both(`撤回同意 ${str(d.consentId) ?? ''}：${p['zh-CN']}`, `Consent ${str(d.consentId) ?? ''} withdrawn: ${p.en}`); },
  'points.case-awarded': (d, c) => pointsResults(d, c, false),
  'points.case-reversed': (d, c) => pointsResults(d, c, true),
  'points.awarded': (d, c) => ledgerEntry(d, c),
  'points.award-revised': (d, c) => ledgerEntry(d, c),
  'points.redeemed': (d, c) => ledgerEntry(d, c),
  'points.reversed': (d, c) => ledgerEntry(d, c),
  'points.rule-saved': (d) => {
    const before = (d.before ?? null) as { points?: number; enabled?: boolean } | null;
    const after = (d.after ?? {}) as { points?: number; enabled?: boolean; unit?: string };
    const pts = before && before.points !== after.points ? `${num(before.points)} → ${num(after.points)}` : `${num(after.points)}`;
    return both(`积分规则 ${str(d.rule) ?? ''}：${pts} 分${after.enabled === false ? '（停用）' : ''}${before ? '' : '（新建）'}`,
      `Points rule ${str(d.rule) ?? ''}: ${pts} points${after.enabled === false ? ' (disabled)' : ''}${before ? '' : ' (new)'}`);
  },
  'points.reward-created': (d) => both(`新建奖品：所需 ${num(d.cost)} 分，库存 ${num(d.stock)}`, `Reward created: ${num(d.cost)} points, ${num(d.stock)} in stock`),
  'points.reward-updated': (d) => {
    const b = (d.before ?? {}) as Record<string, unknown>;
    const a = (d.after ?? {}) as Record<string, unknown>;
    const changes: Array<[string, string, string]> = [];
    if (a.name !== b.name) changes.push(['名称', 'name', `${str(b.name) ?? ''} → ${str(a.name) ?? ''}`]);
    if (a.cost !== b.cost) changes.push(['所需积分', 'points', `${num(b.cost)} → ${num(a.cost)}`]);
    if (a.stock !== b.stock) changes.push(['库存', 'stock', `${num(b.stock)} → ${num(a.stock)}`]);
    if (a.enabled !== b.enabled) changes.push(['状态', 'state', a.enabled ? '停用 → 启用' : '启用 → 停用']);
    const name = str(a.name) ?? '';
    return both(`奖品 ${name}：${changes.map(([zh, , v]) => `${zh} ${v}`).join('，') || '无变化'}`,
      `Reward ${name}: ${changes.map(([, en, v]) => `${en} ${en === 'state' ? (a.enabled ? 'enabled' : 'disabled') : v}`).join(', ') || 'no change'}`);
  },
  'admin.user.create': (d, c) => {
    const roles = list(d.roles);
    return both(`新建账号 ${str(d.username) ?? ''}（${who(c, d.userId)}），角色：${roles.map((r) => assignment(r, c, 'zh-CN')).join('、') || '无'}`,
      `Account ${str(d.username) ?? ''} (${who(c, d.userId)}) created, roles: ${roles.map((r) => assignment(r, c, 'en')).join(', ') || 'none'}`);
  },
  'admin.user.update': (d, c) => both(`修改 ${who(c, d.userId)} 的姓名`, `Name of ${who(c, d.userId)} changed`),
  'admin.user.roles': (d, c) => {
    const [added, removed] = [list(d.added), list(d.removed)];
    const say = (lang: 'zh-CN' | 'en') => [
      added.length ? `${lang === 'en' ? 'added' : '增加'} ${added.map((r) => assignment(r, c, lang)).join(lang === 'en' ? ', ' : '、')}` : '',
      removed.length ? `${lang === 'en' ? 'removed' : '移除'} ${removed.map((r) => assignment(r, c, lang)).join(lang === 'en' ? ', ' : '、')}` : '',
    ].filter(Boolean).join(lang === 'en' ? '; ' : '；');
    return both(`${who(c, d.userId)} 的角色：${say('zh-CN') || '无变化'}`, `Roles of ${who(c, d.userId)}: ${say('en') || 'no change'}`);
  },
  'admin.user.disable': (d, c) => both(`停用 ${who(c, d.userId)} 的账号`, `Account of ${who(c, d.userId)} disabled`),
  'admin.user.enable': (d, c) => both(`启用 ${who(c, d.userId)} 的账号`, `Account of ${who(c, d.userId)} enabled`),
  'admin.user.reset-password': (d, c) => both(`重置 ${who(c, d.userId)} 的密码`, `Password of ${who(c, d.userId)} reset`),
  'admin.user.move': (d, c) => {
    const open = num(d.openTasks);
    return both(`${who(c, d.userId)} 调动：${where(c, d.from)} → ${where(c, d.to)}${open ? `，${open} 项待办交回` : ''}`,
      `${who(c, d.userId)} moved: ${where(c, d.from)} → ${where(c, d.to)}${open ? `, ${open} open tasks handed back` : ''}`);
  },
  'admin.user.link-identity': (d, c) => both(`${who(c, d.userId)} 绑定 ${str(d.provider) ?? ''} 登录`, `${who(c, d.userId)} linked to ${str(d.provider) ?? ''} sign-in`),
  'admin.user.unlink-identity': (d, c) => both(`${who(c, d.userId)} 解除 ${str(d.provider) ?? ''} 登录`, `${who(c, d.userId)} unlinked from ${str(d.provider) ?? ''} sign-in`),
  'admin.org.create': (d) => { const l = levels[str(d.level) ?? ''] ?? both('', ''); return both(`新建${l['zh-CN']} ${str(d.name) ?? ''}（${str(d.code) ?? ''}）`, `New ${l.en} ${str(d.name) ?? ''} (${str(d.code) ?? ''})`); },
  'admin.org.rename': (d) => both(`${str(d.from) ?? ''} 更名为 ${str(d.to) ?? ''}`, `${str(d.from) ?? ''} renamed ${str(d.to) ?? ''}`),
  'admin.org.move': (d, c) => both(`${where(c, d.newCode ?? d.code)} 调整隶属：${where(c, parentOf(d.from))} → ${where(c, parentOf(d.to))}，涉及 ${num(d.units)} 个单位`,
    `${where(c, d.newCode ?? d.code)} moved: ${where(c, parentOf(d.from))} → ${where(c, parentOf(d.to))}, ${num(d.units)} units`),
  'admin.org.merge': (d, c) => both(`${where(c, d.from)} 并入 ${where(c, d.into)}`, `${where(c, d.from)} merged into ${where(c, d.into)}`),
  'admin.org.retire': (d, c) => both(`撤销 ${where(c, d.code)}${d.handTo ? `，${num(d.cases)} 件案件交 ${where(c, d.handTo)}` : ''}`,
    `${where(c, d.code)} retired${d.handTo ? `, ${num(d.cases)} cases handed to ${where(c, d.handTo)}` : ''}`),
  'ops.dead-letter-retried': (d) => both(`重试死信 ${str(d.source) ?? ''} #${String(d.id ?? '')}`, `Dead letter ${str(d.source) ?? ''} #${String(d.id ?? '')} retried`),
  'ops.dead-letter-discarded': (d) => both(`丢弃死信 ${str(d.source) ?? ''} #${String(d.id ?? '')}`, `Dead letter ${str(d.source) ?? ''} #${String(d.id ?? '')} discarded`),
  'retention.run': (d) => both(`到期个人信息处理：${num(d.cases)} 件案件、${num(d.values)} 项数据匿名化，${num(d.attachments)} 个附件删除${num(d.skipped) ? `，${num(d.skipped)} 件跳过` : ''}`,
    `Retention: ${num(d.cases)} cases and ${num(d.values)} values anonymised, ${num(d.attachments)} attachments deleted${num(d.skipped) ? `, ${num(d.skipped)} skipped` : ''}`),
  'case.anonymised': (d) => both(`匿名化 ${num(d.values)} 项数据、${num(d.comments)} 条评论，删除 ${num(d.attachments)} 个附件`,
    `${num(d.values)} values and ${num(d.comments)} comments anonymised, ${num(d.attachments)} attachments deleted`),
  'definition.cases-migrated': (d, c) => {
    const title = c.item(str(d.definitionId) ?? '') ?? str(d.definitionId) ?? '';
    const [moved, left] = [list(d.migrated).length, list(d.left).length];
    return both(`${title} 第 ${num(d.fromVersion)} 版 → 第 ${num(d.toVersion)} 版：迁移 ${moved} 件${left ? `，${left} 件留在原版本` : ''}`,
      `${title} v${num(d.fromVersion)} → v${num(d.toVersion)}: ${moved} cases migrated${left ? `, ${left} left` : ''}`);
  },
  'registry.import': (d) => { const k = registryKinds[str(d.kind) ?? ''] ?? both('', ''); return both(`导入${k['zh-CN']} ${num(d.rows)} 行：新增 ${num(d.created)}，更新 ${num(d.updated)}，未变 ${num(d.unchanged)}`,
    `Imported ${num(d.rows)} rows of ${k.en}: ${num(d.created)} new, ${num(d.updated)} updated, ${num(d.unchanged)} unchanged`); },
  'registry.export': (d) => {
    const k = registryKinds[str(d.kind) ?? ''] ?? both('', '');
    const p = d.purpose ? purposeText(d.purpose) : undefined;
    return both(`导出${k['zh-CN']} ${num(d.rows)} 行（${d.reveal ? `原文，用途：${p?.['zh-CN'] ?? ''}` : '脱敏'}）`, `Exported ${num(d.rows)} rows of ${k.en} (${d.reveal ? `full values, purpose: ${p?.en ?? ''}` : 'masked'})`);
  },
  'resident.lookup': (d) => {
    const by = list(d.by).map((b) => residentFields[b] ?? both(b, b));
    return both(`按${join(by.map((b) => b['zh-CN']), 'zh-CN')}查找居民，找到 ${num(d.found)} 人`, `Residents looked up by ${join(by.map((b) => b.en), 'en')}: ${num(d.found)} found`);
  },
  'resident.reveal': (d) => {
    const fields = list(d.fields).map((f) => residentFields[f] ?? both(f, f));
    const p = purposeText(d.purpose);
    return both(`查看居民档案：${join(fields.map((f) => f['zh-CN']), 'zh-CN')}；用途：${p['zh-CN']}`, `Resident record viewed: ${join(fields.map((f) => f.en), 'en')}; purpose: ${p.en}`);
  },
  'resident.create': (d) => residentChange(d, '新建居民档案', 'Resident record created'),
  'resident.update': (d, c) => {
    const t = residentChange(d, '修改居民档案', 'Resident record changed');
    const from = str(d.fromOrg);
    return from ? both(`${t['zh-CN']}（由 ${where(c, from)} 迁入）`, `${t.en} (moved from ${where(c, from)})`) : t;
  },
  'device.create': (d) => both(`登记设备 ${str(d.deviceId) ?? ''}${d.residentId ? '，绑定居民' : ''}`, `Device ${str(d.deviceId) ?? ''} registered${d.residentId ? ', bound to a resident' : ''}`),
  'device.update': (d) => both(`修改设备 ${str(d.deviceId) ?? ''}：${list(d.fields).join('、')}`, `Device ${str(d.deviceId) ?? ''} changed: ${list(d.fields).join(', ')}`),
  'resident.retire': (d) => { const n = list(d.unboundDevices).length; return both(`注销居民档案${str(d.reason) ? `，原因：${str(d.reason)}` : ''}${n ? `，解绑 ${n} 台设备` : ''}`,
    `Resident record retired${str(d.reason) ? `, reason: ${str(d.reason)}` : ''}${n ? `, ${n} devices unbound` : ''}`); },
};

/** The parent path of an org path (`/a/b/c` → `/a/b`). */
function parentOf(path: unknown): string {
  const s = str(path) ?? '';
  return s.slice(0, Math.max(0, s.lastIndexOf('/')));
}

const residentFieldTitles: Record<string, Text> = { ...residentFields, orgPath: both('所属网格', 'grid'), sex: both('性别', 'sex'), birthDate: both('出生日期', 'birth date'),
  categories: both('人员类别', 'categories'), householdId: both('户', 'household'), householdRelation: both('与户主关系', 'relation to the householder'),
  emergencyContacts: both('紧急联系人', 'emergency contacts'), userId: both('关联账号', 'linked account') };
/** Which fields of a resident's record an entry says changed (never their values). */
function residentChange(d: Detail, zh: string, en: string): Text {
  const fields = list(d.fields).map((f) => residentFieldTitles[f] ?? both(f, f));
  return both(`${zh}：${join(fields.map((f) => f['zh-CN']), 'zh-CN')}`, `${en}: ${join(fields.map((f) => f.en), 'en')}`);
}

const entryKinds: Record<string, Text> = { earn: both('记入', 'credit'), redeem: both('兑换', 'redemption'), reversal: both('冲回', 'reversal') };
/** One ledger entry: whose, how many points, by which rule or for which reward. */
function ledgerEntry(d: Detail, c: EntryTextContext): Text {
  const k = entryKinds[str(d.kind) ?? ''] ?? both(str(d.kind) ?? '', str(d.kind) ?? '');
  const pts = num(d.points);
  const signed = pts > 0 ? `+${pts}` : String(pts);
  const by = str(d.rule) ? both(`，规则 ${str(d.rule)}`, `, rule ${str(d.rule)}`) : str(d.reward) ? both('，兑换奖品', ', for a reward') : both('', '');
  return both(`${who(c, d.person)} ${k['zh-CN']} ${signed} 分${by['zh-CN']}`, `${who(c, d.person)}: ${k.en} of ${signed} points${by.en}`);
}

const resultTexts: Record<string, Text> = {
  credited: both('已记入', 'credited'), reversed: both('已冲回', 'reversed'),
  'points.duplicate': both('已记过，不重复', 'already credited'), 'points.superseded': both('已被更正取代', 'superseded by a correction'),
};
function pointsResults(d: Detail, c: EntryTextContext, reverse: boolean): Text {
  const results = Object.entries((d.results ?? {}) as Record<string, unknown>);
  const say = (lang: 'zh-CN' | 'en') => results.map(([person, r]) => `${who(c, person)}${lang === 'en' ? ': ' : '：'}${resultTexts[String(r)]?.[lang] ?? String(r)}`).join(lang === 'en' ? '; ' : '；');
  return both(`${reverse ? '冲回' : '发放'}积分（规则 ${str(d.rule) ?? ''}）：${say('zh-CN')}`, `Points ${reverse ? 'reversed' : 'awarded'} (rule ${str(d.rule) ?? ''}): ${say('en')}`);
}

/** The entry in words, or null for an action this does not describe. */
export function auditEntryText(action: string, detail: Detail, c: EntryTextContext): Text | null {
  const describe = describers[action];
  return describe ? describe(detail, c) : null;
}

/** What a page of entries names that `auditEntryText` looks up: users, units (paths or codes), items. */
export function auditEntryRefs(entries: Array<{ action: string; detail: Detail }>): { users: string[]; units: string[]; items: string[] } {
  const users = new Set<string>();
  const units = new Set<string>();
  const items = new Set<string>();
  const unitOf = (key: string) => { const at = key.indexOf('@'); if (at >= 0) units.add(key.slice(at + 1)); };
  for (const { action, detail: d } of entries) {
    if (action.startsWith('admin.user.') && str(d.userId)) users.add(str(d.userId)!);
    if (action === 'admin.user.move') { units.add(str(d.from) ?? ''); units.add(str(d.to) ?? ''); }
    if (action === 'admin.user.create') list(d.roles).forEach(unitOf);
    if (action === 'admin.user.roles') [...list(d.added), ...list(d.removed)].forEach(unitOf);
    if (action === 'admin.org.move') { units.add(str(d.newCode) ?? str(d.code) ?? ''); units.add(parentOf(d.from)); units.add(parentOf(d.to)); }
    if (action === 'admin.org.merge') { units.add(str(d.from) ?? ''); units.add(str(d.into) ?? ''); }
    if (action === 'admin.org.retire') { units.add(str(d.code) ?? ''); units.add(str(d.handTo) ?? ''); }
    if (action.startsWith('points.case-')) Object.keys((d.results ?? {}) as object).forEach((p) => users.add(p));
    if (str(d.person) && action.startsWith('points.')) users.add(str(d.person)!);
    if (action === 'resident.update' && str(d.fromOrg)) units.add(str(d.fromOrg)!);
    caseRefs(action, d).forEach((u) => units.add(u));
    if (action === 'definition.cases-migrated' && str(d.definitionId)) items.add(str(d.definitionId)!);
  }
  units.delete('');
  return { users: [...users], units: [...units], items: [...items] };
}
