import { eq, sql } from 'drizzle-orm';
import {
  DEFAULT_USER_SETTINGS,
  userSettingsSchema,
  type UpdateUserSettings,
  type UserSettings,
} from '@corates/shared';
import type { Database } from '../db/client.ts';
import { userSettings } from '../db/schema.ts';

function merge(stored: string | undefined): UserSettings {
  if (!stored) return DEFAULT_USER_SETTINGS;
  // A stored field that no longer validates (e.g. after a schema change) falls back to its default.
  const parsed = userSettingsSchema.partial().safeParse(JSON.parse(stored));
  return { ...DEFAULT_USER_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function getUserSettings(db: Database, userId: string): Promise<UserSettings> {
  const row = await db.select().from(userSettings).where(eq(userSettings.userId, userId)).get();
  return merge(row?.settings);
}

/**
 * Field-level merge in one statement (SQLite json_patch), so two devices changing different
 * settings at once both keep their change.
 */
export async function updateUserSettings(
  db: Database,
  userId: string,
  patch: UpdateUserSettings,
): Promise<UserSettings> {
  const now = new Date();
  const json = JSON.stringify(patch);
  await db.batch([
    db
      .insert(userSettings)
      .values({ userId, settings: json, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: userSettings.userId,
        set: { settings: sql`json_patch(${userSettings.settings}, ${json})`, updatedAt: now },
      }),
  ]);
  return getUserSettings(db, userId);
}
