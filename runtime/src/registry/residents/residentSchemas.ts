/** JSON Schemas of the resident API (request bodies and the component schemas of answers). */
import { S } from '../../http/operation.ts';
import { registryPurposes, residentCategoryIds, residentRetireReasonIds } from '../registryKinds.ts';
import { revealableResidentFields } from './residentView.ts';

const text = (max: number) => ({ type: 'string', maxLength: max });
const contact = S.object({ name: { type: 'string', minLength: 1, maxLength: 50 }, phone: { type: 'string', minLength: 1, maxLength: 20 }, relation: text(20) }, ['name', 'phone']);

/** The editable fields (values are checked further by `checkResident`, with coded field problems). */
export const residentInputProps = {
  name: { type: 'string', minLength: 1, maxLength: 50 }, idNumber: { type: 'string', minLength: 1, maxLength: 30 }, orgPath: S.orgPath,
  sex: { type: 'string', enum: ['male', 'female'] }, birthDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, phone: text(20), address: text(200),
  categories: { type: 'array', maxItems: residentCategoryIds.length, uniqueItems: true, items: { type: 'string', enum: residentCategoryIds } },
  householdId: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9._-]*$' }, householdRelation: text(32),
  emergencyContacts: { type: 'array', maxItems: 5, items: contact }, userId: { type: 'string', maxLength: 64, pattern: '^[A-Za-z0-9._:@-]+$' },
};

export const residentCreateBody = S.object(residentInputProps, ['name', 'idNumber', 'orgPath']);
export const residentUpdateBody = S.object({ ...residentInputProps, expectedVersion: S.version }, ['name', 'idNumber', 'orgPath', 'expectedVersion']);
export const residentRetireBody = S.object({ reason: { type: 'string', enum: residentRetireReasonIds }, expectedVersion: S.version }, ['reason', 'expectedVersion']);
export const residentRevealBody = S.object({
  fields: { type: 'array', minItems: 1, maxItems: revealableResidentFields.length, uniqueItems: true, items: { type: 'string', enum: revealableResidentFields } },
  purpose: { type: 'string', enum: [...registryPurposes] },
}, ['fields', 'purpose']);

const str = { type: 'string' };
const strList = { type: 'array', items: str };
/** A resident as the caller sees it: masked values are strings with stars, hidden ones absent. */
const residentView = {
  type: 'object', additionalProperties: false, required: ['id', 'name', 'idNumber', 'orgPath', 'version', 'createdAt', 'updatedAt', 'masked', 'hidden'],
  properties: {
    id: str, name: str, idNumber: str, orgPath: str, sex: str, birthDate: str, phone: str, address: str, categories: strList,
    householdId: str, householdRelation: str, userId: str, updatedBy: str,
    emergencyContacts: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { name: str, phone: str, relation: str } } },
    version: { type: 'integer' }, createdAt: { type: 'integer' }, updatedAt: { type: 'integer' },
    retiredAt: { type: 'integer', description: '注销时间（迁出或去世） When the resident was retired' }, retiredReason: { type: 'string', enum: residentRetireReasonIds },
    masked: { ...strList, description: '以掩码显示的字段 Fields shown masked' }, hidden: { ...strList, description: '未显示的字段 Fields not shown' },
  },
};

export const residentComponents = {
  Resident: residentView,
  ResidentPage: { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Resident' } }, nextCursor: str } },
  ResidentRetired: { type: 'object', additionalProperties: false, required: ['resident', 'unboundDevices'], properties: {
    resident: { $ref: '#/components/schemas/Resident' }, unboundDevices: { ...strList, description: '已解除绑定的设备 Devices unbound from the resident' } } },
  ResidentReveal: { type: 'object', additionalProperties: false, required: ['values'], properties: { values: { type: 'object', additionalProperties: true } } },
};
