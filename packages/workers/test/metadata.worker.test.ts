import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DOC_SCHEMA_VERSION, PROTOCOL_VERSION, metadataSchema } from '@corates/shared';
import { configSql, parseConfigCommand } from '../scripts/lib/config-command.ts';
import { call, signUp } from './api.ts';

describe('GET /api/metadata', () => {
  it('answers the contract shape with no-store and no auth', async () => {
    const res = await call('GET', '/api/metadata', { version: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(metadataSchema.parse(res.json)).toEqual({
      apiVersion: env.API_VERSION,
      minSupportedClient: env.MIN_SUPPORTED_CLIENT,
      cacheVersion: env.CACHE_VERSION,
      features: expect.arrayContaining(['projects']),
      protocolVersion: PROTOCOL_VERSION,
      docSchemaVersion: DOC_SCHEMA_VERSION,
    });
  });

  it('reads minSupportedClient and cacheVersion from the D1 config table over the vars', async () => {
    await env.DB.batch([
      env.DB.prepare(
        "INSERT OR REPLACE INTO app_config (key, value) VALUES ('minSupportedClient', '2.0.0')",
      ),
      env.DB.prepare(
        "INSERT OR REPLACE INTO app_config (key, value) VALUES ('cacheVersion', 'c42')",
      ),
    ]);
    try {
      const res = await call('GET', '/api/metadata', { version: '0.0.1' });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ minSupportedClient: '2.0.0', cacheVersion: 'c42' });
    } finally {
      await env.DB.prepare('DELETE FROM app_config').run();
    }
  });

  it('ignores a malformed minSupportedClient row instead of locking every client out', async () => {
    await env.DB.prepare(
      "INSERT OR REPLACE INTO app_config (key, value) VALUES ('minSupportedClient', 'banana')",
    ).run();
    try {
      const res = await call('GET', '/api/metadata');
      expect(res.json.minSupportedClient).toBe(env.MIN_SUPPORTED_CLIENT);
    } finally {
      await env.DB.prepare('DELETE FROM app_config').run();
    }
  });

  it("the maintainer command's SQL takes effect at once: metadata and the 426 gate follow it", async () => {
    const u = await signUp();
    const set = (...argv: string[]) =>
      env.DB.exec(configSql(parseConfigCommand(['set', ...argv])).replaceAll('\n', ' '));
    try {
      await set('--min-client', '0.3.0', '--cache-version', 'm-7');
      const meta = await call('GET', '/api/metadata', { version: '0.2.0' });
      expect(meta.json).toMatchObject({ minSupportedClient: '0.3.0', cacheVersion: 'm-7' });
      const refused = await call('GET', '/api/projects', { cookie: u.cookie, version: '0.2.0' });
      expect(refused.status).toBe(426);
      expect(refused.json.error).toMatchObject({
        code: 'CLIENT_TOO_OLD',
        details: { minSupportedClient: '0.3.0' },
      });
      expect(
        (await call('GET', '/api/projects', { cookie: u.cookie, version: '0.3.0' })).status,
      ).toBe(200);
      // Running it again changes nothing (an upsert), and lowering it lets the old client back.
      await set('--min-client', '0.3.0');
      await set('--min-client', '0.2.0');
      expect(
        (await call('GET', '/api/projects', { cookie: u.cookie, version: '0.2.0' })).status,
      ).toBe(200);
    } finally {
      await env.DB.prepare('DELETE FROM app_config').run();
    }
  });
});
