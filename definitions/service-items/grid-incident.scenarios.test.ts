import definition from './grid-incident.json' with { type: 'json' };
import scenarios from './grid-incident.scenarios.json' with { type: 'json' };
import type { ScenarioFile } from '../../examples/scenarios/types.ts';
import { scenarioSuite } from './scenarioSuite.ts';

scenarioSuite(definition, scenarios as unknown as ScenarioFile);
