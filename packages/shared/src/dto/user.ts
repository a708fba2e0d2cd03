import { z } from 'zod';
import { platformRoleSchema } from './role.ts';

/** The public view of an account. */
export const userSchema = z.object({
  id: z.string(),
  email: z.email(),
  name: z.string(),
});
export type User = z.infer<typeof userSchema>;

/** The signed-in user and when the session ends. */
export const sessionSchema = z.object({
  user: userSchema,
  expiresAt: z.iso.datetime(),
  /** `admin` may open the operations pages; everyone else is `member`. */
  platformRole: platformRoleSchema,
});
export type Session = z.infer<typeof sessionSchema>;

export const emailSchema = z.email().max(254).toLowerCase();
/** Passwords: long enough to be worth hashing, short enough not to be a hashing DoS. */
export const passwordSchema = z.string().min(8).max(128);
export const displayNameSchema = z.string().trim().min(1).max(100);

/** Body of better-auth's `POST /api/auth/sign-up/email` (validated in the browser before sending). */
export const signUpSchema = z.object({
  name: displayNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type SignUp = z.infer<typeof signUpSchema>;

/** Body of better-auth's `POST /api/auth/sign-in/email`. */
export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(128),
});
export type SignIn = z.infer<typeof signInSchema>;
