import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

// The change log itself is written by SQLite triggers (drizzle/0003_change_log_triggers.sql).

/** The newest change-log position. */
export async function currentCheckpoint(db: Database): Promise<string> {
  const row = await db.get<{ seq: number | null }>(sql`SELECT max(seq) AS seq FROM change_log`);
  return String(row?.seq ?? 0);
}
