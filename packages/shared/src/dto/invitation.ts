import { z } from 'zod';
import { roleSchema } from './role.ts';

/** How long an invitation link works. */
export const INVITATION_TTL_DAYS = 7;

/**
 * A pending invitation as the project's owners see it. Adding a member by email makes one (or
 * renews the one already pending), whether or not an account uses the address: the answer never
 * tells the inviter who has an account.
 */
export const invitationSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  email: z.email(),
  role: roleSchema,
  /** Who sent (or last renewed) it; null once that account is gone. */
  invitedBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationListSchema = z.object({ invitations: z.array(invitationSchema) });
export type InvitationList = z.infer<typeof invitationListSchema>;

/**
 * The answer to adding a member by email. `link` is there only when the server's mail transport
 * is the local one (development: nothing leaves the machine, so the inviter passes the link on);
 * deployed, the link goes by email to the invitee only.
 */
export const invitationSentSchema = z.object({
  invitation: invitationSchema,
  link: z.url().optional(),
});
export type InvitationSent = z.infer<typeof invitationSentSchema>;

/** An invitation token as it appears in the link: 43 base64url characters (32 random bytes). */
export const invitationTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'not an invitation token');

/** The web app's page for an invitation link: `/invitations/<token>`. */
export function invitationPath(token: string): string {
  return `/invitations/${token}`;
}
