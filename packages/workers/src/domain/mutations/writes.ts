import type { PdfTag, Role, UpdateUserSettings } from '@corates/shared';
import type { InvitationRecord } from '../invitations.ts';
import { membersOf, type MemberRecord, type ProjectRecord, type World } from './world.ts';

/**
 * One row change a rule decided on, as data: applied to the in-memory world at once (so the next
 * rule in the batch sees it) and turned into SQL when the batch commits (commit.ts). Values are
 * final (the new version, the new timestamp), never "current + 1", so memory and database agree.
 */
export type Write =
  | { kind: 'project.insert'; row: ProjectRecord }
  | {
      kind: 'project.update';
      id: string;
      set: { name?: string; description?: string; updatedAt: Date; version: number };
    }
  | { kind: 'project.delete'; id: string }
  | { kind: 'member.insert'; row: MemberRecord }
  | { kind: 'member.update'; projectId: string; userId: string; role: Role; updatedAt: Date }
  | { kind: 'member.delete'; projectId: string; userId: string }
  | { kind: 'settings.patch'; userId: string; patch: UpdateUserSettings; at: Date }
  | { kind: 'invitation.insert'; row: InvitationRecord }
  | {
      kind: 'invitation.update';
      id: string;
      set: Partial<
        Pick<
          InvitationRecord,
          | 'role'
          | 'tokenHash'
          | 'invitedBy'
          | 'expiresAt'
          | 'revokedAt'
          | 'acceptedAt'
          | 'acceptedBy'
        >
      > & { updatedAt: Date };
    }
  | {
      kind: 'pdf.update';
      id: string;
      set: { fileName?: string; tag?: PdfTag; updatedAt: Date; version: number };
    }
  | { kind: 'pdf.delete'; id: string };

/** Applies a write to the world as the database will apply it (cascades included). */
export function applyWrite(world: World, write: Write): void {
  switch (write.kind) {
    case 'project.insert':
      world.projects.set(write.row.id, { ...write.row });
      world.members.set(write.row.id, new Map());
      return;
    case 'project.update': {
      const project = world.projects.get(write.id);
      if (project) Object.assign(project, write.set);
      return;
    }
    case 'project.delete':
      // Memberships and PDF rows go with the project (foreign keys ON DELETE CASCADE).
      world.projects.delete(write.id);
      world.members.set(write.id, new Map());
      for (const [id, inv] of world.invitations)
        if (inv.projectId === write.id) world.invitations.delete(id);
      for (const [id, pdf] of world.pdfs) if (pdf.projectId === write.id) world.pdfs.delete(id);
      return;
    case 'member.insert':
      membersOf(world, write.row.projectId).set(write.row.userId, { ...write.row });
      return;
    case 'member.update': {
      const member = membersOf(world, write.projectId).get(write.userId);
      if (member) Object.assign(member, { role: write.role, updatedAt: write.updatedAt });
      return;
    }
    case 'member.delete':
      membersOf(world, write.projectId).delete(write.userId);
      return;
    case 'settings.patch': {
      const stored = world.settings.get(write.userId);
      const merged = { ...(stored ? (JSON.parse(stored) as object) : {}), ...write.patch };
      world.settings.set(write.userId, JSON.stringify(merged));
      return;
    }
    case 'invitation.insert':
      world.invitations.set(write.row.id, { ...write.row });
      return;
    case 'invitation.update': {
      const inv = world.invitations.get(write.id);
      if (inv) Object.assign(inv, write.set);
      return;
    }
    case 'pdf.update': {
      const pdf = world.pdfs.get(write.id);
      if (pdf) Object.assign(pdf, write.set);
      return;
    }
    case 'pdf.delete':
      world.pdfs.delete(write.id);
      return;
    default:
      throw unknownWrite(write);
  }
}

/** For a switch's `default`: a write kind without a case there does not compile. */
export function unknownWrite(write: never): Error {
  return new Error(`no case for write ${JSON.stringify(write)}`);
}
