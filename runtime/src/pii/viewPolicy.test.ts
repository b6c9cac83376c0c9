import { describe, expect, it } from 'vitest';
import type { PiiKind } from '@tongban/engine';
import { viewData } from './viewPolicy.ts';

const fields = new Map([['idNumber', 'id-number'], ['birthDate', 'birth-date'], ['sex', 'sex'], ['name', 'name']] as Array<[string, PiiKind]>);
const person = { idNumber: '51072219480307002X', birthDate: '1948-03-07', sex: '女', name: '王秀英' };
const officer = ['community-officer'];

describe('viewData and quasi-identifiers (issue 7.2)', () => {
  it('masks a birth date to its year and sex to a star by default', () => {
    expect(viewData(fields, person, { roles: ['township-reviewer'] }).data).toEqual({ idNumber: '5****************X', birthDate: '1948-**-**', sex: '*', name: '王*英' });
  });

  it('shows a verifier 6 + 4 of the ID number only while the birth date and sex stay masked', () => {
    expect(viewData(fields, person, { roles: officer }).data.idNumber).toBe('510722********002X');
  });

  it('falls back to 1 + 1 when the view shows the birth date or sex in clear (6 + 8 + 4 digits would be the whole number)', () => {
    for (const clear of ['birthDate', 'sex']) {
      const v = viewData(fields, person, { roles: officer, stepFields: { [clear]: 'read', idNumber: 'masked' } });
      expect({ clear, id: v.data.idNumber }).toEqual({ clear, id: '5****************X' });
    }
  });
});
