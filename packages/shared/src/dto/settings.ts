import { z } from 'zod';

/** Per-user preferences. All fields have defaults so a new account needs no row. */
export const userSettingsSchema = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  /** After how many minutes without a successful pull the UI says data "may be stale". */
  staleAfterMinutes: z.number().int().min(1).max(1440),
  /** Show the per-item guidance text in checklists. */
  showGuidance: z.boolean(),
});
export type UserSettings = z.infer<typeof userSettingsSchema>;

export const DEFAULT_USER_SETTINGS: UserSettings = {
  theme: 'system',
  staleAfterMinutes: 15,
  showGuidance: true,
};

/** A partial update; unknown keys are rejected. */
export const updateUserSettingsSchema = userSettingsSchema
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateUserSettings = z.infer<typeof updateUserSettingsSchema>;
