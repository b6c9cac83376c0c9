import definition from '@tongban/definitions/service-items/elderly-call.json' with { type: 'json' };
import type { ScenarioFile } from '@tongban/examples';
import scenarios from './elderly-call.scenarios.json' with { type: 'json' };
import { scenarioSuite } from './scenarioSuite.ts';

scenarioSuite(definition, scenarios as unknown as ScenarioFile);
