import { describe, expect, it } from 'vitest';
import { refusePassword } from './password-policy.ts';

describe('the password policy', () => {
  it.each(['password', '12345678', '        ', '          ', 'aaaaaaaaaaaa'])(
    'refuses %j by the shared schema',
    async (p) => expect((await refusePassword(p))?.code).toBe('VALIDATION_FAILED'),
  );

  it.each([
    '1234567890',
    'qwertyuiop',
    'iloveyou12',
    'password123',
    'Password123!',
    'Dragon2024!!',
  ])('refuses the common password %j', async (p) =>
    expect((await refusePassword(p))?.code).toBe('WEAK_PASSWORD'),
  );

  it('refuses the email address, its local part and the name', async () => {
    const account = { email: 'Ada.Lovelace@example.org', name: 'Ada Lovelace' };
    for (const p of [
      'ada.lovelace@example.org',
      'ada.lovelace',
      'Ada.Lovelace2024',
      'ada lovelace',
    ])
      expect((await refusePassword(p, account))?.code, p).toBe('WEAK_PASSWORD');
  });

  it.each(['correct horse battery', 'monkey-business-of-2024', 'Tr1al & Err0r nights'])(
    'accepts %j',
    async (p) => expect(await refusePassword(p, { email: 'a@b.org', name: 'A' })).toBeNull(),
  );
});
