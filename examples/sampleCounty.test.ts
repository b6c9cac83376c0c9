import { describe, it, expect } from 'vitest';
import { isCnIdNumber, isCnMobile } from '@tongban/engine';
import { demoPassword, devices, directoryData, orgs, residents, users } from './index.ts';

const byPath = new Map(orgs.map((o) => [o.path, o]));
const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/'));
const ofLevel = (level: string) => orgs.filter((o) => o.level === level);
const holders = (role: string, path: string) => users.filter((u) => u.roles.some((r) => r.role === role && r.orgPath === path));

/** Roles that must be held at every org of a level. */
const rolesByLevel: Record<string, string[]> = {
  county: ['county-dispatcher', 'county-admin', 'call-operator', 'maintainer', 'referral-coordinator'],
  township: ['township-reviewer', 'mediator'],
  community: ['grid-leader', 'community-secretary', 'community-officer', 'mediator', 'provider', 'volunteer-organiser', 'supervisory-committee', 'responsible-unit'],
  grid: ['grid-worker', 'resident'],
};

describe('sample county 涪江县', () => {
  it('has one county, at least three townships, two communities each and two grids each', () => {
    expect(ofLevel('county')).toHaveLength(1);
    expect(ofLevel('township').length).toBeGreaterThanOrEqual(3);
    for (const t of ofLevel('township')) expect(ofLevel('community').filter((c) => parentOf(c.path) === t.path).length).toBeGreaterThanOrEqual(2);
    for (const c of ofLevel('community')) expect(ofLevel('grid').filter((g) => parentOf(g.path) === c.path).length).toBeGreaterThanOrEqual(2);
  });

  it('uses 统计用区划代码-style codes: the path ends in the code, townships are 9 digits, communities 12, grids community + 3', () => {
    for (const o of orgs) {
      expect(o.path.endsWith('/' + o.code)).toBe(true);
      const parent = byPath.get(parentOf(o.path));
      if (o.level !== 'county') expect(o.code.startsWith(parent?.code ?? '?')).toBe(true);
    }
    for (const t of ofLevel('township')) expect(t.code).toMatch(/^510722[0-3]\d{2}$/);
    for (const c of ofLevel('community')) expect(c.code).toMatch(/^\d{12}$/);
    for (const g of ofLevel('grid')) expect(g.code).toMatch(/^\d{15}$/);
  });

  it('puts every grid under a community and every unit under the county or a township', () => {
    for (const g of ofLevel('grid')) expect(byPath.get(parentOf(g.path))?.level).toBe('community');
    for (const u of ofLevel('unit')) expect(['county', 'township']).toContain(byPath.get(parentOf(u.path))?.level);
  });

  it('has every role held at every level where it applies, and a liaison at every unit', () => {
    const missing: string[] = [];
    for (const [level, roles] of Object.entries(rolesByLevel)) {
      for (const o of ofLevel(level)) for (const role of roles) if (holders(role, o.path).length === 0) missing.push(`${role}@${o.name}`);
    }
    for (const u of ofLevel('unit')) if (holders('responsible-unit', u.path).length + holders('referral-officer', u.path).length === 0) missing.push(`liaison@${u.name}`);
    expect(missing).toEqual([]);
  });

  it('assigns roles only at org units that exist, with unique ids and usernames and the documented password', () => {
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
    for (const u of users) {
      expect(u.password).toBe(demoPassword);
      for (const r of u.roles) expect(byPath.has(r.orgPath)).toBe(true);
    }
  });

  it('gives residents valid fictional ID numbers (checksum, birth date, sex digit) and mainland mobiles', () => {
    for (const r of residents) {
      expect(isCnIdNumber(r.idNumber), r.idNumber).toBe(true);
      expect(r.idNumber.slice(6, 14)).toBe(r.birthDate.replace(/-/g, ''));
      expect(Number(r.idNumber[16]) % 2 === 1 ? 'male' : 'female').toBe(r.sex);
      expect(isCnMobile(r.phone)).toBe(true);
      for (const c of r.emergencyContacts ?? []) expect(isCnMobile(c.phone)).toBe(true);
      expect(byPath.get(r.gridPath)?.level).toBe('grid');
    }
    expect(new Set(residents.map((r) => r.idNumber)).size).toBe(residents.length);
  });

  it('binds every care device to a resident who exists, in that resident’s grid; a grid sensor has a site instead', () => {
    const rs = new Map(residents.map((r) => [r.id, r]));
    expect(devices.filter((d) => !d.residentId).map((d) => d.id)).toEqual(['wm-0401-017', 'gs-smoke-0601-001']);
    for (const d of devices) {
      if (!d.residentId) { expect(d.site, d.id).toMatchObject({ datum: expect.stringMatching(/^(CGCS2000|WGS84)$/) }); expect(d.topic).toBe(`zhsq/v1/510722/${d.type}/${d.id}/event`); continue; }
      expect(rs.has(d.residentId), d.id).toBe(true);
      expect(d.gridPath).toBe(rs.get(d.residentId)?.gridPath);
      expect(d.topic).toBe(`zhsq/v1/510722/${d.type}/${d.id}/event`);
    }
  });

  it('links resident users to residents in their grid', () => {
    const rs = new Map(residents.map((r) => [r.id, r]));
    for (const u of users.filter((x) => x.residentId)) expect(u.roles[0]?.orgPath).toBe(rs.get(u.residentId!)?.gridPath);
  });

  it('exports the directory in the engine’s shape', () => {
    const d = directoryData();
    expect(d.orgs).toHaveLength(orgs.length);
    expect(d.users.find((u) => u.id === 'u-county-admin')?.roles).toEqual([{ role: 'county-admin', orgPath: '/510722' }]);
  });
});
