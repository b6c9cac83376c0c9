/**
 * What every publish must pass, whichever endpoint asks (the designer's publish or
 * `POST /api/definitions/{id}/versions/{v}/publish`): no lint errors, and every scenario saved with
 * the item replays to the end it was saved with.
 */
import { hasErrors, lint, type Definition } from '@tongban/engine';
import { countyCalendarSet } from '../calendars/countyCalendars.ts';
import { RefusedError } from '../errors/DomainError.ts';
import type { Services } from '../services.ts';
import { KnexDesignerStore } from './KnexDesignerStore.ts';
import { runScenarios, type ScenarioResult } from './runScenarios.ts';

/** Throws `definition.lint-failed` or `designer.scenario-failed`; returns the scenario results otherwise. */
export async function assertPublishable(s: Services, def: Definition): Promise<ScenarioResult[]> {
  const known = [...new Set([def.id, ...(await s.definitions.list()).map((d) => d.id)])];
  const diagnostics = lint(def, { knownDefinitions: known, definitions: await s.definitions.latestPublishedDefinitions(), knownCalendars: countyCalendarSet().ids });
  if (hasErrors(diagnostics)) throw new RefusedError('definition.lint-failed', { id: def.id, diagnostics: diagnostics.filter((d) => d.severity === 'error').slice(0, 50) });
  const scenarios = await new KnexDesignerStore(s.db.knex).scenarios(def.id);
  if (scenarios.length === 0) return [];
  const results = runScenarios(def, scenarios, countyCalendarSet(), await s.identity.directoryData());
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new RefusedError('designer.scenario-failed', { scenarios: failed });
  return results;
}
