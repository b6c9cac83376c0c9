import { describe, it, expect } from 'vitest';
import { idNumberBirthDate, idNumberCheckChar, idNumberProblem, idNumberSex, isCnIdNumber } from './cnIdNumber.ts';

describe('cn-id-number (GB 11643)', () => {
  it('computes the check character of the GB 11643 example', () => {
    // The standard's worked example: 11010519491231002X.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(isCnIdNumber('11010519491231002X')).toBe(true);
  });

  it('accepts a number whose check digit is a digit', () => {
    const first17 = '51072219800101123';
    expect(isCnIdNumber(first17 + idNumberCheckChar(first17))).toBe(true);
  });

  it('rejects a wrong check character', () => {
    expect(idNumberProblem('110105194912310021')).toBe('checksum');
  });

  it('rejects a lower-case x (county forms expect upper case)', () => {
    expect(idNumberProblem('11010519491231002x')).toBe('shape');
  });

  it('rejects impossible birth dates, including 29 February of a common year', () => {
    expect(idNumberProblem('510722' + '19810229' + '1234')).toBe('birth-date');
    expect(idNumberProblem('510722' + '19801301' + '1234')).toBe('birth-date');
    expect(idNumberBirthDate('510722' + '20000229' + '1234')).toBe('2000-02-29');
  });

  it('rejects wrong lengths, letters and a leading zero', () => {
    for (const v of ['', '1101051949123100', '1101051949123100211', 'A1010519491231002X', '01010519491231002X']) {
      expect(isCnIdNumber(v)).toBe(false);
    }
  });

  it('reads the sex digit', () => {
    expect(idNumberSex('11010519491231002X')).toBe('female');
    expect(idNumberSex('110105194912310011')).toBe('male');
  });
});
