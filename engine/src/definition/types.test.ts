/**
 * Keeps `types.ts` and `definition.schema.json` in step: the enumerations, and the property sets
 * of the main objects, must match. (The schema is the truth; the types are checked against it.)
 */
import { describe, expect, it } from 'vitest';
import schema from '@tongban/definitions/schema/definition.schema.json' with { type: 'json' };
import { DecisionKinds, OrgLevels, PiiKinds, TaskModes, TaskOps, type Definition, type StateSpec, type TaskSpec, type SlaSpec, type BreachRung, type DecisionSpec, type TransitionSpec, type FormSpec } from './types.ts';

type Keys<T> = Array<keyof T>;
const defs = schema.$defs as Record<string, { properties?: Record<string, unknown>; enum?: unknown[] }>;
const props = (name: string) => Object.keys(defs[name]!.properties!).sort();

describe('types.ts matches the JSON Schema', () => {
  it('enumerations', () => {
    expect((defs.dataField!.properties!['x-pii'] as { enum: string[] }).enum).toEqual([...PiiKinds]);
    expect((defs.task!.properties!.mode as { enum: string[] }).enum).toEqual([...TaskModes]);
    expect((defs.task!.properties!.allow as { items: { enum: string[] } }).items.enum).toEqual([...TaskOps]);
    expect((defs.decision!.properties!.kind as { enum: string[] }).enum).toEqual([...DecisionKinds]);
    expect((schema.$defs.recipients.properties.scope.enum as string[]).slice(0, 4)).toEqual([...OrgLevels]);
  });
  it('object properties', () => {
    const definitionKeys: Keys<Definition> = ['$schema', 'id', 'version', 'schemaVersion', 'title', 'description', 'category', 'data', 'forms', 'roles', 'initial', 'intake', 'states', 'clocks', 'templates', 'adapters', 'calendar', 'retention', 'rules', 'schedules', 'uses'];
    expect(Object.keys(schema.properties).sort()).toEqual([...definitionKeys].sort());
    const state: Keys<StateSpec> = ['title', 'type', 'initial', 'states', 'task', 'wait', 'subcase', 'entry', 'exit', 'on', 'always', 'onDone', 'outcome', 'tags'];
    expect(props('state')).toEqual([...state].sort());
    const task: Keys<TaskSpec> = ['title', 'assignee', 'mode', 'passRatio', 'firstRejectDecides', 'vote', 'form', 'fields', 'decisions', 'allow', 'requires', 'onEmpty', 'onInitiator', 'targets', 'sla', 'priority'];
    expect(props('task')).toEqual([...task].sort());
    const sla: Keys<SlaSpec> = ['title', 'within', 'withinFrom', 'clock', 'clockFrom', 'dueBy', 'warnAt', 'warnTemplate', 'pauseIn', 'onBreach', 'per'];
    expect(props('sla')).toEqual([...sla].sort());
    const rung: Keys<BreachRung> = ['after', 'remind', 'escalate', 'auto', 'autoComment', 'supervise', 'flag'];
    expect(props('breachRung')).toEqual([...rung].sort());
    const decision: Keys<DecisionSpec> = ['title', 'kind', 'requires', 'to', 'resubmit', 'roles'];
    expect(props('decision')).toEqual([...decision].sort());
    const transition: Keys<TransitionSpec> = ['target', 'guard', 'requires', 'roles', 'set', 'effects', 'extend', 'description', 'refuse'];
    expect(props('transition')).toEqual([...transition].sort());
    const form: Keys<FormSpec> = ['title', 'fields', 'required', 'steps', 'uiSchema', 'visibleIf', 'schema', 'rules'];
    expect(props('form')).toEqual([...form].sort());
  });
});

describe('the committed schema is what definitions/schema/gen.mjs builds', () => {
  it('has not drifted (run `node definitions/schema/gen.mjs` after editing the generator)', async () => {
    const { schema: built } = await import('@tongban/definitions/schema/gen.mjs');
    expect(JSON.parse(JSON.stringify(built))).toEqual(schema);
  });
});
