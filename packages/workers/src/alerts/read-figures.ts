import { sql } from 'drizzle-orm';
import { ALERT_WINDOW_DAYS } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { telemetryOverview } from '../domain/telemetry.ts';
import type { Figures } from './evaluate.ts';
import { versionShares } from './version-shares.ts';

/**
 * Every alert figure from the telemetry tables, over the last ALERT_WINDOW_DAYS. It reads the same
 * overview the Operations page charts, so an alert and the chart beside it never disagree.
 */
export async function readFigures(
  db: Database,
  minSupportedClient: string,
  nearMinMinors: number,
  now = new Date(),
): Promise<Figures> {
  const [overview, waiting] = await Promise.all([
    telemetryOverview(db, ALERT_WINDOW_DAYS, now),
    longestBacklog(db, new Date(now.getTime() - ALERT_WINDOW_DAYS * 86_400_000)),
  ]);
  const shares = versionShares(overview.versions, minSupportedClient, nearMinMinors);
  const largest = overview.backlog[0];
  return {
    backlogOps: {
      value: largest?.queuedOps ?? 0,
      detail: largest ? describeClient(largest) : null,
    },
    backlogAgeMinutes: {
      value: waiting ? Math.floor((now.getTime() - waiting.since) / 60_000) : 0,
      detail: waiting ? describeClient(waiting) : null,
    },
    outdatedShare: { value: shares.outdatedShare },
    nearMinShare: { value: shares.nearMinShare },
    syncFailureRate: { value: overview.sync.failureRate },
    replayP95Ms: { value: overview.replay.p95Ms },
  };
}

function describeClient(c: { clientId: string; clientVersion: string; userEmail: string | null }) {
  return `client ${c.clientId} (${c.userEmail ?? 'deleted account'}, version ${c.clientVersion})`;
}

/**
 * The client whose queue has been non-empty longest: among clients whose latest report in the
 * window still had ops queued, the earliest report since their last empty one. Reports carry a
 * count, not the age of the oldest op, so this is how long the queue has not drained.
 */
async function longestBacklog(db: Database, since: Date) {
  const rows = await db.all<{
    clientId: string;
    clientVersion: string;
    userEmail: string | null;
    since: number;
  }>(sql`
    WITH latest AS (
      SELECT client_id, max(reported_at) AS at FROM telemetry_reports
      WHERE reported_at >= ${since.getTime()} GROUP BY client_id
    )
    SELECT t.client_id AS clientId, t.client_version AS clientVersion, u.email AS userEmail,
      (SELECT min(r.reported_at) FROM telemetry_reports r
        WHERE r.client_id = t.client_id AND r.reported_at > coalesce(
          (SELECT max(z.reported_at) FROM telemetry_reports z
            WHERE z.client_id = t.client_id AND z.queued_ops = 0), -1)) AS since
    FROM latest l
    JOIN telemetry_reports t ON t.client_id = l.client_id AND t.reported_at = l.at
    LEFT JOIN user u ON u.id = t.user_id
    WHERE t.queued_ops > 0
    ORDER BY since ASC
    LIMIT 1`);
  return rows[0];
}
