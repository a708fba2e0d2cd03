import { z } from 'zod';
import { platformRoleSchema } from './role.ts';
import { plainTextSchema } from './text.ts';

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

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;
/**
 * What a password needs before the server checks it against the common-password list
 * (WEAK_PASSWORD): long enough to resist guessing, short enough not to be a hashing DoS, and not
 * one character repeated or padding (`"          "`, `"aaaaaaaaaa"`).
 */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `use at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `use at most ${PASSWORD_MAX} characters`)
  .refine((p) => new Set(p.trim()).size >= 4, {
    message: 'use at least 4 different characters, not only spaces or one repeated character',
  });

export const DISPLAY_NAME_MAX = 100;
/** A person's name as others see it: one line, no invisible characters and no markup. */
export const displayNameSchema = plainTextSchema({ min: 1, max: DISPLAY_NAME_MAX }).refine(
  (name) => !/[<>]/.test(name),
  { message: 'a name cannot contain < or >' },
);

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
