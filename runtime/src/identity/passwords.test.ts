import { describe, expect, it, vi } from 'vitest';

// Count scrypt runs: a login for an unknown user must cost what a real one costs (issue 7.4).
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, scrypt: vi.fn(real.scrypt) };
});
const crypto = await import('node:crypto');
const { hashPassword, verifyPassword } = await import('./passwords.ts');

describe('passwords', () => {
  it('checks a real hash', async () => {
    const h = await hashPassword('Tongban@2025');
    expect(await verifyPassword('Tongban@2025', h)).toBe(true);
    expect(await verifyPassword('wrong', h)).toBe(false);
  });

  it('runs one scrypt for a missing, malformed or abusive hash too, and answers false', async () => {
    const runs = vi.mocked(crypto.scrypt);
    for (const stored of [undefined, null, '', 'plain', 'scrypt$1$1$1$AA==$AA==', `scrypt$${2 ** 30}$8$1$AA==$AA==`]) {
      runs.mockClear();
      expect(await verifyPassword('Tongban@2025', stored)).toBe(false);
      expect(runs).toHaveBeenCalledTimes(1);
      // never the attacker-chosen cost: the dummy's N=16384
      expect((runs.mock.calls[0]![3] as { N: number }).N).toBe(16384);
    }
  });
});
