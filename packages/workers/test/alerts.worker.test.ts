import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import worker from '../src/index.ts';
import { createDatabase } from '../src/db/client.ts';
import { runAlertCheck } from '../src/alerts/check.ts';
import { configSql, parseConfigCommand } from '../scripts/lib/config-command.ts';
import { call, grantAdmin, signUp } from './api.ts';

const MINUTE = 60_000;

/** A telemetry row as `POST /api/telemetry/reports` stores it. */
async function report(r: {
  clientId: string;
  at: number;
  queuedOps?: number;
  attempts?: number;
  failures?: number;
  replayMs?: number;
  version?: string;
}) {
  await env.DB.prepare(
    `INSERT INTO telemetry_reports (id, client_id, client_version, reported_at, queued_ops, sync_attempts, sync_failures, replay_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(
      crypto.randomUUID(),
      r.clientId,
      r.version ?? '1.2.0',
      r.at,
      r.queuedOps ?? 0,
      r.attempts ?? 0,
      r.failures ?? 0,
      r.replayMs ?? null,
    )
    .run();
}

async function census(day: string, version: string, requests: number) {
  await env.DB.prepare('INSERT INTO client_version_daily (day, version, requests) VALUES (?, ?, ?)')
    .bind(day, version, requests)
    .run();
}

/** Runs exactly the SQL `pnpm maintainer thresholds --clear … --set METRIC=MAX[:MINORS] …` runs. */
async function setThresholds(sets: string[]) {
  const clear = [
    'backlogOps',
    'backlogAgeMinutes',
    'outdatedShare',
    'nearMinShare',
    'syncFailureRate',
    'replayP95Ms',
  ]
    .filter((m) => !sets.some((s) => s.startsWith(`${m}=`)))
    .flatMap((m) => ['--clear', m]);
  const sql = configSql(
    parseConfigCommand(['thresholds', ...clear, ...sets.flatMap((s) => ['--set', s])]),
  );
  await env.DB.exec(sql.replaceAll('\n', ' '));
}

async function runScheduled(at: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ scheduledTime: at, cron: '*/5 * * * *' }),
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

async function alertRows() {
  const { results } = await env.DB.prepare(
    'SELECT metric, figure, last_figure AS lastFigure, opened_at AS openedAt, last_seen_at AS lastSeenAt, resolved_at AS resolvedAt, detail FROM alerts ORDER BY metric',
  ).all<{
    metric: string;
    figure: number;
    lastFigure: number;
    openedAt: number;
    lastSeenAt: number;
    resolvedAt: number | null;
    detail: string | null;
  }>();
  return results;
}

describe('the scheduled alert check', () => {
  it('opens alerts from real telemetry rows, de-duplicates repeats, resolves on recovery and mails admins', async () => {
    await env.DB.prepare('DELETE FROM alerts').run();
    const admin = await signUp('Ops');
    await grantAdmin(admin.email);
    const mail = vi.spyOn(console, 'warn').mockImplementation(() => {});

    // Telemetry of a day far from the other tests' rows, so the window holds only these.
    const t0 = Date.parse('2031-03-10T12:00:00Z');
    const stuck = crypto.randomUUID();
    const fine = crypto.randomUUID();
    await report({ clientId: stuck, at: t0 - 180 * MINUTE, queuedOps: 0 });
    await report({
      clientId: stuck,
      at: t0 - 120 * MINUTE,
      queuedOps: 10,
      attempts: 50,
      failures: 25,
    });
    await report({
      clientId: stuck,
      at: t0 - 10 * MINUTE,
      queuedOps: 500,
      attempts: 50,
      failures: 5,
    });
    await report({ clientId: fine, at: t0 - 30 * MINUTE, queuedOps: 3, replayMs: 800 });
    await census('2031-03-10', '1.3.0', 70);
    await census('2031-03-10', '1.2.0', 30);
    await setThresholds([
      'backlogOps=100',
      'backlogAgeMinutes=60',
      'syncFailureRate=0.1',
      'outdatedShare=0.5',
    ]);

    await runScheduled(t0);
    const opened = await alertRows();
    expect(opened.map((a) => [a.metric, a.figure, a.resolvedAt])).toEqual([
      ['backlogAgeMinutes', 120, null],
      ['backlogOps', 500, null],
      ['syncFailureRate', 0.3, null],
    ]);
    expect(opened.find((a) => a.metric === 'backlogOps')!.detail).toContain(stuck);
    const mailed = mail.mock.calls.map((c) => String(c[0])).filter((l) => l.includes(admin.email));
    expect(mailed).toHaveLength(1);
    expect(mailed[0]).toContain('3 new alerts');

    // Five minutes later, still stuck and worse: the same three alerts, updated, nothing sent.
    await report({ clientId: stuck, at: t0 + 4 * MINUTE, queuedOps: 650 });
    mail.mockClear();
    await runScheduled(t0 + 5 * MINUTE);
    const repeated = await alertRows();
    expect(repeated).toHaveLength(3);
    expect(repeated.find((a) => a.metric === 'backlogOps')).toMatchObject({
      figure: 500,
      lastFigure: 650,
      lastSeenAt: t0 + 5 * MINUTE,
      resolvedAt: null,
    });
    expect(mail.mock.calls.filter((c) => String(c[0]).includes(admin.email))).toHaveLength(0);

    // The client drains and syncs cleanly: every alert resolves, once.
    await report({ clientId: stuck, at: t0 + 8 * MINUTE, queuedOps: 0, attempts: 300 });
    await runScheduled(t0 + 10 * MINUTE);
    const resolved = await alertRows();
    expect(resolved.map((a) => [a.metric, a.resolvedAt])).toEqual([
      ['backlogAgeMinutes', t0 + 10 * MINUTE],
      ['backlogOps', t0 + 10 * MINUTE],
      ['syncFailureRate', t0 + 10 * MINUTE],
    ]);
    const resolvedMail = mail.mock.calls
      .map((c) => String(c[0]))
      .filter((l) => l.includes(admin.email));
    expect(resolvedMail).toHaveLength(1);
    expect(resolvedMail[0]).toContain('resolved');

    // A quiet check changes nothing.
    await runScheduled(t0 + 15 * MINUTE);
    expect(await alertRows()).toEqual(resolved);
    mail.mockRestore();
  });

  it('posts what changed to the webhook', async () => {
    await env.DB.prepare('DELETE FROM alerts').run();
    const t0 = Date.parse('2032-05-01T08:00:00Z');
    await census('2032-05-01', '2.0.0', 1);
    await census('2032-05-01', '1.9.0', 3);
    await setThresholds(['nearMinShare=0.5:1']);
    await env.DB.prepare(
      "INSERT INTO app_config (key, value) VALUES ('minSupportedClient', '1.9.0') ON CONFLICT(key) DO UPDATE SET value = excluded.value",
    ).run();
    const posted: { url: string; body: any }[] = [];
    const fetcher = (async (url: string, init: RequestInit) => {
      posted.push({ url, body: JSON.parse(String(init.body)) });
      return new Response(null, { status: 204 });
    }) as unknown as typeof fetch;
    try {
      const changes = await runAlertCheck(
        createDatabase(env.DB),
        { ...env, ALERT_WEBHOOK_URL: 'https://hooks.example.org/corates' } as Env,
        new Date(t0),
        fetcher,
      );
      expect(changes.opened.map((a) => [a.metric, a.figure])).toEqual([['nearMinShare', 0.75]]);
      expect(posted).toHaveLength(1);
      expect(posted[0]!.url).toBe('https://hooks.example.org/corates');
      expect(posted[0]!.body.opened[0].metric).toBe('nearMinShare');
      expect(posted[0]!.body.text).toContain('75.0%');
    } finally {
      await env.DB.prepare("DELETE FROM app_config WHERE key = 'minSupportedClient'").run();
    }
  });
});

describe('admin alert API', () => {
  it('admins set thresholds, run a check and read open alerts; members are refused', async () => {
    await env.DB.prepare('DELETE FROM alerts').run();
    const admin = await signUp('Ops');
    await grantAdmin(admin.email);
    const member = await signUp('Member');

    const refused = await call('GET', '/api/admin/alerts', { cookie: member.cookie });
    expect(refused.status).toBe(403);

    const bad = await call('PUT', '/api/admin/alerts/thresholds', {
      cookie: admin.cookie,
      body: { thresholds: [{ metric: 'syncFailureRate', max: 5 }] },
    });
    expect(bad.status).toBe(400);

    const put = await call('PUT', '/api/admin/alerts/thresholds', {
      cookie: admin.cookie,
      body: { thresholds: [{ metric: 'backlogOps', max: 40 }] },
    });
    expect(put.status).toBe(200);
    expect(put.json.thresholds).toEqual([{ metric: 'backlogOps', max: 40 }]);

    await report({ clientId: crypto.randomUUID(), at: Date.now() - MINUTE, queuedOps: 41 });
    const checked = await call('POST', '/api/admin/alerts/check', { cookie: admin.cookie });
    expect(checked.status).toBe(200);
    expect(checked.json.figures.backlogOps).toBeGreaterThanOrEqual(41);
    expect(checked.json.open.map((a: any) => a.metric)).toEqual(['backlogOps']);

    // Unwatched: the next check resolves it and it moves to the past list.
    await call('PUT', '/api/admin/alerts/thresholds', {
      cookie: admin.cookie,
      body: { thresholds: [] },
    });
    const after = await call('POST', '/api/admin/alerts/check', { cookie: admin.cookie });
    expect(after.json.open).toEqual([]);
    expect(after.json.past[0].metric).toBe('backlogOps');
    expect(after.json.past[0].resolvedAt).not.toBeNull();
  });
});
