import definition from './consultation.json' with { type: 'json' };
import scenarios from './consultation.scenarios.json' with { type: 'json' };
import type { ScenarioFile } from '../../examples/scenarios/types.ts';
import { scenarioSuite } from './scenarioSuite.ts';

scenarioSuite(definition, scenarios as unknown as ScenarioFile);
