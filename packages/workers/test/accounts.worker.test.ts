import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, createProject, signUp } from './api.ts';

// Defect 7 (weak passwords, per-account throttling, the 429 envelope) and defect 8 (names) of
// issue 14: every path that stores a name or a password validates it with the shared schemas.

const HOSTILE_NAMES = {
  nul: 'Ada\u0000Lovelace',
  'bidi override': 'Ada \u202Egnp.exe',
  'bidi isolate': 'Ada \u2066x\u2069',
  bom: 'Ada\uFEFFLovelace',
  'zero-width space': 'Ad\u200Ba',
  '200,000 characters': 'x'.repeat(200_000),
  empty: '   ',
};

/** better-auth refuses a cookie-carrying POST without the app's Origin (its CSRF check). */
const SAME_ORIGIN = { Origin: 'http://corates.test' };

let n = 0;
const freshEmail = () => `acct${Date.now()}-${++n}@example.org`;
const ip = () => `198.18.${n % 250}.${(n * 7) % 250}`;

function signUpWith(body: Record<string, unknown>) {
  return call('POST', '/api/auth/sign-up/email', { body, ip: ip(), version: null });
}

async function storedUser(email: string) {
  return env.DB.prepare('SELECT name FROM user WHERE email = ?')
    .bind(email)
    .first<{ name: string }>();
}

describe('passwords [defect 7]', () => {
  it.each(['password', '12345678', '        ', 'password123', '1234567890', 'qwertyuiop'])(
    'sign-up refuses %j with 400 and the envelope, storing nothing',
    async (password) => {
      const email = freshEmail();
      const res = await signUpWith({ name: 'Weak', email, password });
      expect(res.status).toBe(400);
      expect(['WEAK_PASSWORD', 'VALIDATION_FAILED']).toContain(res.json.error.code);
      expect(await storedUser(email)).toBeNull();
    },
  );

  it('a common password of ten characters or more is WEAK_PASSWORD', async () => {
    const res = await signUpWith({ name: 'Weak', email: freshEmail(), password: 'iloveyou12' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('WEAK_PASSWORD');
  });

  it('a password that is the email address is WEAK_PASSWORD', async () => {
    const email = freshEmail();
    const res = await signUpWith({ name: 'Weak', email, password: email });
    expect(res.json.error.code).toBe('WEAK_PASSWORD');
  });

  it('changing the password applies the same policy', async () => {
    const u = await signUp();
    const weak = await call('POST', '/api/auth/change-password', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { currentPassword: 'correct horse battery', newPassword: 'password123' },
    });
    expect(weak.status).toBe(400);
    expect(weak.json.error.code).toBe('WEAK_PASSWORD');
    const ok = await call('POST', '/api/auth/change-password', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { currentPassword: 'correct horse battery', newPassword: 'a much longer phrase 42' },
    });
    expect(ok.status).toBe(200);
  });
});

describe('sign-in is throttled per account as well as per IP [defect 7]', () => {
  it('the 11th failed sign-in to one account from rotating IPs gets 429 in the envelope', async () => {
    const u = await signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await call('POST', '/api/auth/sign-in/email', {
        body: { email: u.email, password: `wrong guess ${i}` },
        ip: `203.0.113.${100 + i}`,
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    const eleventh = await call('POST', '/api/auth/sign-in/email', {
      body: { email: u.email.toUpperCase(), password: 'correct horse battery' },
      ip: '203.0.113.200',
    });
    expect(eleventh.status).toBe(429);
    expect(eleventh.json.error.code).toBe('RATE_LIMITED');
    expect(Number(eleventh.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Another account from the same addresses is unaffected.
    const other = await signUp();
    const ok = await call('POST', '/api/auth/sign-in/email', {
      body: { email: other.email, password: 'correct horse battery' },
      ip: '203.0.113.100',
    });
    expect(ok.status).toBe(200);
  });

  it('a successful sign-in clears the account’s failures', async () => {
    const u = await signUp();
    const attempt = (password: string, i: number) =>
      call('POST', '/api/auth/sign-in/email', {
        body: { email: u.email, password },
        ip: `203.0.113.${10 + i}`,
      });
    for (let i = 0; i < 9; i++) expect((await attempt('wrong guess', i)).status).toBe(401);
    expect((await attempt('correct horse battery', 9)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await attempt('wrong guess', 20 + i)).status).toBe(401);
  });

  it('the per-IP limit answers 429 in the envelope too', async () => {
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 31; i++) {
      last = await call('POST', '/api/auth/sign-in/email', {
        body: { email: `nobody${i}@example.org`, password: 'whatever12' },
        ip: '192.0.2.77',
      });
    }
    expect(last!.status).toBe(429);
    expect(last!.json.error.code).toBe('RATE_LIMITED');
    expect(Number(last!.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});

describe('names [defect 8]', () => {
  it.each(Object.entries(HOSTILE_NAMES))('sign-up refuses a name with %s', async (_, name) => {
    const email = freshEmail();
    const res = await signUpWith({ name, email, password: 'correct horse battery' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect(await storedUser(email)).toBeNull();
  });

  it('sign-up refuses markup in a name and trims the rest', async () => {
    const bad = await signUpWith({
      name: '<script>alert(1)</script>',
      email: freshEmail(),
      password: 'correct horse battery',
    });
    expect(bad.status).toBe(400);
    const email = freshEmail();
    const ok = await signUpWith({ name: '  Ada  ', email, password: 'correct horse battery' });
    expect(ok.status).toBe(200);
    expect((await storedUser(email))?.name).toBe('Ada');
  });

  it.each(Object.entries(HOSTILE_NAMES))('update-user refuses a name with %s', async (_, name) => {
    const u = await signUp('Before');
    const res = await call('POST', '/api/auth/update-user', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { name },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect((await storedUser(u.email))?.name).toBe('Before');
  });

  it('update-user still renames to a valid name', async () => {
    const u = await signUp('Before');
    const res = await call('POST', '/api/auth/update-user', {
      cookie: u.cookie,
      headers: SAME_ORIGIN,
      body: { name: 'After' },
    });
    expect(res.status).toBe(200);
    expect((await storedUser(u.email))?.name).toBe('After');
  });

  const PROJECT_TEXTS = {
    nul: 'Trial\u0000B',
    'bidi override': 'Trial \u202EB',
    bom: 'Trial\uFEFFB',
    'zero-width joiner': 'Tri\u200Dal',
  };

  it.each(Object.entries(PROJECT_TEXTS))(
    'project create, rename and re-describe refuse %s, over REST and as ops',
    async (_, text) => {
      const u = await signUp();
      const create = await call('POST', '/api/projects', {
        cookie: u.cookie,
        body: { name: text },
      });
      expect(create.status).toBe(400);
      expect(create.json.error.code).toBe('VALIDATION_FAILED');
      const createDesc = await call('POST', '/api/projects', {
        cookie: u.cookie,
        body: { name: 'ok', description: text },
      });
      expect(createDesc.status).toBe(400);

      const p = await createProject(u.cookie, 'Clean');
      for (const body of [{ name: text }, { description: text }]) {
        const patch = await call('PATCH', `/api/projects/${p.id}`, { cookie: u.cookie, body });
        expect(patch.status).toBe(400);
        expect(patch.json.error.code).toBe('VALIDATION_FAILED');
      }
      const op = (type: string, payload: unknown) => ({
        id: crypto.randomUUID(),
        type,
        payload,
        clientVersion: '0.1.0',
        createdAt: new Date().toISOString(),
      });
      const ops = await call('POST', '/api/sync/ops', {
        cookie: u.cookie,
        body: {
          ops: [
            op('project.create', { id: crypto.randomUUID(), name: text, description: '' }),
            op('project.update', { id: p.id, name: text }),
            op('project.update', { id: p.id, description: text }),
          ],
        },
      });
      expect(ops.status).toBe(200);
      expect(ops.json.results.map((r: { status: string; code: string }) => r.code)).toEqual([
        'VALIDATION_FAILED',
        'VALIDATION_FAILED',
        'VALIDATION_FAILED',
      ]);
      const row = await env.DB.prepare('SELECT name, description FROM projects WHERE id = ?')
        .bind(p.id)
        .first();
      expect(row).toEqual({ name: 'Clean', description: '' });
    },
  );
});
