/**
 * Volunteer hours ×k (issue 13): confirming an enrolment's hours awards the volunteer-hour rule for
 * the enrolment, with the confirmed hours (the ledger turns them into points from the rule); an
 * adjustment awards the adjusted hours; a correction after a dispute awards the corrected hours again
 * for the same enrolment (the ledger lets the later award supersede the earlier); upholding awards nothing.
 */
import { describe, expect, it } from 'vitest';
import definition from '@tongban/definitions/service-items/volunteer-task.json' with { type: 'json' };
import { runScenario, type ScenarioFile } from '@tongban/examples';
import scenarios from './volunteer-task.scenarios.json' with { type: 'json' };
import { mustLoad } from './scenarioSuite.ts';

const def = mustLoad(definition);
const file = scenarios as unknown as ScenarioFile;

/** The points awards of a scenario, in order, with the step that made each. */
function awards(name: string) {
  const run = runScenario(def, file.scenarios.find((s) => s.name === name)!);
  expect(run.problems).toEqual([]);
  return run.result.records.flatMap((rec) => rec.effects.filter((e) => e.kind === 'points.award').map((e) => ({ step: rec.label, ...e })));
}

describe('volunteer hours earn points', () => {
  it('awards the confirmed hours once, to the volunteer, for the enrolment', () => {
    expect(awards('enrolment-certified')).toEqual([
      { step: expect.stringContaining('confirm_hours'), kind: 'points.award', rule: 'volunteer-hour', people: ['u-resident-510722100001001-2'], activity: 'sim', hours: 2 },
    ]);
  });

  it('awards the adjusted hours, then the corrected hours after a dispute, and nothing when the hours are upheld', () => {
    expect(awards('enrolment-disputes').map((a) => [a.step, a.hours, a.activity, a.people])).toEqual([
      [expect.stringContaining('adjust_hours'), 1.5, 'sim', ['u-resident-510722100001001-2']],
      [expect.stringContaining('correct_hours'), 2, 'sim', ['u-resident-510722100001001-2']],
    ]);
  });

  it('has no award for an enrolment that never served', () => {
    for (const name of ['enrolment-rejected', 'enrolment-withdrawn', 'enrolment-project-cancelled']) expect(awards(name)).toEqual([]);
  });
});
