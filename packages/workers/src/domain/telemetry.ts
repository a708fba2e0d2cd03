import { and, desc, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { AdminTelemetry, TelemetryReport } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { clientVersionDaily, telemetryReports, user } from '../db/schema.ts';
import { censusVersion, MAX_VERSIONS_PER_DAY, OTHER_VERSIONS } from './version-census.ts';
import { failureRate, mergeVersionCounts, summarizeReplay, utcDay } from './telemetry-summary.ts';

const BACKLOG_ROWS = 50;
/** Replay durations read for the percentiles; more than enough for a stable p95. */
const REPLAY_SAMPLE = 10_000;

/**
 * Counts one request from a client version today: one statement, no read. A version not yet seen
 * today is counted under OTHER_VERSIONS once the day already holds MAX_VERSIONS_PER_DAY rows, so
 * anonymous callers cannot grow the table (or the admin page) without bound.
 */
export async function recordClientVersion(db: Database, header: string, at = new Date()) {
  const version = censusVersion(header);
  if (version === undefined) return;
  const day = utcDay(at);
  await db.run(sql`
    INSERT INTO client_version_daily (day, version, requests)
    SELECT ${day},
      CASE
        WHEN EXISTS (SELECT 1 FROM client_version_daily WHERE day = ${day} AND version = ${version})
          OR (SELECT count(*) FROM client_version_daily WHERE day = ${day}) < ${MAX_VERSIONS_PER_DAY}
        THEN ${version}
        ELSE ${OTHER_VERSIONS}
      END,
      1
    WHERE true
    ON CONFLICT (day, version) DO UPDATE SET requests = requests + 1`);
}

/** Stores reports once each; a resent report (same id) is counted as a duplicate. */
export async function ingestReports(
  db: Database,
  userId: string,
  reports: readonly TelemetryReport[],
): Promise<{ accepted: number; duplicates: number }> {
  const inserted = await db
    .insert(telemetryReports)
    .values(
      reports.map((r) => ({
        id: r.id,
        userId,
        clientId: r.clientId,
        clientVersion: r.clientVersion,
        reportedAt: new Date(r.at),
        queuedOps: r.queuedOps,
        syncAttempts: r.syncAttempts,
        syncFailures: r.syncFailures,
        replayMs: r.replayMs ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: telemetryReports.id });
  return { accepted: inserted.length, duplicates: reports.length - inserted.length };
}

/** The admin overview of the last `days` days. */
export async function telemetryOverview(
  db: Database,
  days: number,
  now = new Date(),
): Promise<AdminTelemetry> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const inWindow = gte(telemetryReports.reportedAt, since);

  const [requests, clients, latest, byDay, replays] = await db.batch([
    db
      .select({
        version: clientVersionDaily.version,
        requests: sql<number>`sum(${clientVersionDaily.requests})`,
      })
      .from(clientVersionDaily)
      .where(gte(clientVersionDaily.day, utcDay(since)))
      .groupBy(clientVersionDaily.version),
    db
      .select({
        version: telemetryReports.clientVersion,
        clients: sql<number>`count(distinct ${telemetryReports.clientId})`,
      })
      .from(telemetryReports)
      .where(inWindow)
      .groupBy(telemetryReports.clientVersion),
    // Each client's latest report in the window (SQLite picks the row holding max()).
    db
      .select({
        clientId: telemetryReports.clientId,
        clientVersion: telemetryReports.clientVersion,
        userEmail: user.email,
        queuedOps: telemetryReports.queuedOps,
        reportedAt: sql<number>`max(${telemetryReports.reportedAt})`,
      })
      .from(telemetryReports)
      .leftJoin(user, eq(user.id, telemetryReports.userId))
      .where(inWindow)
      .groupBy(telemetryReports.clientId),
    db
      .select({
        day: sql<string>`strftime('%Y-%m-%d', ${telemetryReports.reportedAt} / 1000, 'unixepoch')`,
        attempts: sql<number>`sum(${telemetryReports.syncAttempts})`,
        failures: sql<number>`sum(${telemetryReports.syncFailures})`,
      })
      .from(telemetryReports)
      .where(inWindow)
      .groupBy(sql`1`)
      .orderBy(sql`1`),
    db
      .select({ ms: telemetryReports.replayMs })
      .from(telemetryReports)
      .where(and(inWindow, isNotNull(telemetryReports.replayMs)))
      .orderBy(desc(telemetryReports.reportedAt))
      .limit(REPLAY_SAMPLE),
  ]);

  const attempts = byDay.reduce((n, d) => n + d.attempts, 0);
  const failures = byDay.reduce((n, d) => n + d.failures, 0);
  return {
    since: since.toISOString(),
    days,
    versions: mergeVersionCounts(requests, clients),
    backlog: latest
      .filter((c) => c.queuedOps > 0)
      .sort((a, b) => b.queuedOps - a.queuedOps)
      .slice(0, BACKLOG_ROWS)
      .map((c) => ({ ...c, reportedAt: new Date(c.reportedAt).toISOString() })),
    sync: { attempts, failures, failureRate: failureRate(attempts, failures), byDay },
    replay: summarizeReplay(replays.map((r) => r.ms!)),
  };
}
