import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

describe('PBKDF2 password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it.each([
    '',
    'scrypt$abc',
    'pbkdf2-sha256$0$00$00',
    'pbkdf2-sha256$999999999$00$00',
    'pbkdf2-sha256$1000$$',
  ])('treats the malformed hash %j as a mismatch, never an error', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });
});
