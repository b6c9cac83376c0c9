/**
 * 设备台账: call buttons, fall detectors, smoke and door sensors bound device → resident → grid;
 * status (active / silent / retired) and last seen come from the adapters (deviceSignals.ts).
 */
import { maskValue } from '@tongban/engine';
import { ForbiddenError, RefusedError } from '../../errors/DomainError.ts';
import { created, defineOperation, ok, S, type Operation } from '../../http/operation.ts';
import { decodeCursor, encodeCursor } from '../../http/cursor.ts';
import type { Services } from '../../services.ts';
import type { UserRecord } from '../../identity/KnexIdentityStore.ts';
import { mayAny, mayAt } from '../registryScope.ts';
import { deviceStatusIds, deviceTypeIds } from '../registryKinds.ts';
import { checkDevice, type Device, type DeviceInput } from './deviceRecord.ts';

const str = { type: 'string' };
/** A grid sensor's site (bound to no resident): what its alarms bring to a grid incident. */
const site = { type: 'object', additionalProperties: false, required: ['lat', 'lng', 'datum'], description: '网格传感器（不绑定居民）的安装位置：报警开启网格事件时带入 The site of a grid sensor bound to no resident; its alarms bring it to a grid incident',
  properties: { lat: { type: 'number', minimum: 3, maximum: 54 }, lng: { type: 'number', minimum: 73, maximum: 136 }, datum: { type: 'string', enum: ['CGCS2000', 'WGS84'] },
    place: { type: 'string', maxLength: 60 }, buildingId: { type: 'string', maxLength: 40 } } };
const schemas = {
  Device: { type: 'object', additionalProperties: false, required: ['id', 'type', 'orgPath', 'status', 'version', 'createdAt', 'updatedAt'], properties: {
    id: str, type: str, orgPath: str, residentId: str, residentName: { type: 'string', description: '居民姓名（脱敏） The resident’s name, masked' }, status: { type: 'string', enum: deviceStatusIds },
    account: str, site, lastSeenAt: { type: 'integer' }, version: { type: 'integer' }, createdAt: { type: 'integer' }, updatedAt: { type: 'integer' } } },
  DevicePage: { type: 'object', additionalProperties: false, required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Device' } }, nextCursor: str } },
};
const inputProps = {
  type: { type: 'string', enum: deviceTypeIds }, orgPath: S.orgPath, residentId: { ...S.id, maxLength: 64 }, status: { type: 'string', enum: deviceStatusIds },
  account: { type: 'string', pattern: '^[0-9A-F]{3,16}$' }, site,
};
const actorOf = (u: UserRecord) => ({ id: u.id, roles: u.roles.map((r) => r.role) });

/** Operations of the device registry. */
export function deviceOperations(s: Services): Operation[] {
  const store = s.registry.devices;

  /** Devices with their resident's name, masked (the registry list is not the place to read names). */
  async function withNames(items: Device[]): Promise<Array<Record<string, unknown>>> {
    const names = await s.registry.residentNames(items.map((d) => d.residentId).filter((x): x is string => !!x));
    return items.map((d) => ({ ...d, ...(d.residentId && names.has(d.residentId) ? { residentName: maskValue('name', names.get(d.residentId)) } : {}) }));
  }

  async function checked(input: DeviceInput): Promise<DeviceInput> {
    const known = await s.registry.orgPaths();
    const grids = await s.registry.residentGrids(input.residentId ? [input.residentId] : []);
    const problems = checkDevice(input, (p) => known.has(p), (id) => grids.get(id));
    if (problems.length) throw new RefusedError('device.invalid', { problems });
    return input;
  }

  return [
    defineOperation({ method: 'get', path: '/api/devices', operationId: 'listDevices', tag: 'registry', schemas, responses: ok('DevicePage'), summary: '设备台账（辖区内） Devices in scope',
      query: { q: { type: 'string', maxLength: 64 }, type: { type: 'string', enum: deviceTypeIds }, status: { type: 'string', enum: deviceStatusIds }, orgPath: S.orgPath,
        residentId: { type: 'string', maxLength: 64 }, limit: S.limit, cursor: S.cursor },
      async handler({ ability, query }) {
        if (!mayAny(ability, 'read', 'Device')) throw new ForbiddenError('authz.forbidden');
        const after = decodeCursor(query.cursor, 1)?.[0] as string | undefined;
        const page = await store.list(ability, { ...query, limit: Number(query.limit ?? 50), after });
        return { body: { items: await withNames(page.items), nextCursor: page.next ? encodeCursor([page.next]) : undefined } };
      } }),
    defineOperation({ method: 'get', path: '/api/devices/{id}', operationId: 'getDevice', tag: 'registry', schemas, responses: ok('Device'), summary: '设备详情 A device',
      params: { id: S.id },
      async handler({ ability, params }) {
        if (!mayAny(ability, 'read', 'Device')) throw new ForbiddenError('authz.forbidden');
        return { body: (await withNames([await store.get(ability, params.id)]))[0] };
      } }),
    defineOperation({ method: 'post', path: '/api/devices', operationId: 'createDevice', tag: 'registry', schemas, responses: created('Device'), summary: '登记设备 Register a device',
      body: S.object({ id: { type: 'string', minLength: 1, maxLength: 64 }, ...inputProps }, ['id', 'type', 'orgPath']),
      async handler({ user, ability, body }) {
        if (!mayAny(ability, 'manage', 'Device')) throw new ForbiddenError('authz.forbidden');
        const input = await checked(body as DeviceInput);
        if (!mayAt(ability, 'manage', 'Device', input.orgPath)) throw new ForbiddenError('org.out-of-scope', { orgPath: input.orgPath });
        const d = await store.create(input, actorOf(user));
        await s.registry.changed();
        return { status: 201, body: (await withNames([d]))[0] };
      } }),
    defineOperation({ method: 'put', path: '/api/devices/{id}', operationId: 'updateDevice', tag: 'registry', schemas, responses: ok('Device'), summary: '修改设备（绑定、迁移、停用；expectedVersion） Edit a device',
      params: { id: S.id }, body: S.object({ ...inputProps, expectedVersion: S.version }, ['type', 'orgPath', 'expectedVersion']),
      async handler({ user, ability, params, body }) {
        if (!mayAny(ability, 'manage', 'Device')) throw new ForbiddenError('authz.forbidden');
        await store.get(ability, params.id, 'manage'); // out of scope: 404 before the body is judged
        const { expectedVersion, ...fields } = body as DeviceInput & { expectedVersion: number };
        const input = await checked({ ...fields, id: params.id });
        if (!mayAt(ability, 'manage', 'Device', input.orgPath)) throw new ForbiddenError('org.out-of-scope', { orgPath: input.orgPath });
        const d = await store.update(ability, params.id, input, expectedVersion, actorOf(user));
        await s.registry.changed();
        return { body: (await withNames([d]))[0] };
      } }),
  ];
}
