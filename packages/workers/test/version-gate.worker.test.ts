import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, signUp } from './api.ts';

describe('X-Client-Version gate', () => {
  beforeEach(async () => {
    await env.DB.prepare(
      "INSERT OR REPLACE INTO app_config (key, value) VALUES ('minSupportedClient', '1.2.0')",
    ).run();
  });
  afterEach(async () => {
    await env.DB.prepare('DELETE FROM app_config').run();
  });

  it.each(['1.1.9', '1.2.0-rc.1', '0.9.0'])(
    'answers 426 CLIENT_TOO_OLD for %s on data routes',
    async (version) => {
      const u = await signUp();
      const res = await call('GET', '/api/projects', { cookie: u.cookie, version });
      expect(res.status).toBe(426);
      expect(res.json.error).toMatchObject({
        code: 'CLIENT_TOO_OLD',
        details: { clientVersion: version, minSupportedClient: '1.2.0' },
      });
    },
  );

  it.each(['1.2.0', '1.10.0', '2.0.0'])('lets %s through', async (version) => {
    const u = await signUp();
    const res = await call('GET', '/api/projects', { cookie: u.cookie, version });
    expect(res.status).toBe(200);
  });

  it('gates before authentication, so even anonymous old clients learn to upgrade', async () => {
    const res = await call('GET', '/api/projects', { version: '0.0.1' });
    expect(res.status).toBe(426);
  });

  it('never gates /api/metadata', async () => {
    const res = await call('GET', '/api/metadata', { version: '0.0.1' });
    expect(res.status).toBe(200);
  });

  it('rejects a malformed version with 400 CLIENT_VERSION_INVALID', async () => {
    const res = await call('GET', '/api/projects', { version: 'latest' });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('CLIENT_VERSION_INVALID');
  });

  it('lets requests without the header through (scripts, curl)', async () => {
    const u = await signUp();
    const res = await call('GET', '/api/projects', { cookie: u.cookie, version: null });
    expect(res.status).toBe(200);
  });
});
