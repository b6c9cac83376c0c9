import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Definition } from '@tongban/engine';
import { auditEntryRefs, auditEntryText, type EntryTextContext } from './auditEntryText.ts';
import { roleTitles } from '../identity/roleTitles.ts';

const consultation = JSON.parse(readFileSync(new URL('../../../definitions/service-items/consultation.json', import.meta.url), 'utf8')) as Definition;
const gridIncident = JSON.parse(readFileSync(new URL('../../../definitions/service-items/grid-incident.json', import.meta.url), 'utf8')) as Definition;
const elderlyCall = JSON.parse(readFileSync(new URL('../../../definitions/service-items/elderly-call.json', import.meta.url), 'utf8')) as Definition;
const people: Record<string, string> = { 'u-li': '李娜', 'u-vol': '欧**娜' };
const units: Record<string, string> = { '/510722/510722100': '金鱼镇', '510722100': '金鱼镇', '/510722/510722100/510722100001': '金鱼社区', '/510722/510722200': '银河镇', '510722200': '银河镇' };
const ctx: EntryTextContext = { person: (id) => people[id], unit: (x) => units[x], role: (id) => roleTitles.get(id), item: (id) => (id === 'consultation' ? '协商议事' : undefined) };

describe('audit entries that record no step, in words', () => {
  it('says a reveal by the fields\' titles (nested ones too), its purpose and its reason', () => {
    expect(auditEntryText('pii.reveal', { fields: ['parties[].phone', 'partyIds[].idNumber'], purpose: 'call-back', reason: null, channel: 'api' }, { ...ctx, def: consultation })).toEqual({
      'zh-CN': '字段：当事人·联系电话、协议当事人身份信息·身份证号码；用途：回访联系',
      en: 'Fields: Parties · Phone, Party IDs for the agreement · ID number; purpose: calling back',
    });
    expect(auditEntryText('pii.break-glass', { fields: ['gone'], purpose: 'emergency', reason: '老人失联，需联系家属', review: 'pending' }, ctx)?.['zh-CN'])
      .toBe('字段：gone；用途：紧急情况；理由：老人失联，需联系家属；待复核');
  });

  it('names people, units and roles instead of their ids and codes', () => {
    expect(auditEntryText('admin.user.roles', { userId: 'u-li', added: ['grid-worker@/510722/510722100/510722100001'], removed: ['township-reviewer@/510722/510722100'] }, ctx)).toEqual({
      'zh-CN': '李娜 的角色：增加 网格员（金鱼社区）；移除 乡镇综治中心审核员（金鱼镇）',
      en: 'Roles of 李娜: added Grid worker (金鱼社区); removed Township reviewer (金鱼镇)',
    });
    expect(auditEntryText('admin.user.move', { userId: 'u-li', from: '/510722/510722100', to: '/510722/510722200', roles: ['grid-worker'], openTasks: 2 }, ctx)?.['zh-CN'])
      .toBe('李娜 调动：金鱼镇 → 银河镇，2 项待办交回');
    expect(auditEntryText('admin.org.merge', { from: '510722200', into: '510722100', cases: 3 }, ctx)?.['zh-CN']).toBe('银河镇 并入 金鱼镇');
    // what it cannot name stays as it was recorded, never blank
    expect(auditEntryText('admin.user.reset-password', { userId: 'u-unknown' }, ctx)?.['zh-CN']).toBe('重置 u-unknown 的密码');
  });

  it('says consents by purpose, points by person and result, migrations by the item\'s title', () => {
    expect(auditEntryText('consent.withdrawn', { consentId: 'cs-1', purpose: 'door-access' }, ctx)?.['zh-CN']).toBe('撤回同意 cs-1：报警时授权开启门禁');
    expect(auditEntryText('points.case-awarded', { rule: 'volunteer-hour', activity: 'c1', results: { 'u-vol': 'credited', 'u-li': 'points.duplicate' } }, ctx)?.['zh-CN'])
      .toBe('发放积分（规则 volunteer-hour）：欧**娜：已记入；李娜：已记过，不重复');
    expect(auditEntryText('definition.cases-migrated', { definitionId: 'consultation', fromVersion: 1, toVersion: 2, migrated: ['a', 'b'], left: ['c'] }, ctx)?.['zh-CN'])
      .toBe('协商议事 第 1 版 → 第 2 版：迁移 2 件，1 件留在原版本');
    expect(auditEntryText('registry.export', { kind: 'residents', rows: 12, reveal: true, purpose: 'registry-maintenance', format: 'xlsx' }, ctx)?.['zh-CN'])
      .toBe('导出居民档案 12 行（原文，用途：档案维护）');
  });

  it('says a deadline\'s entries by the time limit\'s title, in Beijing time, units by name', () => {
    const c = { ...ctx, def: gridIncident };
    const dueAt = Date.UTC(2026, 11, 3, 1, 30); // 09:30 in Beijing
    expect(auditEntryText('sla.breached', { owner: { kind: 'clock', clock: 'handling' }, dueAt }, c)).toEqual({
      'zh-CN': '处置时限已超时（期限 2026-12-03 09:30）', en: 'Handling time limit overdue (due 2026-12-03 09:30)' });
    expect(auditEntryText('sla.supervised', { owner: { kind: 'clock', clock: 'handling' }, orgPath: '/510722/510722100' }, c)?.['zh-CN']).toBe('处置时限超时，金鱼镇督办');
    expect(auditEntryText('sla.warned', { owner: { kind: 'task', taskId: 't1', state: 'township_review' } }, c)?.['zh-CN'])
      .toBe('审核（是否属实、归属、紧急度）并分流时限即将到期，已提醒办理人');
    expect(auditEntryText('sla.paused', { clock: 'nope' }, c)?.['zh-CN']).toBe('nope暂停计时');
  });

  it('says a case\'s creation by the state it entered, and a decision the system took on time-out by its title', () => {
    expect(auditEntryText('case.created', { eventId: 'e1', at: 1, actor: 'u-li', to: 'township_review' }, { ...ctx, def: gridIncident })?.['zh-CN'])
      .toBe('新建，进入 审核（是否属实、归属、紧急度）并分流');
    expect(auditEntryText('task.auto-decided', { taskId: 'c:t9', decision: 'decline', comment: { 'zh-CN': '3分钟内无人接单，转社区书记兜底', en: 'Nobody accepted' } }, { ...ctx, def: elderlyCall }))
      .toEqual({ 'zh-CN': '到时自动办理：无法前往（3分钟内无人接单，转社区书记兜底）', en: 'Decided on time-out: Cannot go (Nobody accepted)' });
  });

  it('has nothing to say of an action it does not know', () => {
    expect(auditEntryText('something.new', { a: 1 }, ctx)).toBeNull();
  });

  it('lists what a page of entries names, so the server looks each up once', () => {
    expect(auditEntryRefs([
      { action: 'admin.user.roles', detail: { userId: 'u-li', added: ['grid-worker@/510722/510722100'], removed: [] } },
      { action: 'admin.org.retire', detail: { code: '510722200', handTo: '510722100', cases: 1 } },
      { action: 'points.case-reversed', detail: { rule: 'r', results: { 'u-vol': 'credited' } } },
      { action: 'definition.cases-migrated', detail: { definitionId: 'consultation' } },
      { action: 'pii.reveal', detail: { fields: ['x'] } },
    ])).toEqual({ users: ['u-li', 'u-vol'], units: ['/510722/510722100', '510722200', '510722100'], items: ['consultation'] });
  });
});
