import { describe, expect, it } from 'vitest';
import { call, signUp } from './api.ts';

const settingsOp = (clientVersion: string, payload: unknown) => ({
  id: crypto.randomUUID(),
  type: 'settings.update',
  payload,
  clientVersion,
  createdAt: new Date().toISOString(),
});

async function sync(cookie: string, ops: unknown[], version = '0.2.0') {
  return call('POST', '/api/sync/ops', { cookie, version, body: { ops } });
}

describe('legacy op payloads (server-side adapters)', () => {
  it('[B3] translates a 0.1.x settings op queued by an old build and replayed by a new one', async () => {
    const u = await signUp();
    const res = await sync(u.cookie, [settingsOp('0.1.3', { patch: { theme: 'dark' } })]);
    expect(res.json.results[0]).toMatchObject({ status: 'applied', row: { theme: 'dark' } });
    const settings = await call('GET', '/api/me/settings', { cookie: u.cookie });
    expect(settings.json.theme).toBe('dark');
  });

  it('[B3] accepts the current shape from current clients and refuses the old name from them', async () => {
    const u = await signUp();
    const res = await sync(u.cookie, [
      settingsOp('0.2.0', { changes: { showGuidance: false } }),
      settingsOp('0.2.0', { patch: { theme: 'light' } }),
    ]);
    expect(res.json.results[0]).toMatchObject({ status: 'applied', row: { showGuidance: false } });
    expect(res.json.results[1]).toMatchObject({ status: 'rejected', code: 'VALIDATION_FAILED' });
    expect((await call('GET', '/api/me/settings', { cookie: u.cookie })).json.theme).toBe('system');
  });

  it('[B3] refuses a legacy shape from before the migration window with OP_VERSION_RETIRED; the batch goes on', async () => {
    const u = await signUp();
    const res = await sync(u.cookie, [
      settingsOp('0.0.9', { patch: { theme: 'dark' } }),
      settingsOp('0.2.0', { changes: { staleAfterMinutes: 30 } }),
    ]);
    expect(res.status).toBe(200);
    expect(res.json.results[0]).toMatchObject({ status: 'rejected', code: 'OP_VERSION_RETIRED' });
    expect(res.json.results[0].message).toMatch(/0\.0\.9/);
    expect(res.json.results[1].status).toBe('applied');
    const settings = await call('GET', '/api/me/settings', { cookie: u.cookie });
    expect(settings.json).toMatchObject({ theme: 'system', staleAfterMinutes: 30 });
  });
});
