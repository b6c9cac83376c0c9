/** The five service items of the sample programme, as parsed JSON (validate with the engine's `loadDefinition`). */
import gridIncident from './grid-incident.json' with { type: 'json' };
import elderlyCall from './elderly-call.json' with { type: 'json' };
import consultation from './consultation.json' with { type: 'json' };
import referral from './referral.json' with { type: 'json' };
import volunteerTask from './volunteer-task.json' with { type: 'json' };

/** Item id → definition JSON. */
export const serviceItems: Record<string, unknown> = {
  'grid-incident': gridIncident,
  'elderly-call': elderlyCall,
  consultation,
  referral,
  'volunteer-task': volunteerTask,
};
