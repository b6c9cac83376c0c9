/** Component schemas of the operator endpoints (health, readiness, dead letters). */
import type { Schema } from '../http/operation.ts';

const str = { type: 'string' };
const nstr = { type: ['string', 'null'] };
const int = { type: 'integer' };
const nint = { type: ['integer', 'null'] };
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', additionalProperties: false, required, properties });

export const opsSchemas: Record<string, Schema> = {
  Health: obj({ status: { const: 'ok' }, role: { enum: ['all', 'server', 'worker'] }, uptimeSeconds: int }),
  ReadinessCheck: obj({ name: { enum: ['database', 'migrations', 'redis', 'worker', 'process'] }, ok: { type: 'boolean' }, code: str, message: str }, ['name', 'ok']),
  Readiness: obj({ ready: { type: 'boolean' }, checks: { type: 'array', items: { $ref: '#/components/schemas/ReadinessCheck' } } }),
  OpsDeadLetter: obj({ source: { enum: ['outbox', 'timer'] }, id: str, caseId: str, kind: str, operation: nstr, attempts: int, lastError: nstr, failedAt: nint }),
  OpsDeadLetterPage: obj({ items: { type: 'array', items: { $ref: '#/components/schemas/OpsDeadLetter' } }, nextCursor: nstr }),
  OpsDeadLetterSettled: obj({ source: { enum: ['outbox', 'timer'] }, id: str, status: { enum: ['pending', 'armed', 'discarded'] } }),
};
