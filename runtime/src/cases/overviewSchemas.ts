/** Response schemas of the case overview (`caseOverview`). */
const str = { type: 'string' };
const int = { type: 'integer' };
const text = { $ref: '#/components/schemas/LocalizedText' };
const nstr = { type: ['string', 'null'] };
const nint = { type: ['integer', 'null'] };
const obj = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required: Object.keys(properties), properties });
const brief = obj({ id: str, ref: str, definitionId: str, title: text, state: str, stateTitle: text, status: str });

/** The overview's named schemas. */
export const overviewSchemas = {
  CaseBrief: brief,
  CaseOverview: obj({
    id: str, ref: str, title: text, definitionId: str, definitionVersion: int, orgPath: str, state: str, stateTitle: text, status: str, version: int,
    createdAt: int, createdBy: nstr, createdByName: nstr, flags: { type: 'array', items: str }, deadline: { $ref: '#/components/schemas/Deadline' },
    trail: { type: 'array', items: obj({ state: str, title: text, taskId: str, by: str, byName: nstr, decision: str, decisionTitle: text, at: int, comment: nstr, signature: nstr,
      attachments: { type: 'array', items: str } }) },
    current: { type: 'array', items: obj({ taskId: str, state: str, title: text, status: str, assignee: nstr, assigneeName: nstr,
      group: { oneOf: [obj({ role: str, orgPath: str }), { type: 'null' }] }, candidates: int, deadline: { $ref: '#/components/schemas/Deadline' }, why: { type: 'array', items: text } }) },
    ahead: { type: 'array', items: obj({ state: str, title: text, final: { type: 'boolean' } }) },
    parent: { oneOf: [{ $ref: '#/components/schemas/CaseBrief' }, { type: 'null' }] },
    children: { type: 'array', items: { $ref: '#/components/schemas/CaseBrief' } },
    adapterCalls: { type: 'array', items: obj({ operation: str, requestId: str, status: str, attempts: int, at: int }) },
    /** names of the people the case's data refers to (选人 fields, …UserId), by user id: staff in full, residents masked */
    userNames: { type: 'object', additionalProperties: str },
    /** names of the org units and grids the case's data refers to, by org path or grid code */
    unitNames: { type: 'object', additionalProperties: str },
    /** how each filled consent field's record stands now, by field name (no person in it) */
    consents: { type: 'object', additionalProperties: obj({ ref: str, status: { type: 'string', enum: ['active', 'withdrawn', 'expired', 'not-found', 'purpose-mismatch'] },
      grantedAt: nint, expiresAt: nint, withdrawnAt: nint }) },
  }),
};
