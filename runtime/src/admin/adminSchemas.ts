/** Request pieces and response schemas of the admin API (OpenAPI components, closed objects). */
import { S, type Schema } from '../http/operation.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const nullInt = { type: ['integer', 'null'] } as const;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: 'object', additionalProperties: false, properties, required: Object.keys(properties).filter((k) => !optional.includes(k)),
});

/** An org code in a path or body: 6, 9, 12 or 15 digits. */
export const orgCode = { type: 'string', pattern: '^[0-9]{6,15}$', maxLength: 15 } as const;
/** A role grant in a request. */
export const roleGrantBody = S.object({ role: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,63}$' }, orgPath: S.orgPath,
  validFrom: { type: ['integer', 'null'], minimum: 0, maximum: 253402300799000 }, validUntil: { type: ['integer', 'null'], minimum: 0, maximum: 253402300799000 } }, ['role', 'orgPath']);
/** An OIDC identity link in a request: the provider's name and the subject (`sub`) it issues. */
export const identityLinkBody = S.object({ provider: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' }, subject: { type: 'string', minLength: 1, maxLength: 191, pattern: '^[\\x21-\\x7e]+$' } }, ['provider', 'subject']);
/** A person's or unit's name. */
export const nameBody = { type: 'string', minLength: 1, maxLength: 100 } as const;
/** A password an admin sets. */
export const passwordBody = { type: 'string', minLength: 8, maxLength: 200 } as const;

export const adminSchemas: Record<string, Schema> = {
  AdminOrgUnit: obj({ path: str, code: str, name: str, level: str, parentPath: { type: ['string', 'null'] }, version: int, retiredAt: nullInt }),
  AdminOrgNode: obj({ path: str, code: str, name: str, level: str, parentPath: { type: ['string', 'null'] }, version: int, retiredAt: nullInt, users: int, openCases: int }),
  AdminOrgTree: obj({ items: { type: 'array', items: ref('AdminOrgNode') } }),
  AdminOrgMoved: obj({ unit: ref('AdminOrgUnit'), moved: { type: 'object', additionalProperties: str } }),
  AdminOrgRetired: obj({ unit: ref('AdminOrgUnit'), handedOver: { type: 'array', items: str } }),
  AdminRoleGrant: obj({ role: str, orgPath: str, validFrom: nullInt, validUntil: nullInt, active: bool }),
  AdminUser: obj({ id: str, username: str, name: str, orgPath: str, disabled: bool, mustChangePassword: bool, version: int, roles: { type: 'array', items: ref('AdminRoleGrant') } }),
  AdminUserPage: obj({ items: { type: 'array', items: ref('AdminUser') }, nextCursor: { type: ['string', 'null'] } }),
  AdminPasswordReset: obj({ user: ref('AdminUser'), temporaryPassword: str }, ['temporaryPassword']),
  AdminIdentityLinks: obj({ items: { type: 'array', items: obj({ provider: str, subject: str }) } }),
  AdminUserMoved: obj({ user: ref('AdminUser'), tasks: { type: 'string', enum: ['stay', 'return-to-group'] }, released: { type: 'array', items: str },
    notReleased: { type: 'array', items: obj({ taskId: str, code: str }) } }),
};
