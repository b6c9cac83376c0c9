import { describe, expect, it } from 'vitest';
import { runScript, withStep } from './simSession.ts';
import { formatSimTime } from './formatTime.ts';
import { fixtureDefinition } from '../testing/fixtureDefinition.ts';
import { sampleDirectory } from '../testing/sampleDirectory.ts';
import { sampleGrids } from '../panels/assignmentPreview.ts';
import type { SimScript } from '@tongban/engine';

describe('simulation on the county calendar', () => {
  const dir = sampleDirectory();
  const grid = sampleGrids(dir)[0]!.path;
  const worker = dir.users.find((u) => u.roles.some((r) => r.role === 'grid-worker' && r.orgPath === grid))!;
  const base: SimScript = { case: { orgPath: grid, by: worker.id, at: '2026-09-30T01:00:00Z', data: { shopName: '张记小吃' } }, steps: [] };

  it('a 3-working-day limit started the day before National Day falls due after the holiday and the make-up Saturday counts', () => {
    const v = runScript(fixtureDefinition(), base, dir);
    expect(v.result.ok).toBe(true);
    expect(v.openTasks).toHaveLength(1);
    const due = v.timers.find((t) => t.purpose === 'sla.due')!;
    // 30 Sep (Wed) 09:00 + 3 working days: 1–7 Oct are holidays (and the weekend), Thu 8 and Fri 9 count,
    // and Sat 10 Oct is a 调休 make-up working day: due then, at 09:00
    expect(formatSimTime(due.dueAt, 'zh-CN')).toBe('2026-10-10 周六 09:00（调休上班）');
    expect(formatSimTime(v.timers.find((t) => t.purpose === 'sla.warn')!.dueAt, 'zh-CN')).toBe('2026-10-09 周五 09:04（工作日）');
    expect(formatSimTime(Date.parse('2026-10-10T02:00:00Z'), 'zh-CN')).toContain('调休上班');
    expect(formatSimTime(Date.parse('2026-10-02T02:00:00Z'), 'zh-CN')).toContain('节假日');
  });

  it('advancing the clock fires the warning and the breach in order, and an act closes the case', () => {
    const officer = runScript(fixtureDefinition(), base, dir).openTasks[0]!.candidates[0]!;
    let s = withStep(base, { advance: 'P12D' });
    let v = runScript(fixtureDefinition(), s, dir);
    expect(v.result.records.map((r) => r.label)).toEqual(['start', 'timer sla.warn', 'timer sla.due']);
    s = withStep(s, { act: 'approve', by: officer, state: 'review' });
    v = runScript(fixtureDefinition(), s, dir);
    expect(v.final.status).toBe('done');
    expect(v.openTasks).toEqual([]);
  });
});
