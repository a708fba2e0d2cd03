import { env } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, signUp } from './api.ts';

// Issue 20, account basics: a signed-in user changes their name, password and email (the
// current password confirms the last two), and a forgotten password is reset by a mailed link.

const SAME_ORIGIN = { Origin: 'http://corates.test' };
const OLD = 'correct horse battery';
const NEW = 'a much longer phrase 42';

let n = 0;
const ip = () => `192.0.2.${++n % 250}`;

function signIn(email: string, password: string) {
  return call('POST', '/api/auth/sign-in/email', { body: { email, password }, ip: ip() });
}

function cookieOf(res: { headers: Headers }): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function storedHash(userId: string) {
  const row = await env.DB.prepare(
    "SELECT password FROM account WHERE user_id = ? AND provider_id = 'credential'",
  )
    .bind(userId)
    .first<{ password: string }>();
  return row!.password;
}

function me(cookie: string) {
  return call('GET', '/api/me', { cookie });
}

describe('changing the name', () => {
  it('stores a valid name and answers the account', async () => {
    const u = await signUp('Before Name');
    const res = await call('PATCH', '/api/me/account', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { name: 'After Name' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: u.id, email: u.email, name: 'After Name' });
    expect((await me(u.cookie)).json.user.name).toBe('After Name');
  });

  it.each([
    ['an empty name', { name: '  ' }],
    ['markup', { name: '<b>x</b>' }],
    ['an unknown field', { name: 'Fine', email: 'x@example.org' }],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_, body) => {
    const u = await signUp('Kept Name');
    const res = await call('PATCH', '/api/me/account', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body,
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect((await me(u.cookie)).json.user.name).toBe('Kept Name');
  });

  it('needs a session', async () => {
    const res = await call('PATCH', '/api/me/account', {
      headers: SAME_ORIGIN,
      body: { name: 'Nobody' },
    });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('changing the password', () => {
  it('a wrong current password is 403 WRONG_PASSWORD and changes nothing', async () => {
    const u = await signUp();
    const before = await storedHash(u.id);
    const res = await call('POST', '/api/me/password', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { currentPassword: 'not my password', newPassword: NEW },
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('WRONG_PASSWORD');
    expect(await storedHash(u.id)).toBe(before);
    expect((await signIn(u.email, OLD)).status).toBe(200);
  });

  it('a weak or too short new password is refused by the sign-up policy', async () => {
    const u = await signUp();
    const weak = await call('POST', '/api/me/password', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { currentPassword: OLD, newPassword: 'password123' },
    });
    expect(weak.status).toBe(400);
    expect(weak.json.error.code).toBe('WEAK_PASSWORD');
    const short = await call('POST', '/api/me/password', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { currentPassword: OLD, newPassword: 'short' },
    });
    expect(short.status).toBe(400);
    expect(short.json.error.code).toBe('VALIDATION_FAILED');
  });

  it('stores the new one as PBKDF2, refuses the old one and ends the other sessions', async () => {
    const u = await signUp();
    const elsewhere = cookieOf(await signIn(u.email, OLD));
    expect((await me(elsewhere)).status).toBe(200);
    const res = await call('POST', '/api/me/password', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { currentPassword: OLD, newPassword: NEW },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: u.id, email: u.email, name: u.name });
    expect(await storedHash(u.id)).toMatch(/^pbkdf2-sha256\$100000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    // This browser goes on with the new session cookie; the other one is signed out.
    const renewed = cookieOf(res);
    expect(renewed).toContain('session_token');
    expect((await me(renewed)).status).toBe(200);
    expect((await me(elsewhere)).status).toBe(401);
    const old = await signIn(u.email, OLD);
    expect(old.status).toBe(401);
    expect(old.json.error.code).toBe('INVALID_CREDENTIALS');
    expect((await signIn(u.email, NEW)).status).toBe(200);
  });

  it('guessing the current password is limited per account', async () => {
    const u = await signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await call('POST', '/api/me/password', {
        cookie: u.cookie,
        headers: SAME_ORIGIN,
        body: { currentPassword: `guess number ${i}`, newPassword: NEW },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(10).fill(403), 429]);
  });
});

describe('changing the email', () => {
  it('moves sign-in to the new address once the password is confirmed', async () => {
    const u = await signUp();
    const newEmail = `moved-${u.email}`;
    const res = await call('POST', '/api/me/email', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { newEmail: newEmail.toUpperCase(), currentPassword: OLD },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: u.id, email: newEmail, name: u.name });
    expect((await me(u.cookie)).json.user.email).toBe(newEmail);
    expect((await signIn(u.email, OLD)).status).toBe(401);
    expect((await signIn(newEmail, OLD)).status).toBe(200);
  });

  it('a wrong password is 403 WRONG_PASSWORD; an address another account has is 422', async () => {
    const u = await signUp();
    const other = await signUp();
    const wrong = await call('POST', '/api/me/email', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { newEmail: `x-${u.email}`, currentPassword: 'not my password' },
    });
    expect(wrong.status).toBe(403);
    expect(wrong.json.error.code).toBe('WRONG_PASSWORD');
    const taken = await call('POST', '/api/me/email', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { newEmail: other.email, currentPassword: OLD },
    });
    expect(taken.status).toBe(422);
    expect(taken.json.error.code).toBe('ACCOUNT_EXISTS');
    const invalid = await call('POST', '/api/me/email', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { newEmail: 'not an address', currentPassword: OLD },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json.error.code).toBe('VALIDATION_FAILED');
    expect((await me(u.cookie)).json.user.email).toBe(u.email);
  });
});

describe('forgot password', () => {
  afterEach(() => vi.restoreAllMocks());

  /** The link the local transport logged for `to` (nothing is sent locally). */
  function loggedLinks(log: ReturnType<typeof vi.spyOn>, to: string): string[] {
    return log.mock.calls
      .map((args: unknown[]) => String(args[0]))
      .filter((line: string) => line.includes('mail not sent') && line.includes(` to ${to}:`))
      .map((line: string) => /(https?:\/\/\S+)$/.exec(line)![1]!);
  }

  function requestReset(email: string) {
    return call('POST', '/api/auth/request-password-reset', {
      body: { email },
      ip: ip(),
      headers: SAME_ORIGIN,
    });
  }

  function reset(token: string, newPassword: string) {
    return call('POST', '/api/auth/reset-password', {
      body: { token, newPassword },
      ip: ip(),
      headers: SAME_ORIGIN,
    });
  }

  it('answers the same whether or not the account exists, and mails only to an account', async () => {
    const log = vi.spyOn(console, 'warn');
    const u = await signUp();
    const known = await requestReset(u.email);
    const unknown = await requestReset(`nobody-${u.email}`);
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.json).toEqual(known.json);
    expect(JSON.stringify(known.json)).not.toContain('reset-password?token');
    expect(loggedLinks(log, u.email)).toHaveLength(1);
    expect(loggedLinks(log, `nobody-${u.email}`)).toHaveLength(0);
  });

  it('the link sets a new password once; old password and old sessions end', async () => {
    const log = vi.spyOn(console, 'warn');
    const u = await signUp();
    expect((await requestReset(u.email)).status).toBe(200);
    const [link] = loggedLinks(log, u.email);
    expect(link).toMatch(/^http:\/\/corates\.test\/reset-password\?token=[\w-]+$/);
    const token = new URL(link!).searchParams.get('token')!;

    // A refused password leaves the link usable.
    const weak = await reset(token, 'password123');
    expect(weak.status).toBe(400);
    expect(weak.json.error.code).toBe('WEAK_PASSWORD');

    const ok = await reset(token, NEW);
    expect(ok.status).toBe(200);
    expect(await storedHash(u.id)).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect((await signIn(u.email, OLD)).status).toBe(401);
    expect((await signIn(u.email, NEW)).status).toBe(200);
    expect((await me(u.cookie)).status).toBe(401);

    const again = await reset(token, 'yet another phrase 7');
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('RESET_LINK_INVALID');
    expect((await signIn(u.email, NEW)).status).toBe(200);
  });

  it('an expired or made-up token is 410 RESET_LINK_INVALID', async () => {
    const log = vi.spyOn(console, 'warn');
    const u = await signUp();
    await requestReset(u.email);
    const token = new URL(loggedLinks(log, u.email)[0]!).searchParams.get('token')!;
    await env.DB.prepare('UPDATE verification SET expires_at = ? WHERE identifier = ?')
      .bind(Date.now() - 1000, `reset-password:${token}`)
      .run();
    const expired = await reset(token, NEW);
    expect(expired.status).toBe(410);
    expect(expired.json.error.code).toBe('RESET_LINK_INVALID');
    const madeUp = await reset('x'.repeat(24), NEW);
    expect(madeUp.status).toBe(410);
    expect((await signIn(u.email, OLD)).status).toBe(200);
  });

  it('validates the bodies with the shared schemas', async () => {
    const bad = await requestReset('not an address');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
    const noToken = await call('POST', '/api/auth/reset-password', {
      body: { newPassword: NEW },
      ip: ip(),
      headers: SAME_ORIGIN,
    });
    expect(noToken.status).toBe(400);
    expect(noToken.json.error.code).toBe('VALIDATION_FAILED');
  });
});
