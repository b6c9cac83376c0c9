/** 公民身份号码 (GB 11643-1999): 17 digits + a check character computed with ISO 7064 MOD 11-2. */
import { daysInMonth } from './instant.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character (0-9 or X) for the first 17 digits, or undefined when they are not 17 digits. */
export function idNumberCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11];
}

/** The birth date (YYYY-MM-DD) encoded in digits 7–14, or undefined when it is not a real date. */
export function idNumberBirthDate(id: string): string | undefined {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return undefined;
  if (d > daysInMonth(y, mo)) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** Why an ID number is invalid, or undefined when it is valid. */
export function idNumberProblem(value: string): 'shape' | 'birth-date' | 'checksum' | undefined {
  if (!/^[1-9]\d{16}[\dX]$/.test(value)) return 'shape';
  if (!idNumberBirthDate(value)) return 'birth-date';
  return idNumberCheckChar(value.slice(0, 17)) === value[17] ? undefined : 'checksum';
}

/** True for a well-formed 18-digit ID number with a real birth date and a correct check character. */
export function isCnIdNumber(value: string): boolean {
  return idNumberProblem(value) === undefined;
}

/** Sex encoded in digit 17 (odd: male). */
export function idNumberSex(id: string): 'male' | 'female' | undefined {
  const d = id[16];
  if (d === undefined || !/\d/.test(d)) return undefined;
  return Number(d) % 2 === 1 ? 'male' : 'female';
}
