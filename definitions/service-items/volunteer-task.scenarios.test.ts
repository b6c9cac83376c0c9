import definition from './volunteer-task.json' with { type: 'json' };
import scenarios from './volunteer-task.scenarios.json' with { type: 'json' };
import type { ScenarioFile } from '../../examples/scenarios/types.ts';
import { scenarioSuite } from './scenarioSuite.ts';

scenarioSuite(definition, scenarios as unknown as ScenarioFile);
