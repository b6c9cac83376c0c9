/** Volunteer projects: one reminder per shift, 2 hours before it starts, to the volunteers enrolled then; none for a shift already past. */
import { describe, expect, it } from 'vitest';
import definition from '@tongban/definitions/service-items/volunteer-task.json' with { type: 'json' };
import { runScenario, type ScenarioFile } from '@tongban/examples';
import scenarios from './volunteer-task.scenarios.json' with { type: 'json' };
import { mustLoad } from './scenarioSuite.ts';

const def = mustLoad(definition);
const file = scenarios as unknown as ScenarioFile;
const base = file.scenarios.find((s) => s.name === 'project-recruitment-window-closes')!;

function reminders(shifts: Array<{ date: string; start: string; end: string }>) {
  const s = structuredClone(base);
  (s.script.case.data as Record<string, unknown>).shifts = shifts;
  const run = runScenario(def, s);
  expect(run.problems).toEqual([]);
  return run.result.records.flatMap((rec) => rec.effects.filter((e) => e.kind === 'notify' && e.template === 'shift_reminder').map((e) => ({ at: new Date(rec.at).toISOString(), to: (e as { recipients: unknown }).recipients })));
}

describe('volunteer shift reminders', () => {
  it('reminds the enrolled volunteers 2 hours before each shift', () => {
    expect(reminders([{ date: '2025-03-10', start: '11:00', end: '13:00' }, { date: '2025-03-12', start: '09:00', end: '11:00' }])).toEqual([
      { at: '2025-03-10T01:00:00.000Z', to: { users: ['u-resident-510722100001001-2'] } },
      { at: '2025-03-11T23:00:00.000Z', to: { users: ['u-resident-510722100001001-2'] } },
    ]);
  });

  it('sends nothing for a shift that started before recruiting opened', () => {
    expect(reminders([{ date: '2025-03-01', start: '09:00', end: '11:00' }, { date: '2025-03-10', start: '11:00', end: '13:00' }]).map((r) => r.at)).toEqual(['2025-03-10T01:00:00.000Z']);
  });
});
