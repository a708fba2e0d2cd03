import type { Member, Pdf, Project, Role, UserSettings } from '@corates/shared';
import type { pdfs } from '../../db/schema.ts';
import type { InvitationRecord } from '../invitations.ts';
import { AppError } from '../../lib/app-error.ts';
import { settingsFromStored } from '../settings.ts';
import { toPdf } from '../pdfs.ts';
import { mirrorOf } from '../projects.ts';

export interface ProjectRecord {
  id: string;
  name: string;
  description: string;
  createdBy: string;
  version: number;
  /** Federation: the subscription a mirror project is written by (null: not a mirror). */
  mirrorOfSubscription?: string | null;
  mirrorOrigin?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface MemberRecord {
  projectId: string;
  userId: string;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
  /** The member's account, for the Member view. */
  email: string;
  name: string;
}

export interface Account {
  id: string;
  email: string;
  name: string;
}

export type PdfRecord = typeof pdfs.$inferSelect;

/**
 * The rows a batch of mutations reads, loaded once and kept in memory while the batch's rules
 * run, each rule seeing the writes of the ones before it. Every id the batch names was loaded,
 * so a missing key means the row does not exist.
 */
export interface World {
  projects: Map<string, ProjectRecord>;
  /** The members of every loaded project, by user id (an empty map once it has none). */
  members: Map<string, Map<string, MemberRecord>>;
  /**
   * The invitations of every loaded project, by id. No account is looked up by email: adding
   * someone by email must answer the same whether or not an account uses it.
   */
  invitations: Map<string, InvitationRecord>;
  /** Stored settings JSON by user id (absent: never changed, all defaults). */
  settings: Map<string, string>;
  pdfs: Map<string, PdfRecord>;
}

export function emptyWorld(): World {
  return {
    projects: new Map(),
    members: new Map(),
    invitations: new Map(),
    settings: new Map(),
    pdfs: new Map(),
  };
}

export function membersOf(world: World, projectId: string): Map<string, MemberRecord> {
  let members = world.members.get(projectId);
  if (!members) world.members.set(projectId, (members = new Map()));
  return members;
}

export function roleIn(world: World, projectId: string, userId: string): Role | undefined {
  return world.members.get(projectId)?.get(userId)?.role;
}

export function ownerCount(world: World, projectId: string): number {
  let owners = 0;
  for (const m of membersOf(world, projectId).values()) if (m.role === 'owner') owners++;
  return owners;
}

/** The project as `userId` sees it (their role, the member count); NOT_FOUND for non-members. */
export function projectView(world: World, projectId: string, userId: string): Project {
  const project = world.projects.get(projectId);
  const role = roleIn(world, projectId, userId);
  if (!project || !role) throw new AppError('NOT_FOUND', 'project not found');
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    role,
    memberCount: membersOf(world, projectId).size,
    createdAt: project.createdAt.toISOString(),
    updatedAt: project.updatedAt.toISOString(),
    version: project.version,
    ...mirrorOf(project.mirrorOrigin),
  };
}

export function memberView(member: MemberRecord): Member {
  return {
    userId: member.userId,
    email: member.email,
    name: member.name,
    role: member.role,
    joinedAt: member.createdAt.toISOString(),
  };
}

export function settingsView(world: World, userId: string): UserSettings {
  return settingsFromStored(world.settings.get(userId));
}

export function pdfView(world: World, pdfId: string): Pdf {
  const row = world.pdfs.get(pdfId);
  if (!row) throw new AppError('NOT_FOUND', 'PDF not found');
  return toPdf(row);
}
