// Builds definition.schema.json. Kept as code so $defs stay readable; run: node definitions/schema/gen.mjs
// (a test fails when the committed JSON differs from what this builds).
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { docs } from './docs.mjs';
const L = { $ref: '#/$defs/localizedText' };
const id = { type: 'string', pattern: '^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$', maxLength: 64 };
const stateId = { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 };
const eventName = { type: 'string', pattern: '^[a-z][a-zA-Z0-9_.-]*$', maxLength: 64 };
// ISO 8601 duration with at least one part (and one after a T), written without lookaround so the
// schema's own patterns compile on the linear-time engine definitions' patterns use (expr/regex.ts).
const durDate = '(?:\\d+Y(?:\\d+M)?(?:\\d+W)?(?:\\d+D)?|\\d+M(?:\\d+W)?(?:\\d+D)?|\\d+W(?:\\d+D)?|\\d+D)';
const durTime = 'T(?:\\d+H(?:\\d+M)?(?:\\d+S)?|\\d+M(?:\\d+S)?|\\d+S)';
const duration = { type: 'string', pattern: `^P(?:${durDate}(?:${durTime})?|${durTime})$`, maxLength: 40 };
const logic = { $ref: '#/$defs/logic' };
const level = { enum: ['county', 'township', 'community', 'grid'] };
const actionInputs = { type: 'array', items: { enum: ['comment', 'signature', 'attachment'] }, uniqueItems: true };
/** Task actions that are not decisions: a decision may not take one of these names (it could never be taken). */
const reservedActions = ['open', 'claim', 'unclaim', 'transfer', 'delegate', 'addSigner', 'removeSigner', 'withdraw', 'urge', 'copy'];
const strict = (properties, required = [], extra = {}) => ({ type: 'object', properties, required, additionalProperties: false, ...extra });
const mapOf = (schema, key = id) => ({ type: 'object', propertyNames: key, additionalProperties: schema, maxProperties: 500 });

const raw = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://tongban.dev/schema/definition.schema.json',
  title: 'Tongban service-item definition (服务事项定义)',
  type: 'object',
  required: ['id', 'version', 'schemaVersion', 'title', 'category', 'data', 'roles', 'initial', 'states'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    id,
    version: { type: 'integer', minimum: 1 },
    schemaVersion: { const: 1 },
    title: L,
    description: L,
    category: { type: 'string', minLength: 1, maxLength: 64 },
    data: { $ref: '#/$defs/dataSchema' },
    forms: mapOf({ $ref: '#/$defs/form' }),
    roles: mapOf(strict({ title: L, level }, ['title']), id),
    initial: stateId,
    intake: strict({ form: id, roles: { type: 'array', items: id, minItems: 1 } }, ['form', 'roles']),
    states: { $ref: '#/$defs/states' },
    clocks: mapOf({ $ref: '#/$defs/clock' }),
    templates: mapOf(L),
    adapters: strict({ invokes: { type: 'array', items: { $ref: '#/$defs/operationId' } }, triggers: { type: 'array', items: { $ref: '#/$defs/operationId' } } }),
    calendar: id,
    retention: duration,
    rules: { $ref: '#/$defs/rules' },
    schedules: mapOf({ $ref: '#/$defs/schedule' }),
    uses: { type: 'array', items: id, uniqueItems: true, maxItems: 10 },
  },
  $defs: {
    localizedText: strict({ 'zh-CN': { type: 'string', minLength: 1, maxLength: 10000 }, en: { type: 'string', minLength: 1, maxLength: 10000 } }, ['zh-CN', 'en']),
    logic: { description: 'A JSONLogic expression (checked by the engine, not by this schema)' },
    duration,
    operationId: { type: 'string', pattern: '^[a-z][a-z0-9-]*\\.[a-z][a-z0-9-]*$', maxLength: 100 },
    dataSchema: {
      type: 'object', required: ['type', 'properties'],
      properties: { type: { const: 'object' }, properties: { type: 'object', additionalProperties: { $ref: '#/$defs/dataField' } } },
    },
    dataField: {
      type: 'object', required: ['x-pii'],
      properties: {
        'x-pii': { enum: ['none', 'name', 'phone', 'id-number', 'address', 'gps', 'location', 'health', 'biometric', 'special-identity', 'minor', 'private', 'email', 'birth-date', 'sex'] },
        title: { type: 'string' },
        'x-title': L,
        'x-consent': strict({ purpose: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 }, subject: { type: 'string', minLength: 1, maxLength: 200 } }, ['purpose']),
        'x-count': strict({ key: { type: 'string', minLength: 1, maxLength: 200 }, when: logic, within: duration }, ['key', 'within']),
      },
    },
    form: strict({
      title: L,
      fields: { type: 'array', items: { type: 'string' }, minItems: 1, uniqueItems: true },
      required: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      steps: { type: 'array', items: strict({ id, title: L, fields: { type: 'array', items: { type: 'string' }, minItems: 1 } }, ['id', 'title', 'fields']) },
      uiSchema: { type: 'object' },
      visibleIf: { type: 'object', additionalProperties: logic },
      schema: { type: 'object' },
      rules: { $ref: '#/$defs/rules' },
    }, ['title', 'fields']),
    rules: { type: 'array', items: { $ref: '#/$defs/rule' }, maxItems: 50 },
    rule: strict({ check: logic, message: L, fields: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true } }, ['check', 'message', 'fields']),
    assignment: {
      oneOf: [
        strict({ role: id, scope: { enum: ['county', 'township', 'community', 'grid', 'case'] }, of: { enum: ['case', 'initiator', 'previous-handler'] } }, ['role']),
        strict({ user: { type: 'string', minLength: 1 } }, ['user']),
        strict({ pick: { enum: ['initiator', 'previous'] }, field: { type: 'string' }, role: id, scope: { enum: ['county', 'township', 'community', 'grid', 'case'] } }, ['pick', 'field']),
        strict({ chain: strict({ role: id, from: level, to: level, of: { enum: ['case', 'initiator'] } }, ['role', 'from', 'to']) }, ['chain']),
        strict({ orgField: { type: 'string' }, role: id }, ['orgField', 'role']),
        strict({ initiator: { const: true } }, ['initiator']),
      ],
    },
    assignee: { oneOf: [{ $ref: '#/$defs/assignment' }, { type: 'array', items: { $ref: '#/$defs/assignment' }, minItems: 1, maxItems: 10 }] },
    decision: strict({
      title: L,
      kind: { enum: ['approve', 'reject', 'return', 'abstain', 'other'] },
      requires: actionInputs,
      to: { type: 'string' },
      resubmit: { enum: ['return', 'flow'] },
      roles: { type: 'array', items: id },
    }, ['title']),
    task: strict({
      title: L,
      assignee: { $ref: '#/$defs/assignee' },
      mode: { enum: ['single', 'all', 'any', 'sequence', 'vote'] },
      passRatio: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
      firstRejectDecides: { type: 'boolean' },
      vote: strict({ weights: { type: 'object', additionalProperties: { type: 'number', minimum: 0 } }, threshold: { type: 'number', minimum: 0, maximum: 1 }, strict: { type: 'boolean' }, abstain: { enum: ['exclude', 'against'] }, quorum: { type: 'number', exclusiveMinimum: 0, maximum: 1 }, onNoQuorum: eventName, secretField: { type: 'string', pattern: '^(data\\.)?[A-Za-z][A-Za-z0-9_]*$', maxLength: 64 }, options: strict({ field: { type: 'string', pattern: '^(data\\.)?[A-Za-z][A-Za-z0-9_]*$', maxLength: 64 }, choices: { type: 'array', items: eventName, minItems: 2, maxItems: 20, uniqueItems: true }, pass: eventName, fail: eventName, result: { type: 'string', pattern: '^(data\\.)?[A-Za-z][A-Za-z0-9_]*$', maxLength: 64 } }, ['field', 'choices', 'pass', 'fail']) }, ['threshold']),
      form: id,
      fields: { type: 'object', additionalProperties: { enum: ['read', 'write', 'hidden', 'masked', 'required'] } },
      decisions: { type: 'object', propertyNames: { ...eventName, not: { enum: reservedActions } }, additionalProperties: { $ref: '#/$defs/decision' }, minProperties: 1 },
      allow: { type: 'array', items: { enum: ['transfer', 'delegate', 'addSigner', 'removeSigner', 'withdraw', 'urge', 'copy'] }, uniqueItems: true },
      requires: { type: 'object', propertyNames: { enum: ['transfer', 'delegate', 'addSigner', 'removeSigner', 'withdraw', 'urge', 'copy'] }, additionalProperties: actionInputs },
      onEmpty: { oneOf: [{ enum: ['auto-pass', 'auto-reject', 'admin'] }, strict({ fallbackUser: { type: 'string' } }, ['fallbackUser']), strict({ fallback: { $ref: '#/$defs/assignment' } }, ['fallback'])] },
      onInitiator: { enum: ['allow', 'skip', 'superior'] },
      targets: strict({ roles: { type: 'array', items: id, minItems: 1 }, scope: { enum: ['county', 'township', 'community', 'grid', 'case'] } }, [], { minProperties: 1 }),
      sla: { $ref: '#/$defs/sla' },
      priority: { enum: ['low', 'normal', 'high', 'urgent'] },
    }, ['assignee', 'decisions'], {
      allOf: [{ if: { properties: { mode: { const: 'vote' } }, required: ['mode'] }, then: { required: ['vote'] } }],
    }),
    breachRung: strict({
      after: duration,
      remind: strict({ times: { type: 'integer', minimum: 1, maximum: 20 }, every: duration, template: id }, ['times', 'every', 'template']),
      escalate: strict({ levels: { type: 'integer', minimum: 1, maximum: 3 }, role: id, template: id, task: { enum: ['notify', 'move', 'add'] } }, ['levels', 'role']),
      auto: eventName,
      autoComment: L,
      supervise: strict({ role: id, levels: { type: 'integer', minimum: 0, maximum: 3 }, template: id, cc: strict({ role: id, orgField: { type: 'string', pattern: '^data\\.[A-Za-z0-9_.]+$' }, template: id }, ['role', 'orgField']) }, ['role', 'template']),
      flag: { type: 'string', maxLength: 64 },
    }, [], { minProperties: 1 }),
    sla: strict({
      title: L,
      within: duration,
      withinFrom: logic,
      clock: { enum: ['natural', 'working', 'urgent'] },
      clockFrom: logic,
      dueBy: logic,
      warnAt: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      warnTemplate: id,
      pauseIn: { type: 'array', items: stateId },
      onBreach: { type: 'array', items: { $ref: '#/$defs/breachRung' }, maxItems: 20 },
      per: { enum: ['task', 'step'] },
    }, ['within', 'clock']),
    clock: strict({
      title: L, within: duration, withinFrom: logic,
      clock: { enum: ['natural', 'working', 'urgent'] },
      clockFrom: logic,
      dueBy: logic,
      warnAt: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      warnTemplate: id,
      pauseIn: { type: 'array', items: stateId },
      onBreach: { type: 'array', items: { $ref: '#/$defs/breachRung' }, maxItems: 20 },
      startOn: { type: 'array', items: stateId, minItems: 1 },
      stopOn: { type: 'array', items: stateId, minItems: 1 },
    }, ['within', 'clock', 'startOn', 'stopOn']),
    schedule: strict({
      title: L,
      event: eventName,
      startOn: { type: 'array', items: stateId, minItems: 1 },
      stopOn: { type: 'array', items: stateId, minItems: 1 },
      anchor: logic,
      every: duration,
      clock: { enum: ['natural', 'working', 'urgent'] },
      monthly: { oneOf: [strict({ workingDay: { type: 'integer', minimum: 1, maximum: 23 } }, ['workingDay']), strict({ day: { type: 'integer', minimum: 1, maximum: 28 } }, ['day'])] },
      count: { type: 'integer', minimum: 1, maximum: 1000 },
      at: logic,
      before: duration,
    }, ['event', 'startOn', 'stopOn'], { oneOf: [{ required: ['every'] }, { required: ['monthly'] }, { required: ['at'] }] }),
    recipients: strict({ role: id, scope: { enum: ['county', 'township', 'community', 'grid', 'case'] }, users: { type: 'array', items: { type: 'string' } }, to: { enum: ['initiator', 'assignees', 'previous-handler'] }, field: { type: 'string' }, phoneField: { type: 'string', minLength: 1 } }, [], { minProperties: 1 }),
    effect: {
      oneOf: [
        strict({ notify: strict({ template: id, channel: { enum: ['app', 'sms', 'phone', 'wechat', 'cc'] }, to: { $ref: '#/$defs/recipients' },
          // SMS replies ("1" accept, "2" decline, or a keyword) that come back as case events, matched by the reply code the text carries
          replies: { type: 'object', propertyNames: { type: 'string', pattern: '^[0-9A-Za-z\u4e00-\u9fa5]{1,8}$' }, additionalProperties: eventName, minProperties: 1, maxProperties: 6 },
          replyWithin: duration }, ['template', 'to']) }, ['notify']),
        strict({ invoke: strict({ operation: { $ref: '#/$defs/operationId' }, input: { type: 'object', additionalProperties: logic }, retry: strict({ max: { type: 'integer', minimum: 0, maximum: 20 }, backoff: duration }, ['max', 'backoff']), onSuccess: eventName, onFailure: eventName, consent: strict({ ref: logic, purpose: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 40 }, subject: logic }, ['ref', 'purpose']) }, ['operation']) }, ['invoke']),
        strict({ spawn: strict({ definition: id, input: { type: 'object', additionalProperties: logic }, wait: { type: 'boolean' } }, ['definition']) }, ['spawn']),
        strict({ audit: strict({ action: { type: 'string', minLength: 1, maxLength: 64 } }, ['action']) }, ['audit']),
        strict({ award: strict({ rule: logic, person: logic, activity: logic, hours: logic, reverse: { type: 'boolean' } }, ['rule', 'person', 'activity']) }, ['award']),
      ],
    },
    effects: { type: 'array', items: { $ref: '#/$defs/effect' }, maxItems: 50 },
    transition: strict({
      target: { type: 'string', pattern: '^#?[a-z][a-z0-9_.]*$' },
      guard: logic,
      requires: actionInputs,
      roles: { type: 'array', items: id },
      set: { type: 'object', additionalProperties: logic },
      effects: { $ref: '#/$defs/effects' },
      extend: strict({ clock: id, by: logic, maxFactor: { type: 'number', exclusiveMinimum: 0 } }, ['clock', 'by']),
      description: L,
      refuse: { type: 'array', maxItems: 20, items: strict({ when: logic, code: { type: 'string', pattern: '^[a-z][a-z0-9-]*(?:\\.[a-z0-9-]+)+$', maxLength: 64 }, message: L }, ['when', 'code', 'message']) },
    }),
    transitions: { oneOf: [{ $ref: '#/$defs/transition' }, { type: 'array', items: { $ref: '#/$defs/transition' }, minItems: 1, maxItems: 20 }] },
    states: { type: 'object', propertyNames: stateId, additionalProperties: { $ref: '#/$defs/state' }, minProperties: 1, maxProperties: 500 },
    state: strict({
      title: L,
      type: { enum: ['atomic', 'compound', 'parallel', 'final'] },
      initial: stateId,
      states: { $ref: '#/$defs/states' },
      task: { $ref: '#/$defs/task' },
      wait: strict({ for: { enum: ['device', 'external', 'citizen', 'subcase'] }, timeout: strict({ within: duration, clock: { enum: ['natural', 'working', 'urgent'] }, event: eventName }, ['within', 'clock', 'event']) }, ['for']),
      subcase: strict({ definition: id, input: { type: 'object', additionalProperties: logic }, join: { enum: ['all', 'any'] }, onDone: { type: 'object', propertyNames: { type: 'string', pattern: '^(\\*|[a-z][a-z0-9_-]*)$', maxLength: 64 }, additionalProperties: { $ref: '#/$defs/transitions' }, minProperties: 1 } }, ['definition']),
      entry: { $ref: '#/$defs/effects' },
      exit: { $ref: '#/$defs/effects' },
      on: { type: 'object', propertyNames: eventName, additionalProperties: { $ref: '#/$defs/transitions' } },
      always: { $ref: '#/$defs/transitions' },
      onDone: { $ref: '#/$defs/transitions' },
      outcome: { type: 'string', maxLength: 64 },
      tags: { type: 'array', items: { type: 'string' } },
    }, [], {
      allOf: [
        { if: { properties: { type: { const: 'final' } }, required: ['type'] }, then: { not: { anyOf: [{ required: ['on'] }, { required: ['task'] }, { required: ['states'] }, { required: ['always'] }] } } },
        { if: { properties: { type: { enum: ['compound', 'parallel'] } }, required: ['type'] }, then: { required: ['states'] } },
      ],
    }),
  },
};
/**
 * Puts the zh-CN and English title and description of docs.mjs on every property: `title` and
 * `description` as "中文 English" (what an editor shows on hover), `x-i18n` with both languages apart
 * (what the designer builds its panels from). A property without docs stops the build.
 */
function annotate(node, where, missing) {
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => annotate(n, where, missing));
  const out = { ...node };
  if (out.properties && typeof out.properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => {
      const key = `${where}.${k}`;
      const doc = docs[key];
      if (!doc) missing.push(key);
      const inner = annotate(v, key, missing);
      return [k, doc ? { ...inner, title: `${doc['zh-CN'].title} ${doc.en.title}`, description: `${doc['zh-CN'].description}\n\n${doc.en.description}`, 'x-i18n': doc } : inner];
    }));
  }
  for (const key of ['oneOf', 'anyOf']) if (out[key]) out[key] = annotate(out[key], where, missing);
  if (out.items && typeof out.items === 'object') out.items = annotate(out.items, where + '[]', missing);
  if (out.additionalProperties && typeof out.additionalProperties === 'object') out.additionalProperties = annotate(out.additionalProperties, where + '{}', missing);
  return out;
}

function withDocs(s) {
  const missing = [];
  const out = { ...annotate(s, 'root', missing), $defs: Object.fromEntries(Object.entries(s.$defs).map(([name, d]) => [name, annotate(d, name, missing)])) };
  if (missing.length) throw new Error(`definition schema properties without docs (add them to docs.mjs): ${missing.join(', ')}`);
  return out;
}

export const schema = withDocs(raw);

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(new URL('./definition.schema.json', import.meta.url), JSON.stringify(schema, null, 2) + '\n');
}
