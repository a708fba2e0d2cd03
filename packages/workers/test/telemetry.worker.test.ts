import { SELF } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { call, grantAdmin, signUp } from './api.ts';

const report = (over: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  clientId: crypto.randomUUID(),
  clientVersion: '0.1.0',
  at: new Date().toISOString(),
  queuedOps: 0,
  syncAttempts: 0,
  syncFailures: 0,
  ...over,
});

describe('telemetry', () => {
  it('stores reports once each: a resent batch is all duplicates', async () => {
    const u = await signUp();
    const batch = { reports: [report({ queuedOps: 3 }), report({ syncAttempts: 2 })] };
    const first = await call('POST', '/api/telemetry/reports', { cookie: u.cookie, body: batch });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ accepted: 2, duplicates: 0 });
    const again = await call('POST', '/api/telemetry/reports', { cookie: u.cookie, body: batch });
    expect(again.json).toEqual({ accepted: 0, duplicates: 2 });
  });

  it('validates reports: 400 with the issues, nothing stored', async () => {
    const u = await signUp();
    const good = report();
    const res = await call('POST', '/api/telemetry/reports', {
      cookie: u.cookie,
      body: { reports: [good, report({ syncAttempts: 1, syncFailures: 2 })] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('VALIDATION_FAILED');
    const retry = await call('POST', '/api/telemetry/reports', {
      cookie: u.cookie,
      body: { reports: [good] },
    });
    expect(retry.json.accepted).toBe(1);

    for (const reports of [[], [report({ clientVersion: 'old' })], [{ ...report(), extra: 1 }]]) {
      const bad = await call('POST', '/api/telemetry/reports', {
        cookie: u.cookie,
        body: { reports },
      });
      expect(bad.status).toBe(400);
    }
    const anonymous = await call('POST', '/api/telemetry/reports', {
      body: { reports: [report()] },
    });
    expect(anonymous.status).toBe(401);
  });

  it('the overview is for platform admins only; sign-up cannot claim the role', async () => {
    const member = await signUp();
    expect((await call('GET', '/api/me', { cookie: member.cookie })).json.platformRole).toBe(
      'member',
    );
    const denied = await call('GET', '/api/admin/telemetry', { cookie: member.cookie });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('FORBIDDEN');
    expect((await call('GET', '/api/admin/telemetry')).status).toBe(401);

    const sneaky = await SELF.fetch('http://corates.test/api/auth/sign-up/email', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '192.0.2.44' },
      body: JSON.stringify({
        name: 'Sneaky',
        email: `sneaky-${crypto.randomUUID()}@example.org`,
        password: 'correct horse battery',
        platformRole: 'admin',
      }),
    });
    if (sneaky.status === 200) {
      const cookie = sneaky.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      expect((await call('GET', '/api/me', { cookie })).json.platformRole).toBe('member');
    } else {
      expect(sneaky.status).toBe(400);
    }

    await grantAdmin(member.email);
    const me = await call('GET', '/api/me', { cookie: member.cookie });
    expect(me.json.platformRole).toBe('admin');
    expect((await call('GET', '/api/admin/telemetry', { cookie: member.cookie })).status).toBe(200);
  });

  it('aggregates versions, backlog, failure rate and replay time', async () => {
    const admin = await signUp();
    await grantAdmin(admin.email);
    const reporter = await signUp();
    // Requests from an old version (refused or not) are counted per version.
    await call('GET', '/api/me', { cookie: reporter.cookie, version: '0.0.7' });
    await call('GET', '/api/me', { cookie: reporter.cookie, version: '0.0.7' });
    const busy = crypto.randomUUID();
    const idle = crypto.randomUUID();
    const earlier = new Date(Date.now() - 3_600_000).toISOString();
    await call('POST', '/api/telemetry/reports', {
      cookie: reporter.cookie,
      body: {
        reports: [
          report({ clientId: busy, at: earlier, queuedOps: 40, syncAttempts: 4, syncFailures: 1 }),
          report({
            clientId: busy,
            queuedOps: 25,
            syncAttempts: 6,
            syncFailures: 3,
            replayMs: 1200,
          }),
          report({ clientId: idle, clientVersion: '0.0.7', syncAttempts: 10, replayMs: 300 }),
        ],
      },
    });

    // The version census is written after each response (waitUntil): poll until it lands.
    const t = await vi.waitFor(
      async () => {
        const res = await call('GET', '/api/admin/telemetry?days=1', { cookie: admin.cookie });
        expect(res.status).toBe(200);
        const old = res.json.versions.find((v: { version: string }) => v.version === '0.0.7');
        expect(old.requests).toBeGreaterThanOrEqual(2);
        expect(old.clients).toBeGreaterThanOrEqual(1);
        return res.json;
      },
      { timeout: 5_000, interval: 100 },
    );
    // The busy client's latest report wins; the idle client has no backlog and is not listed.
    const busyRow = t.backlog.find((b: { clientId: string }) => b.clientId === busy);
    expect(busyRow).toMatchObject({ queuedOps: 25, userEmail: reporter.email });
    expect(t.backlog.some((b: { clientId: string }) => b.clientId === idle)).toBe(false);
    expect(t.sync.attempts).toBeGreaterThanOrEqual(20);
    expect(t.sync.failures).toBeGreaterThanOrEqual(4);
    expect(t.sync.failureRate).toBeCloseTo(t.sync.failures / t.sync.attempts);
    expect(t.replay.count).toBeGreaterThanOrEqual(2);
    expect(t.replay.maxMs).toBeGreaterThanOrEqual(1200);

    const bad = await call('GET', '/api/admin/telemetry?days=400', { cookie: admin.cookie });
    expect(bad.status).toBe(400);
  });

  it('an anonymous caller cannot plant arbitrary version strings in the census', async () => {
    const admin = await signUp();
    await grantAdmin(admin.email);
    const junk = `0.0.0-${'x'.repeat(4000)}`;
    await call('GET', '/api/metadata', { version: junk });
    // Many distinct plausible versions in one day: past the cap they share one row.
    for (let i = 0; i < 60; i++) await call('GET', '/api/metadata', { version: `7.${i}.0` });
    const t = await vi.waitFor(
      async () => {
        const res = await call('GET', '/api/admin/telemetry?days=1', { cookie: admin.cookie });
        expect(res.status).toBe(200);
        const other = res.json.versions.find((v: { version: string }) => v.version === 'other');
        expect(other?.requests).toBeGreaterThanOrEqual(2);
        return res.json as { versions: { version: string }[] };
      },
      { timeout: 5_000, interval: 100 },
    );
    const versions = t.versions.map((v) => v.version);
    expect(versions.every((v) => v.length <= 32)).toBe(true);
    expect(versions.length).toBeLessThanOrEqual(50);
    expect(versions.at(-1)).toBe('other');
  });
});
