// The chaos test's reference: projects, memberships and settings as the server's rules say they
// should be, reached by replaying ops one by one in the order the server ran them. Written from the
// rules (DESIGN.md, the domain functions' contracts), not from the server's code, so a server that
// applied an op twice, lost one, or let a refused op change something ends in a different state.
import {
  DEFAULT_USER_SETTINGS,
  type OpPayload,
  type OpType,
  type Role,
  type UserSettings,
  roleAtLeast,
} from '@corates/shared';

export interface ModelUser {
  id: string;
  email: string;
}

export interface Outcome {
  status: 'applied' | 'conflict' | 'rejected';
  code?: string;
}

export interface ModelProject {
  id: string;
  name: string;
  description: string;
  createdBy: string;
  /** 1 at creation, +1 for every write to the row or its memberships. */
  version: number;
  members: Map<string, Role>;
}

/** What one user can see, in the shape the REST API and the Dexie cache are compared in. */
export interface UserView {
  projects: Array<{
    id: string;
    name: string;
    description: string;
    role: Role;
    memberCount: number;
    version: number;
    members: Array<{ userId: string; role: Role }>;
  }>;
  settings: UserSettings;
}

class Refused extends Error {
  constructor(readonly outcome: Outcome) {
    super(outcome.code);
  }
}

const refuse = (code: string): never => {
  throw new Refused({ status: 'rejected', code });
};

export class SyncModel {
  private readonly projects = new Map<string, ModelProject>();
  private readonly settings = new Map<string, UserSettings>();

  constructor(private readonly users: ModelUser[]) {}

  private requireRole(projectId: string, userId: string, required: Role): ModelProject {
    const project = this.projects.get(projectId);
    const role = project?.members.get(userId);
    if (!project || !role) return refuse('NOT_FOUND');
    if (!roleAtLeast(role, required)) refuse('FORBIDDEN');
    return project;
  }

  private owners(project: ModelProject): number {
    return [...project.members.values()].filter((r) => r === 'owner').length;
  }

  /**
   * A project that existed before the first op, as the server has it: created over REST and
   * shared by invitations its members accepted (joining is not an op, so the replay cannot make
   * it).
   */
  seedProject(project: ModelProject): void {
    this.projects.set(project.id, { ...project, members: new Map(project.members) });
  }

  /** Runs one op as `userId`; returns what the server should have answered. */
  apply(userId: string, type: OpType, payload: unknown): Outcome {
    try {
      this.run(userId, type, payload);
      return { status: 'applied' };
    } catch (e) {
      if (e instanceof Refused) return e.outcome;
      throw e;
    }
  }

  private run(userId: string, type: OpType, raw: unknown): void {
    switch (type) {
      case 'project.create': {
        const p = raw as OpPayload<'project.create'>;
        const existing = this.projects.get(p.id);
        if (existing) {
          // Repeating one's own create answers the existing project (if one can still see it).
          if (existing.createdBy !== userId) refuse('CONFLICT');
          if (!existing.members.has(userId)) refuse('NOT_FOUND');
          return;
        }
        this.projects.set(p.id, {
          id: p.id,
          name: p.name,
          description: p.description,
          createdBy: userId,
          version: 1,
          members: new Map([[userId, 'owner']]),
        });
        return;
      }
      case 'project.update': {
        const p = raw as OpPayload<'project.update'>;
        if (p.name === undefined && p.description === undefined) refuse('VALIDATION_FAILED');
        const project = this.requireRole(p.id, userId, 'editor');
        if (p.ifVersion !== undefined && p.ifVersion !== project.version) {
          throw new Refused({ status: 'conflict', code: 'CONFLICT' });
        }
        if (p.name !== undefined) project.name = p.name;
        if (p.description !== undefined) project.description = p.description;
        project.version += 1;
        return;
      }
      case 'project.delete': {
        const p = raw as OpPayload<'project.delete'>;
        this.requireRole(p.id, userId, 'owner');
        this.projects.delete(p.id);
        return;
      }
      case 'member.add': {
        // An invitation: nobody joins until the invitee accepts (outside the op feed), and the
        // answer is the same whether or not an account uses the address. Only an address a
        // member already has is refused.
        const p = raw as OpPayload<'member.add'>;
        const project = this.requireRole(p.projectId, userId, 'owner');
        const target = this.users.find((u) => u.email === p.email);
        if (target && project.members.has(target.id)) refuse('CONFLICT');
        return;
      }
      case 'member.setRole': {
        const p = raw as OpPayload<'member.setRole'>;
        const project = this.requireRole(p.projectId, userId, 'owner');
        const current = project.members.get(p.userId);
        if (!current) return refuse('NOT_FOUND');
        if (current === p.role) return;
        if (current === 'owner' && this.owners(project) <= 1) refuse('LAST_OWNER');
        project.members.set(p.userId, p.role);
        project.version += 1;
        return;
      }
      case 'member.remove': {
        const p = raw as OpPayload<'member.remove'>;
        const project = this.requireRole(
          p.projectId,
          userId,
          userId === p.userId ? 'viewer' : 'owner',
        );
        const current = project.members.get(p.userId);
        if (!current) return refuse('NOT_FOUND');
        if (current === 'owner' && this.owners(project) <= 1) refuse('LAST_OWNER');
        project.members.delete(p.userId);
        project.version += 1;
        return;
      }
      case 'settings.update': {
        const p = raw as OpPayload<'settings.update'>;
        this.settings.set(userId, { ...this.settingsOf(userId), ...p.changes });
        return;
      }
    }
  }

  private settingsOf(userId: string): UserSettings {
    return this.settings.get(userId) ?? DEFAULT_USER_SETTINGS;
  }

  /** Everything `userId` may read, sorted for comparison. */
  viewOf(userId: string): UserView {
    const projects = [...this.projects.values()]
      .filter((p) => p.members.has(userId))
      .map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        role: p.members.get(userId)!,
        memberCount: p.members.size,
        version: p.version,
        members: [...p.members]
          .map(([id, role]) => ({ userId: id, role }))
          .sort((a, b) => a.userId.localeCompare(b.userId)),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return { projects, settings: this.settingsOf(userId) };
  }
}
