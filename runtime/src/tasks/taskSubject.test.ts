import { describe, expect, it } from 'vitest';
import { defineAbilities } from '../authz/defineAbilities.ts';
import { caseIdOfTask, taskSubject } from './taskSubject.ts';

const GRID = '/510722/510722100/510722100001/510722100001001';
const user = (roles: Array<[string, string]>, id = 'u1') => defineAbilities({ id, username: id, name: id, orgPath: roles[0]?.[1] ?? '/510722', disabled: false, roles: roles.map(([role, orgPath]) => ({ role, orgPath })) });

describe('taskSubject: the scope check a command makes on its own snapshot', () => {
  it('matches the SQL scope rules: org subtree, assignee, candidate group, named candidates', () => {
    const task = { assignee: undefined, candidates: ['u9'], group: { role: 'community-officer', orgPath: '/510722/510722100/510722100001' } };
    expect(user([['township-reviewer', '/510722/510722100']]).can('read', taskSubject(GRID, task))).toBe(true);
    expect(user([['township-reviewer', '/510722/510722200']]).can('read', taskSubject(GRID, task))).toBe(false);
    expect(user([['community-officer', '/510722/510722100/510722100001']], 'x').can('read', taskSubject('/510722/510722200/510722200001/510722200001001', task))).toBe(true);
    expect(user([['grid-worker', '/510722/510722200/510722200001/510722200001001']], 'u9').can('read', taskSubject(GRID, task))).toBe(true);
    expect(user([['resident', GRID]], 'r1').can('read', taskSubject(GRID, task))).toBe(false);
    expect(user([['resident', GRID]], 'r1').can('read', taskSubject(GRID, { ...task, assignee: 'r1' }))).toBe(true);
  });

  it('reads the case id out of an engine task id only', () => {
    expect(caseIdOfTask('0e4fdd6c-fb07-42a4-b4aa-eb9a467dc45d:t12')).toBe('0e4fdd6c-fb07-42a4-b4aa-eb9a467dc45d');
    for (const bad of ['x', '0e4fdd6c-fb07-42a4-b4aa-eb9a467dc45d', '0e4fdd6c-fb07-42a4-b4aa-eb9a467dc45d:t1:t2', "' or 1=1"]) expect(caseIdOfTask(bad)).toBeUndefined();
  });
});
