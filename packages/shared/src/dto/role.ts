import { z } from 'zod';

/** A member's role in a project. Owners manage members; editors edit; viewers only read. */
export const roleSchema = z.enum(['owner', 'editor', 'viewer']);
export type Role = z.infer<typeof roleSchema>;

/** Roles from most to least privileged. */
export const ROLES: readonly Role[] = roleSchema.options;

const RANK: Record<Role, number> = { owner: 3, editor: 2, viewer: 1 };

/** True when `role` grants at least what `required` grants. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/**
 * Platform-wide role, separate from per-project roles: `admin` may read operational telemetry.
 * Granted with `pnpm maintainer grant-admin --email …` (docs/runbooks/admins.md).
 */
export const platformRoleSchema = z.enum(['member', 'admin']);
export type PlatformRole = z.infer<typeof platformRoleSchema>;
