/** Test helpers: a small county directory, the default calendar, event builders. */
import { countyDefault, nationalYears } from '@tongban/definitions/calendars';
import { createWorkCalendar } from '../calendar/index.ts';
import { createDirectory, type DirectoryData } from '../run/directory.ts';
import type { RunOptions } from '../run/env.ts';
import type { Actor, CaseEvent } from '../run/types.ts';

export const county = '/510722';
export const township = '/510722/510722100';
export const community = '/510722/510722100/510722100001';
export const grid = '/510722/510722100/510722100001/510722100001001';
export const otherTownship = '/510722/510722101';

export const testDirectory: DirectoryData = {
  orgs: [
    { path: county, name: '示例县' }, { path: township, name: '城关镇' },
    { path: community, name: '幸福社区' }, { path: grid, name: '幸福社区第一网格' }, { path: otherTownship, name: '河东镇' },
  ],
  users: [
    { id: 'gw1', name: '网格员甲', roles: [{ role: 'grid-worker', orgPath: grid }] },
    { id: 'co1', name: '社工甲', roles: [{ role: 'community-officer', orgPath: community }] },
    { id: 'co2', name: '社工乙', roles: [{ role: 'community-officer', orgPath: community }] },
    { id: 'co3', name: '社工丙', roles: [{ role: 'community-officer', orgPath: community }] },
    { id: 'tr1', name: '审核员甲', roles: [{ role: 'township-reviewer', orgPath: township }] },
    { id: 'tr2', name: '审核员乙', roles: [{ role: 'township-reviewer', orgPath: township }] },
    { id: 'ca1', name: '县管理员', roles: [{ role: 'county-admin', orgPath: county }] },
    { id: 'li1', name: '联络员甲', roles: [{ role: 'unit-liaison', orgPath: township }] },
    { id: 'ta1', name: '乡镇管理员', roles: [{ role: 'township-admin', orgPath: township }] },
    { id: 'cd1', name: '县调度员', roles: [{ role: 'county-dispatcher', orgPath: county }] },
    { id: 'tr9', name: '外镇审核员', roles: [{ role: 'township-reviewer', orgPath: otherTownship }] },
    { id: 'res1', name: '居民甲', roles: [{ role: 'resident', orgPath: grid }] },
  ],
};

/** Run options over the test directory and the default county calendar. */
export function testOptions(): RunOptions {
  return { calendar: createWorkCalendar(countyDefault as never, nationalYears as never), directory: createDirectory(testDirectory) };
}

const roleOf: Record<string, [string, string]> = {
  gw1: ['grid-worker', grid], co1: ['community-officer', community], co2: ['community-officer', community], co3: ['community-officer', community],
  tr1: ['township-reviewer', township], tr2: ['township-reviewer', township], ca1: ['county-admin', county],
  li1: ['unit-liaison', township], ta1: ['township-admin', township], cd1: ['county-dispatcher', county], tr9: ['township-reviewer', otherTownship],
  res1: ['resident', grid],
};

/** The actor for a test user id. */
export function actor(userId: string): Actor {
  const [role, orgPath] = roleOf[userId] ?? ['resident', grid];
  return { userId, roles: [role], orgPath };
}

let n = 0;
/** Builds a task action event at time `at`. */
export function act(taskId: string, action: string, by: string, at: number, extra: Partial<Extract<CaseEvent, { type: 'task.act' }>> = {}): CaseEvent {
  return { type: 'task.act', taskId, action, ...extra, meta: { at, id: `e${++n}`, actor: actor(by) } } as CaseEvent;
}
