import { z } from 'zod';
import { roleSchema } from './role.ts';
import { emailSchema } from './user.ts';

/** A project member. */
export const memberSchema = z.object({
  userId: z.string(),
  email: z.email(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.iso.datetime(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ members: z.array(memberSchema) });
export type MemberList = z.infer<typeof memberListSchema>;

/**
 * Add someone to a project by email: an invitation they accept after signing in (or up) with
 * that address (see invitation.ts).
 */
export const addMemberSchema = z.strictObject({
  email: emailSchema,
  role: roleSchema,
});
export type AddMember = z.input<typeof addMemberSchema>;

export const updateMemberSchema = z.strictObject({ role: roleSchema });
export type UpdateMember = z.infer<typeof updateMemberSchema>;
