/**
 * Replays a definition's saved scenarios through the engine's `simulate` (the code the designer
 * runs in the browser): a scenario passes when every step is accepted and the case ends in the
 * state and status it ended in when it was saved. Publishing is refused on any failure.
 */
import { compile, createDirectory, simulate, type Definition, type DirectoryData, type SimScript } from '@tongban/engine';
import type { CountyCalendars } from '../calendars/countyCalendars.ts';
import type { ScenarioRecord } from './KnexDesignerStore.ts';

export interface ScenarioResult { name: string; ok: boolean; state: unknown; status: string; problems: Array<{ code: string; message: { 'zh-CN': string; en: string } }> }

/** Runs every scenario; a scenario that cannot run at all (a malformed script) fails with the reason. */
export function runScenarios(def: Definition, scenarios: ScenarioRecord[], calendars: CountyCalendars, dir: DirectoryData): ScenarioResult[] {
  const compiled = compile(def);
  const directory = createDirectory(dir);
  return scenarios.map((s) => {
    try {
      const r = simulate(compiled, s.script as SimScript, { calendar: calendars.default, calendars: calendars.byId, directory }, dir);
      const problems = r.records.flatMap((x) => x.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ code: d.code, message: d.message })));
      const sameEnd = JSON.stringify(r.final.value) === JSON.stringify(s.expect?.state) && r.final.status === s.expect?.status;
      if (!sameEnd) problems.push({ code: 'designer.scenario-end-changed', message: { 'zh-CN': `场景应停在 ${JSON.stringify(s.expect?.state)}，现停在 ${JSON.stringify(r.final.value)}`, en: `Expected to end in ${JSON.stringify(s.expect?.state)}, ends in ${JSON.stringify(r.final.value)}` } });
      return { name: s.name, ok: r.ok && sameEnd, state: r.final.value, status: r.final.status, problems };
    } catch (err) {
      return { name: s.name, ok: false, state: null, status: 'error', problems: [{ code: 'designer.scenario-unrunnable', message: { 'zh-CN': `场景无法运行：${(err as Error).message}`, en: `The scenario cannot run: ${(err as Error).message}` } }] };
    }
  });
}
