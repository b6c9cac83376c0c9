import definition from '@tongban/definitions/service-items/grid-incident.json' with { type: 'json' };
import type { ScenarioFile } from '@tongban/examples';
import scenarios from './grid-incident.scenarios.json' with { type: 'json' };
import { scenarioSuite } from './scenarioSuite.ts';

scenarioSuite(definition, scenarios as unknown as ScenarioFile);
