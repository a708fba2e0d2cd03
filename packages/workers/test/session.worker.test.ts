import { describe, expect, it } from 'vitest';
import { call, signUp } from './api.ts';

// Issue 20: every signed-out page load logged a failed request (401 from GET /api/me). The app
// asks GET /api/session, for which being signed out is an answer.
describe('GET /api/session', () => {
  it('answers 200 with null when nobody is signed in', async () => {
    const res = await call('GET', '/api/session');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ session: null });
  });

  it('answers the session as GET /api/me does when signed in', async () => {
    const u = await signUp('Session Reader');
    const res = await call('GET', '/api/session', { cookie: u.cookie });
    expect(res.status).toBe(200);
    const me = await call('GET', '/api/me', { cookie: u.cookie });
    expect(res.json).toEqual({ session: me.json });
    expect(res.json.session.user).toEqual({ id: u.id, email: u.email, name: 'Session Reader' });
    expect(res.json.session.platformRole).toBe('member');
  });

  it('a cookie that is no session is signed out, not an error', async () => {
    const res = await call('GET', '/api/session', { cookie: 'better-auth.session_token=forged' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ session: null });
  });
});
