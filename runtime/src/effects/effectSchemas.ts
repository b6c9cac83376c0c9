/**
 * Response schemas of the adapters, case-link and notification-preference operations (components
 * of the OpenAPI document; every integration-test answer is validated against them).
 */
import type { Schema } from '../http/operation.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const nstr = { type: ['string', 'null'] } as const;
const obj = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: 'object', additionalProperties: false, properties, required: Object.keys(properties).filter((k) => !optional.includes(k)),
});

const health = obj({
  status: { type: 'string', enum: ['up', 'degraded', 'down', 'not-configured', 'stopped'] }, since: int, consecutiveFailures: int,
  lastError: obj({ code: str, message: str, at: int, operation: str }, ['operation']),
  counters: obj({ calls: int, succeeded: int, failed: int, timeouts: int, emitted: int, rejectedEvents: int, inFlight: int }),
}, ['lastError']);

const caseRef = obj({ id: str, ref: str, definitionId: str, state: str, status: str, childKey: str });

/** The named schemas these operations answer with. */
export const effectSchemas: Record<string, Schema> = {
  AdapterHealth: health,
  // a manifest is the plugin's own declaration (schemas, labels): open, beside what the runtime adds
  Adapter: {
    type: 'object', additionalProperties: true, required: ['id', 'version', 'health', 'configured', 'deadLetters'],
    properties: {
      id: str, version: str, health: { $ref: '#/components/schemas/AdapterHealth' }, configured: bool, deadLetters: int,
      settings: obj({ config: { type: 'object', additionalProperties: true }, secretsSet: { type: 'object', additionalProperties: bool } }),
    },
  },
  AdapterList: obj({ items: { type: 'array', items: { $ref: '#/components/schemas/Adapter' } } }),
  AdapterConfigured: obj({ id: str, configured: bool, health: { $ref: '#/components/schemas/AdapterHealth' } }),
  DeadLetter: obj({ id: int, caseId: str, kind: str, operation: nstr, attempts: int, lastError: nstr, failedAt: int }),
  DeadLetterPage: obj({ items: { type: 'array', items: { $ref: '#/components/schemas/DeadLetter' } }, nextCursor: nstr }),
  DeadLetterRetried: obj({ id: int, status: { const: 'pending' } }),
  CaseLinks: obj({
    caseId: str,
    parent: { oneOf: [caseRef, { type: 'null' }] },
    children: { type: 'array', items: obj({ id: str, ref: str, definitionId: str, state: str, status: str, childKey: str, link: str, outcome: nstr, spawnedBy: nstr }) },
  }),
  NotificationPrefs: obj({
    locale: { type: 'string', enum: ['zh-CN', 'en'] }, sms: bool, wechat: bool,
    quietHours: { oneOf: [obj({ start: str, end: str }), { type: 'null' }] }, phone: nstr, wechatBound: bool,
  }),
};
