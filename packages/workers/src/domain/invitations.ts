import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { type Invitation, INVITATION_TTL_DAYS } from '@corates/shared';
import type { Database } from '../db/client.ts';
import { invitations } from '../db/schema.ts';
import { toBase64 } from '../lib/base64.ts';
import { toHex } from '../lib/hex.ts';
import { requireRole } from './access.ts';

export type InvitationRecord = typeof invitations.$inferSelect;

/** A new invitation's id and link token; only the hash is stored. */
export interface IssuedToken {
  id: string;
  token: string;
  tokenHash: string;
}

export const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000;

/** SHA-256 of the token, hex: what the table keeps and what a link is looked up by. */
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return toHex(new Uint8Array(digest));
}

/** 32 random bytes as base64url (43 characters, `invitationTokenSchema`). */
export async function issueToken(): Promise<IssuedToken> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return { id: crypto.randomUUID(), token, tokenHash: await hashToken(token) };
}

export function isPending(inv: Pick<InvitationRecord, 'revokedAt' | 'acceptedAt'>): boolean {
  return inv.revokedAt === null && inv.acceptedAt === null;
}

export function invitationView(inv: InvitationRecord): Invitation {
  return {
    id: inv.id,
    projectId: inv.projectId,
    email: inv.email,
    role: inv.role,
    invitedBy: inv.invitedBy,
    createdAt: inv.createdAt.toISOString(),
    expiresAt: inv.expiresAt.toISOString(),
  };
}

/** A project's pending, unexpired invitations, oldest first; owners only. */
export async function listInvitations(
  db: Database,
  callerId: string,
  projectId: string,
  now = new Date(),
): Promise<Invitation[]> {
  await requireRole(db, projectId, callerId, 'owner');
  const rows = await db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.projectId, projectId),
        isNull(invitations.revokedAt),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
  return rows.map(invitationView);
}

/** The invitation a link's token opens, whatever its state (the accept rule judges that). */
export async function findByToken(
  db: Database,
  token: string,
): Promise<{ id: string; projectId: string; tokenHash: string } | undefined> {
  const tokenHash = await hashToken(token);
  return db
    .select({
      id: invitations.id,
      projectId: invitations.projectId,
      tokenHash: invitations.tokenHash,
    })
    .from(invitations)
    .where(eq(invitations.tokenHash, tokenHash))
    .get();
}
