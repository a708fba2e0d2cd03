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

/** Add an existing account to a project by email. */
export const addMemberSchema = z.strictObject({
  email: emailSchema,
  role: roleSchema,
});
export type AddMember = z.input<typeof addMemberSchema>;

export const updateMemberSchema = z.strictObject({ role: roleSchema });
export type UpdateMember = z.infer<typeof updateMemberSchema>;
