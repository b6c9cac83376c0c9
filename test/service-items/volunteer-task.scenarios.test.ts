import definition from '@tongban/definitions/service-items/volunteer-task.json' with { type: 'json' };
import type { ScenarioFile } from '@tongban/examples';
import scenarios from './volunteer-task.scenarios.json' with { type: 'json' };
import { scenarioSuite } from './scenarioSuite.ts';

scenarioSuite(definition, scenarios as unknown as ScenarioFile);
