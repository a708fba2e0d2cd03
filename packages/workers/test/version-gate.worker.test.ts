import { env } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocCloseReason } from '@corates/shared';
import { call, createProject, signUp } from './api.ts';
import { DocSocket, until } from './doc-socket.ts';

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

describe('a build before document model v2 on a document socket ([R11], FIRST_DOC_V2_CLIENT)', () => {
  // No app_config row: minSupportedClient is the wrangler var, 0.1.0 — the v1 builds are not
  // retired yet.
  it('is closed with CLIENT_TOO_OLD before any sync, while its other calls still go through', async () => {
    const owner = await signUp();
    const project = await createProject(owner.cookie);
    const v1 = await DocSocket.open(project.id, owner.cookie, { query: 'clientVersion=0.2.0' });
    if (v1 instanceof Response) throw new Error(`refused: ${v1.status}`);
    await until(() => v1.closed !== undefined, 'the refusal');
    expect(v1.closed).toEqual({ code: 4426, reason: DocCloseReason.CLIENT_TOO_OLD });
    expect(v1.received).toBe(0);
    // Its queued metadata ops still replay (through the op adapters), and its app upgrades.
    const api = await call('GET', '/api/projects', { cookie: owner.cookie, version: '0.2.0' });
    expect(api.status).toBe(200);

    const v2 = await DocSocket.open(project.id, owner.cookie, { query: 'clientVersion=0.3.0' });
    if (v2 instanceof Response) throw new Error(`refused: ${v2.status}`);
    await until(() => v2.synced, 'a v2 build to sync');
    v2.close();
  });
});
