import definition from '@tongban/definitions/service-items/consultation.json' with { type: 'json' };
import type { ScenarioFile } from '@tongban/examples';
import scenarios from './consultation.scenarios.json' with { type: 'json' };
import { scenarioSuite } from './scenarioSuite.ts';

scenarioSuite(definition, scenarios as unknown as ScenarioFile);
