import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, signUp } from './api.ts';

describe('better-auth at /api/auth', () => {
  it('signs up, reads the session, signs out', async () => {
    const u = await signUp('Ada');
    const me = await call('GET', '/api/me', { cookie: u.cookie });
    expect(me.status).toBe(200);
    expect(me.json.user).toEqual({ id: u.id, email: u.email, name: 'Ada' });

    const out = await SELF.fetch('http://corates.test/api/auth/sign-out', {
      method: 'POST',
      headers: {
        Cookie: u.cookie,
        'Content-Type': 'application/json',
        Origin: 'http://corates.test',
      },
      body: '{}',
    });
    expect(out.status).toBe(200);
    const after = await call('GET', '/api/me', { cookie: u.cookie });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('UNAUTHENTICATED');
  });

  it('signs in with the password and refuses a wrong one', async () => {
    const u = await signUp();
    const ok = await call('POST', '/api/auth/sign-in/email', {
      body: { email: u.email, password: 'correct horse battery' },
      ip: '192.0.2.10',
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie().some((c) => c.includes('session_token'))).toBe(true);
    const bad = await call('POST', '/api/auth/sign-in/email', {
      body: { email: u.email, password: 'wrong password!' },
      ip: '192.0.2.10',
    });
    expect(bad.status).toBe(401);
  });

  it('stores a PBKDF2 hash, never the password', async () => {
    const u = await signUp();
    const { env } = await import('cloudflare:test');
    const row = await env.DB.prepare('SELECT password FROM account WHERE user_id = ?')
      .bind(u.id)
      .first<{ password: string }>();
    expect(row?.password).toMatch(/^pbkdf2-sha256\$100000\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
  });

  it('rate-limits sign-in attempts per IP (429 past the limit, other IPs unaffected)', async () => {
    const ip = '192.0.2.99';
    const statuses: number[] = [];
    // A different account each time: one account alone would hit the per-account limit first.
    for (let i = 0; i < 32; i++) {
      const r = await call('POST', '/api/auth/sign-in/email', {
        body: { email: `nobody${i}@example.org`, password: 'whatever1' },
        ip,
      });
      statuses.push(r.status);
    }
    // AUTH_RATE_LIMIT_MAX is 30 a minute in wrangler.jsonc.
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    const other = await call('POST', '/api/auth/sign-in/email', {
      body: { email: 'nobody-else@example.org', password: 'whatever1' },
      ip: '192.0.2.100',
    });
    expect(other.status).toBe(401);
  });

  it('is exempt from the client version gate so an old client can still sign in', async () => {
    const { env } = await import('cloudflare:test');
    await env.DB.prepare(
      "INSERT OR REPLACE INTO app_config (key, value) VALUES ('minSupportedClient', '9.0.0')",
    ).run();
    try {
      const u = await signUp();
      const r = await call('POST', '/api/auth/sign-in/email', {
        body: { email: u.email, password: 'correct horse battery' },
        version: '0.0.1',
        ip: '192.0.2.11',
      });
      expect(r.status).toBe(200);
    } finally {
      await env.DB.prepare('DELETE FROM app_config').run();
    }
  });
});
