import { describe, expect, it } from 'vitest';
import type { DirectoryData } from '@tongban/engine';
import { serviceItems } from '@tongban/definitions/service-items';
import { sampleDirectory } from '../testing/sampleDirectory.ts';
import { previewAssignment, sampleGrids, startingAt } from './assignmentPreview.ts';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';
import type { Definition } from '@tongban/engine';

const dir: DirectoryData = sampleDirectory();

describe('assignment preview on the sample county', () => {
  it('names the community officer of the case community, with the engine\'s why', () => {
    const grid = sampleGrids(dir)[0]!;
    expect(grid.name).toContain('第2网格');
    const a = previewAssignment(fixtureDefinition(), 'review', dir, grid.path);
    expect(a.ok).toBe(true);
    const officers = dir.users.filter((u) => u.roles.some((r) => r.role === 'community-officer' && grid.path.startsWith(r.orgPath + '/'))).map((u) => u.name);
    expect(officers.length).toBeGreaterThan(0);
    expect(a.people.map((p) => p.name).sort()).toEqual(officers.sort());
    expect(a.people[0]!.roles).toContain('社区专干');
    expect(a.why.length).toBeGreaterThan(0);
    expect(a.why.map((w) => w['zh-CN']).join('')).toMatch(/社区/);
  });

  it('a countersign names every signer', () => {
    const def = fixtureDefinition();
    def.states.review!.task!.mode = 'all';
    const grid = sampleGrids(dir)[0]!;
    const a = previewAssignment(def, 'review', dir, grid.path);
    const officers = dir.users.filter((u) => u.roles.some((r) => r.role === 'community-officer' && grid.path.startsWith(r.orgPath + '/')));
    expect(a.people.map((p) => p.id).sort()).toEqual(officers.map((u) => u.id).sort());
    expect(a.people.length).toBeGreaterThan(1);
  });

  it('follows the empty-assignee policy when nobody holds the role there, and says why', () => {
    const def = fixtureDefinition();
    def.roles['no-one'] = { title: { 'zh-CN': '无人', en: 'Nobody' } };
    def.states.review!.task!.assignee = { role: 'no-one', scope: 'community' };
    const toAdmin = previewAssignment(def, 'review', dir, sampleGrids(dir)[0]!.path);
    expect(toAdmin.people.map((p) => p.id)).toContain('u-county-admin');
    def.states.review!.task!.onEmpty = 'auto-pass';
    const passed = previewAssignment(def, 'review', dir, sampleGrids(dir)[0]!.path);
    expect(passed.ok).toBe(false);
    expect(passed.problem?.['zh-CN']).toMatch(/没有生成待办/);
  });

  it('reaches a nested step of a real item (the start chain points at it)', () => {
    const item = serviceItems['elderly-call'] as Definition;
    const nested = Object.values(item.states).find((s) => s.states)!;
    const child = Object.keys(nested.states!)[0]!;
    const moved = startingAt(item, child);
    expect(Object.values(moved.states).some((s) => s.initial === child)).toBe(true);
  });
});

describe('sample data for previews and simulation', () => {
  it('passes the engine\'s intake checks for the five items\' personal formats', async () => {
    const { sampleData } = await import('./sampleData.ts');
    const { isCnIdNumber, isCnMobile } = await import('@tongban/engine');
    const d = sampleData({ type: 'object', properties: { a: { type: 'string', format: 'cn-id-number', 'x-pii': 'id-number' }, b: { type: 'string', format: 'cn-mobile', 'x-pii': 'phone' }, c: { type: 'array', minItems: 2, items: { type: 'string' } }, e: { type: 'string', minLength: 10 } } });
    expect(isCnIdNumber(d.a as string)).toBe(true);
    expect(isCnMobile(d.b as string)).toBe(true);
    expect(d.c).toHaveLength(2);
    expect((d.e as string).length).toBeGreaterThanOrEqual(10);
    // a grid code and an org path match the patterns the engine checks them by
    const { GRID_CODE_PATTERN, ORG_PATH_PATTERN } = await import('@tongban/engine');
    const g = sampleData({ type: 'object', properties: { grid: { type: 'string', pattern: GRID_CODE_PATTERN, 'x-title': { 'zh-CN': '所属网格', en: 'Grid' } }, unit: { type: 'string', pattern: ORG_PATH_PATTERN } } });
    expect(g.grid).toMatch(new RegExp(GRID_CODE_PATTERN));
    expect(g.unit).toMatch(new RegExp(ORG_PATH_PATTERN));
  });
});
