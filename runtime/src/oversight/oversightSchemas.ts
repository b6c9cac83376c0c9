/** Response schemas of the oversight figures. */
const int = { type: 'integer', minimum: 0 };
const rate = { type: ['number', 'null'], minimum: 0, maximum: 1 };
const obj = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });
const counts = { open: int, openCases: int, atRisk: int, overdue: int };

/** The oversight's named schemas. */
export const oversightSchemas = {
  OversightSummary: obj({ orgPath: { type: 'string' }, ...counts, closedThisMonth: int, completionRate: rate, onTimeRate: rate }),
  OversightByOrg: obj({ orgPath: { type: 'string' }, items: { type: 'array', items: obj({ orgPath: { type: 'string' }, name: { type: 'string' }, ...counts }) } }),
  OversightByItem: obj({ orgPath: { type: 'string' }, items: { type: 'array', items: obj({ definitionId: { type: 'string' }, title: { $ref: '#/components/schemas/LocalizedText' }, ...counts }) } }),
  OversightTrend: obj({ orgPath: { type: 'string' }, items: { type: 'array', items: obj({ weekStart: { type: 'integer' }, done: int, onTime: int, opened: int, onTimeRate: rate }) } }),
};
