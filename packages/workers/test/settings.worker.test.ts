import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_SETTINGS } from '@corates/shared';
import { call, signUp } from './api.ts';

describe('user settings', () => {
  it('starts at the defaults', async () => {
    const u = await signUp();
    const res = await call('GET', '/api/me/settings', { cookie: u.cookie });
    expect(res.json).toEqual(DEFAULT_USER_SETTINGS);
  });

  it('merges field by field, also for concurrent changes of different fields', async () => {
    const u = await signUp();
    await Promise.all([
      call('PATCH', '/api/me/settings', { cookie: u.cookie, body: { theme: 'dark' } }),
      call('PATCH', '/api/me/settings', { cookie: u.cookie, body: { staleAfterMinutes: 60 } }),
      call('PATCH', '/api/me/settings', { cookie: u.cookie, body: { showGuidance: false } }),
    ]);
    const res = await call('GET', '/api/me/settings', { cookie: u.cookie });
    expect(res.json).toEqual({ theme: 'dark', staleAfterMinutes: 60, showGuidance: false });
  });

  it.each([
    [{}],
    [{ theme: 'neon' }],
    [{ staleAfterMinutes: 0 }],
    [{ fontSize: 12 }],
    [{ showGuidance: 'yes' }],
  ])('rejects %j with 400 and changes nothing', async (body) => {
    const u = await signUp();
    const res = await call('PATCH', '/api/me/settings', { cookie: u.cookie, body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    expect((await call('GET', '/api/me/settings', { cookie: u.cookie })).json).toEqual(
      DEFAULT_USER_SETTINGS,
    );
  });
});
