import { eq } from 'drizzle-orm';
import { DEFAULT_USER_SETTINGS, userSettingsSchema, type UserSettings } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { userSettings } from '../db/schema.ts';

/** The settings a stored (partial) JSON stands for, defaults filling the rest. */
export function settingsFromStored(stored: string | undefined): UserSettings {
  if (!stored) return DEFAULT_USER_SETTINGS;
  // A stored field that no longer validates (e.g. after a schema change) falls back to its default.
  const parsed = userSettingsSchema.partial().safeParse(JSON.parse(stored));
  return { ...DEFAULT_USER_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

/** The user's stored settings row (none until they change one), to run alone or in a batch. */
export function selectStoredSettings(db: Database, userId: string) {
  return db
    .select({ settings: userSettings.settings })
    .from(userSettings)
    .where(eq(userSettings.userId, userId));
}

export async function getUserSettings(db: Database, userId: string): Promise<UserSettings> {
  return settingsFromStored((await selectStoredSettings(db, userId).get())?.settings);
}
