import { z } from 'zod';
import { displayNameSchema, emailSchema, passwordSchema } from './user.ts';

/**
 * The signed-in user's own account (settings → Account). The password the account has now is any
 * string up to the longest allowed: an older, weaker one must still be accepted to replace it.
 */
const currentPasswordSchema = z.string().min(1).max(128);

/** Body of `PATCH /api/me/account`. */
export const changeNameSchema = z.strictObject({ name: displayNameSchema });
export type ChangeName = z.infer<typeof changeNameSchema>;

/** Body of `POST /api/me/password`; the other sessions of the account end. */
export const changePasswordSchema = z.strictObject({
  currentPassword: currentPasswordSchema,
  newPassword: passwordSchema,
});
export type ChangePassword = z.infer<typeof changePasswordSchema>;

/** Body of `POST /api/me/email`: the password confirms it is the account's owner asking. */
export const changeEmailSchema = z.strictObject({
  newEmail: emailSchema,
  currentPassword: currentPasswordSchema,
});
export type ChangeEmail = z.infer<typeof changeEmailSchema>;

/** Body of better-auth's `POST /api/auth/request-password-reset`. */
export const requestPasswordResetSchema = z.object({ email: emailSchema });
export type RequestPasswordReset = z.infer<typeof requestPasswordResetSchema>;

/** Body of better-auth's `POST /api/auth/reset-password`: the token from the emailed link. */
export const resetPasswordSchema = z.object({
  token: z.string().min(1).max(128),
  newPassword: passwordSchema,
});
export type ResetPassword = z.infer<typeof resetPasswordSchema>;

/** The page a password-reset email links to; the token is in the query. */
export function passwordResetPath(token: string): string {
  return `/reset-password?token=${encodeURIComponent(token)}`;
}
