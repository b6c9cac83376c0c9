/**
 * Volunteer projects: one reminder per shift, 2 hours before it starts, to the volunteers enrolled then; none for
 * a shift already past. Shift times are wall-clock times of the county calendar's zone, not a fixed +08:00.
 */
import { describe, expect, it } from 'vitest';
import { compile, createWorkCalendar, simulate, type Effect } from '@tongban/engine';
import { countyDefault, nationalYears } from '@tongban/definitions/calendars';
import definition from '@tongban/definitions/service-items/volunteer-task.json' with { type: 'json' };
import { directoryData, runScenario, sampleOptions, type ScenarioFile } from '@tongban/examples';
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

/** The reminder instants of the base scenario with these shifts, on a county calendar `utcOffsetMinutes` from UTC. */
function remindersInZone(utcOffsetMinutes: number, shifts: Array<{ date: string; start: string; end: string }>): string[] {
  const s = structuredClone(base);
  (s.script.case.data as Record<string, unknown>).shifts = shifts;
  const calendar = createWorkCalendar({ ...countyDefault, utcOffsetMinutes } as never, nationalYears as never);
  const run = simulate(compile(def), s.script, { ...sampleOptions(), calendar }, directoryData());
  const isReminder = (e: Effect) => e.kind === 'notify' && e.template === 'shift_reminder';
  return run.records.filter((rec) => rec.accepted && rec.effects.some(isReminder)).map((rec) => new Date(rec.at).toISOString());
}

describe('volunteer shift reminders in the county calendar\'s zone', () => {
  // an overnight shift (23:00-01:00) and a shift at 01:00 whose reminder falls on the day before (23:00)
  const shifts = [{ date: '2025-03-10', start: '23:00', end: '01:00' }, { date: '2025-03-12', start: '01:00', end: '05:00' }];

  it('a county on local Xinjiang time (Asia/Urumqi, UTC+6) is reminded 2 hours before its own 23:00 and 01:00', () => {
    // a hard-coded +08:00 would remind at 13:00Z and 15:00Z: two hours early
    expect(remindersInZone(360, shifts)).toEqual(['2025-03-10T15:00:00.000Z', '2025-03-11T17:00:00.000Z']);
  });

  it('a calendar kept in UTC counts the same wall-clock shifts in UTC', () => {
    expect(remindersInZone(0, shifts)).toEqual(['2025-03-10T21:00:00.000Z', '2025-03-11T23:00:00.000Z']);
  });

  it('the shipped calendar (China Standard Time) is unchanged', () => {
    expect(remindersInZone(480, shifts)).toEqual(['2025-03-10T13:00:00.000Z', '2025-03-11T15:00:00.000Z']);
  });
});
