import type { Role } from '@corates/shared';
import { primaryDemotions } from '@corates/shared';
import { AppError } from '../../lib/app-error.ts';
import { INVITATION_TTL_MS, invitationView, isPending, type IssuedToken } from '../invitations.ts';
import { pdfObjectKey } from '../pdfs.ts';
import type { Mutation, MutationType, PayloadOf } from './mutation.ts';
import { authorize } from './op-access.ts';
import { applyWrite, type Write } from './writes.ts';
import {
  memberView,
  membersOf,
  ownerCount,
  pdfView,
  projectView,
  roleIn,
  settingsView,
  type Account,
  type World,
} from './world.ts';

export type { Mutation } from './mutation.ts';

/** What the mutation answers: the row as it now is (and, for a create, whether it made one). */
export interface Outcome {
  row: Record<string, unknown>;
  created?: boolean;
}

/** Work outside the database that follows a committed mutation. */
export type Effect =
  /** The user's access to the project changed: live document sockets must follow it. */
  | { kind: 'access'; projectId: string; userId: string }
  | { kind: 'projectDeleted'; projectId: string }
  /** A PDF's row is gone; its bytes in R2 go after the commit. */
  | { kind: 'objectDeleted'; key: string }
  /** A PDF's row changed or went: the project's federation shares follow it. */
  | { kind: 'pdfChanged'; projectId: string }
  /** An invitation was made or renewed: its link goes to the address (mail/). */
  | {
      kind: 'invitationSent';
      invitationId: string;
      email: string;
      token: string;
      projectName: string;
      inviterName: string;
      role: Role;
      expiresAt: Date;
    };

/** A rule's decision: the writes and effects, and the answer read from the world after them. */
interface Decision {
  writes: Write[];
  effects?: Effect[];
  answer: (world: World) => Outcome;
}

/** A fresh invitation id and token for each rule that makes one (prepared by the caller: hashing is async). */
export type IssueToken = () => IssuedToken;

type Rule<T extends MutationType> = (
  world: World,
  caller: Account,
  payload: PayloadOf<T>,
  now: Date,
  issue: IssueToken,
) => Decision;

const row = (value: object) => value as Record<string, unknown>;

/** A membership change bumps the project's version, so `ifVersion` on the project sees it. */
function touchProject(world: World, projectId: string, now: Date): Write {
  const version = world.projects.get(projectId)!.version + 1;
  return { kind: 'project.update', id: projectId, set: { updatedAt: now, version } };
}

function lastOwnerError() {
  return new AppError(
    'LAST_OWNER',
    'a project needs at least one owner; make someone else owner first',
  );
}

/** The project's pending invitation for the address, expired or not (renewing revives it). */
function pendingInvitation(world: World, projectId: string, email: string) {
  for (const inv of world.invitations.values()) {
    if (inv.projectId === projectId && inv.email === email && isPending(inv)) return inv;
  }
  return undefined;
}

/** For pure callers that run no invitation-making mutation (tests of other rules). */
export const noTokens: IssueToken = () => {
  throw new Error('member.add needs tokens: pass `issue` (run-mutations.ts prepares them)');
};

function existingMember(world: World, projectId: string, userId: string) {
  const member = membersOf(world, projectId).get(userId);
  if (!member) throw new AppError('NOT_FOUND', 'member not found');
  return member;
}

/**
 * The server's part of a mutation. An op type's shared part (its payload schema, the project it
 * changes, its description) is OP_DEFINITIONS in packages/shared; who may send it is OP_ACCESS
 * (op-access.ts), checked before the rule runs.
 */
interface MutationDefinition<T extends MutationType> {
  /**
   * The rows the rule reads beyond its project's (the project, with its members and invitations,
   * is always loaded: keys.ts). Absent: none.
   */
  loads?: (payload: PayloadOf<T>, caller: Account) => { pdfIds?: string[]; settingsOf?: string };
  /**
   * Refusals that follow from the payload alone, which the wire schema does not express; made
   * before the access check.
   */
  check?: (payload: PayloadOf<T>) => void;
  /**
   * The rule may make an invitation: the batch prepares a token for it (hashing is async, rules
   * are not), handed to the rule as `issue`.
   */
  invites?: true;
  /**
   * The outside work a repeat of an op re-issues (the Worker can die between the commit and the
   * calls its first run made), derived from the state now, so doing it twice is harmless.
   * Absent: none.
   */
  repeatEffects?: (world: World, payload: PayloadOf<T>) => Effect[];
  /**
   * The rule: a pure function of the world as the batch has made it so far. It refuses by
   * throwing an AppError before it decides any write, so a refusal changes nothing.
   */
  rule: Rule<T>;
}

export type MutationDefinitions = { readonly [T in MutationType]: MutationDefinition<T> };

/** Every mutation's server part, one entry each: a mutation type without one does not compile. */
export const MUTATIONS: MutationDefinitions = {
  // The id may come from the client (offline creation); repeating the same create answers the
  // existing project, never a second row.
  'project.create': {
    rule: (world, caller, p, now) => {
      const existing = world.projects.get(p.id);
      if (existing) {
        if (existing.createdBy !== caller.id)
          throw new AppError('CONFLICT', 'a project with this id already exists');
        return {
          writes: [],
          answer: (w) => ({ row: projectView(w, p.id, caller.id), created: false }),
        };
      }
      return {
        writes: [
          {
            kind: 'project.insert',
            row: {
              id: p.id,
              name: p.name,
              description: p.description,
              createdBy: caller.id,
              version: 1,
              createdAt: now,
              updatedAt: now,
            },
          },
          {
            kind: 'member.insert',
            row: {
              projectId: p.id,
              userId: caller.id,
              role: 'owner',
              createdAt: now,
              updatedAt: now,
              email: caller.email,
              name: caller.name,
            },
          },
        ],
        answer: (w) => ({ row: projectView(w, p.id, caller.id), created: true }),
      };
    },
  },

  // Field-level last-writer-wins in server order; with `ifVersion`, a write against a row that
  // changed since is a CONFLICT carrying the current row instead.
  'project.update': {
    check: (p) => {
      if (p.name === undefined && p.description === undefined) {
        throw new AppError('VALIDATION_FAILED', 'nothing to update: give name or description');
      }
    },
    rule: (world, caller, p, now) => {
      const project = world.projects.get(p.id)!;
      if (p.ifVersion !== undefined && project.version !== p.ifVersion) {
        throw new AppError('CONFLICT', `the project changed since version ${p.ifVersion}`, {
          current: projectView(world, p.id, caller.id),
        });
      }
      const set = {
        ...(p.name === undefined ? {} : { name: p.name }),
        ...(p.description === undefined ? {} : { description: p.description }),
        updatedAt: now,
        version: project.version + 1,
      };
      return {
        writes: [{ kind: 'project.update', id: p.id, set }],
        answer: (w) => ({ row: projectView(w, p.id, caller.id) }),
      };
    },
  },

  // Owners only; every former member gets a tombstone (the membership delete triggers).
  'project.delete': {
    // A repeat re-issues the cleanup once the project is gone.
    repeatEffects: (world, p) =>
      world.projects.has(p.id) ? [] : [{ kind: 'projectDeleted', projectId: p.id }],
    rule: (_world, _caller, p) => {
      return {
        writes: [{ kind: 'project.delete', id: p.id }],
        effects: [{ kind: 'projectDeleted', projectId: p.id }],
        answer: () => ({ row: { id: p.id, deleted: true } }),
      };
    },
  },

  // Owners add people by email: an invitation, made or renewed whether or not an account uses
  // the address (no account is looked up), so the answer never tells who has one. Only someone
  // already in the member list (which owners see anyway) is a CONFLICT.
  'member.add': {
    invites: true,
    rule: (world, caller, p, now, issue) => {
      for (const m of membersOf(world, p.projectId).values()) {
        if (m.email.toLowerCase() === p.email)
          throw new AppError('CONFLICT', `${p.email} is already a member`);
      }
      const fresh = issue();
      const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
      const pending = pendingInvitation(world, p.projectId, p.email);
      const id = pending?.id ?? fresh.id;
      const write: Write = pending
        ? {
            kind: 'invitation.update',
            id,
            set: {
              role: p.role,
              tokenHash: fresh.tokenHash,
              invitedBy: caller.id,
              expiresAt,
              updatedAt: now,
            },
          }
        : {
            kind: 'invitation.insert',
            row: {
              id,
              projectId: p.projectId,
              email: p.email,
              role: p.role,
              tokenHash: fresh.tokenHash,
              invitedBy: caller.id,
              expiresAt,
              revokedAt: null,
              acceptedAt: null,
              acceptedBy: null,
              createdAt: now,
              updatedAt: now,
            },
          };
      return {
        writes: [write],
        effects: [
          {
            kind: 'invitationSent',
            invitationId: id,
            email: p.email,
            token: fresh.token,
            projectName: world.projects.get(p.projectId)!.name,
            inviterName: caller.name,
            role: p.role,
            expiresAt,
          },
        ],
        answer: (w) => ({ row: row(invitationView(w.invitations.get(id)!)) }),
      };
    },
  },

  // Owners withdraw a pending invitation; its link stops working.
  'invitation.revoke': {
    rule: (world, _caller, p, now) => {
      const inv = world.invitations.get(p.invitationId);
      if (!inv || inv.projectId !== p.projectId || !isPending(inv))
        throw new AppError('NOT_FOUND', 'invitation not found');
      return {
        writes: [
          { kind: 'invitation.update', id: inv.id, set: { revokedAt: now, updatedAt: now } },
        ],
        answer: () => ({ row: { id: inv.id, revoked: true } }),
      };
    },
  },

  // The invitee, signed in with the invited address, joins with the invited role. Accepting
  // again answers the project; someone already a member keeps the role they have.
  'invitation.accept': {
    rule: (world, caller, p, now) => {
      const inv = world.invitations.get(p.invitationId);
      const answer = (w: World) => ({ row: row(projectView(w, p.projectId, caller.id)) });
      if (!inv || inv.projectId !== p.projectId || inv.tokenHash !== p.tokenHash || inv.revokedAt)
        throw new AppError('NOT_FOUND', 'this invitation is not valid (any more)');
      if (inv.acceptedAt) {
        if (inv.acceptedBy === caller.id && roleIn(world, p.projectId, caller.id))
          return { writes: [], answer };
        throw new AppError('NOT_FOUND', 'this invitation is not valid (any more)');
      }
      if (inv.expiresAt.getTime() <= now.getTime())
        throw new AppError('INVITATION_EXPIRED', 'this invitation has expired; ask for a new one');
      if (inv.email !== caller.email.toLowerCase()) {
        throw new AppError(
          'INVITATION_WRONG_ACCOUNT',
          'this invitation was sent to another email address; sign in with that address',
        );
      }
      const accepted: Write = {
        kind: 'invitation.update',
        id: inv.id,
        set: { acceptedAt: now, acceptedBy: caller.id, updatedAt: now },
      };
      if (roleIn(world, p.projectId, caller.id)) return { writes: [accepted], answer };
      const member = {
        projectId: p.projectId,
        userId: caller.id,
        role: inv.role,
        createdAt: now,
        updatedAt: now,
        email: caller.email,
        name: caller.name,
      };
      return {
        writes: [
          accepted,
          { kind: 'member.insert', row: member },
          touchProject(world, p.projectId, now),
        ],
        effects: [{ kind: 'access', projectId: p.projectId, userId: caller.id }],
        answer,
      };
    },
  },

  // Owners change roles; a project always keeps at least one owner.
  'member.setRole': {
    repeatEffects: (_world, p) => [{ kind: 'access', projectId: p.projectId, userId: p.userId }],
    rule: (world, _caller, p, now) => {
      const target = existingMember(world, p.projectId, p.userId);
      const answer = (w: World) => ({
        row: row(memberView(existingMember(w, p.projectId, p.userId))),
      });
      if (target.role === p.role) return { writes: [], answer };
      if (target.role === 'owner' && ownerCount(world, p.projectId) <= 1) throw lastOwnerError();
      return {
        writes: [
          {
            kind: 'member.update',
            projectId: p.projectId,
            userId: p.userId,
            role: p.role,
            updatedAt: now,
          },
          touchProject(world, p.projectId, now),
        ],
        effects: [{ kind: 'access', projectId: p.projectId, userId: p.userId }],
        answer,
      };
    },
  },

  // Owners may remove anyone, any member may leave; the last owner cannot go.
  'member.remove': {
    repeatEffects: (_world, p) => [{ kind: 'access', projectId: p.projectId, userId: p.userId }],
    rule: (world, _caller, p, now) => {
      const target = existingMember(world, p.projectId, p.userId);
      if (target.role === 'owner' && ownerCount(world, p.projectId) <= 1) throw lastOwnerError();
      return {
        writes: [
          { kind: 'member.delete', projectId: p.projectId, userId: p.userId },
          touchProject(world, p.projectId, now),
        ],
        effects: [{ kind: 'access', projectId: p.projectId, userId: p.userId }],
        answer: () => ({ row: { projectId: p.projectId, userId: p.userId, deleted: true } }),
      };
    },
  },

  // Field-level: two devices changing different settings both keep their change.
  'settings.update': {
    loads: (_p, caller) => ({ settingsOf: caller.id }),
    rule: (_world, caller, p, now) => ({
      writes: [{ kind: 'settings.patch', userId: caller.id, patch: p.changes, at: now }],
      answer: (w) => ({ row: settingsView(w, caller.id) }),
    }),
  },

  // Renames or retags a PDF (editors and owners), last-writer-wins per field. Making it primary
  // demotes the study's previous primary; with a stale `ifVersion` nothing changes.
  'pdf.update': {
    // The PDF with its study's other PDFs (making one primary demotes another).
    loads: (p) => ({ pdfIds: [p.id] }),
    rule: (world, _caller, p, now) => {
      const pdf = world.pdfs.get(p.id);
      if (!pdf || pdf.projectId !== p.projectId) throw new AppError('NOT_FOUND', 'PDF not found');
      if (p.ifVersion !== undefined && pdf.version !== p.ifVersion) {
        throw new AppError('CONFLICT', `the PDF changed since version ${p.ifVersion}`, {
          current: pdfView(world, p.id),
        });
      }
      const writes: Write[] = [];
      if (p.patch.tag === 'primary') {
        for (const other of primaryDemotions(world.pdfs.values(), pdf)) {
          writes.push({
            kind: 'pdf.update',
            id: other.id,
            set: { tag: 'secondary', updatedAt: now, version: other.version + 1 },
          });
        }
      }
      writes.push({
        kind: 'pdf.update',
        id: p.id,
        set: {
          ...(p.patch.fileName === undefined ? {} : { fileName: p.patch.fileName }),
          ...(p.patch.tag === undefined ? {} : { tag: p.patch.tag }),
          updatedAt: now,
          version: pdf.version + 1,
        },
      });
      return {
        writes,
        effects: [{ kind: 'pdfChanged', projectId: p.projectId }],
        answer: (w) => ({ row: row(pdfView(w, p.id)) }),
      };
    },
  },

  // The row goes in the commit; the bytes after it (once the row is gone nobody can reach them,
  // so a failed R2 delete leaks only bytes).
  'pdf.delete': {
    loads: (p) => ({ pdfIds: [p.id] }),
    repeatEffects: (world, p) =>
      world.pdfs.has(p.id) ? [] : [{ kind: 'objectDeleted', key: pdfObjectKey(p.projectId, p.id) }],
    rule: (world, _caller, p) => {
      const pdf = world.pdfs.get(p.id);
      if (!pdf || pdf.projectId !== p.projectId) throw new AppError('NOT_FOUND', 'PDF not found');
      return {
        writes: [{ kind: 'pdf.delete', id: p.id }],
        effects: [
          { kind: 'objectDeleted', key: pdf.r2Key },
          { kind: 'pdfChanged', projectId: p.projectId },
        ],
        answer: () => ({ row: { projectId: p.projectId, id: p.id, deleted: true } }),
      };
    },
  },
};

/** The definition of a mutation's type, for its payload (each entry takes its own type's). */
export function definitionOf(mutation: Mutation): MutationDefinition<MutationType> {
  return MUTATIONS[mutation.type] as MutationDefinition<MutationType>;
}

export interface Applied {
  outcome: Outcome;
  writes: Write[];
  effects: Effect[];
}

/**
 * Runs one mutation against the world (its payload check, the access check, its rule) and applies
 * its writes there; throws the AppError of whichever refuses, with the world untouched.
 */
export function applyMutation(
  world: World,
  caller: Account,
  mutation: Mutation,
  now: Date,
  issue: IssueToken = noTokens,
): Applied {
  const definition = definitionOf(mutation);
  definition.check?.(mutation.payload);
  authorize(world, caller, mutation);
  const decision = definition.rule(world, caller, mutation.payload, now, issue);
  for (const write of decision.writes) applyWrite(world, write);
  return {
    outcome: decision.answer(world),
    writes: decision.writes,
    effects: decision.effects ?? [],
  };
}
