import { adaptOpPayload } from '@corates/shared';
import type { QueuedOp } from '../offline/index.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** A queued op in words, for the sync panel ("Rename project to “Trial B”"). */
export function describeOp(op: Pick<QueuedOp, 'type' | 'payload' | 'clientVersion'>): string {
  // An older build's op may be in a legacy shape; describe it as the server will read it.
  const adapted = adaptOpPayload(op.type, op.clientVersion, op.payload);
  const p = ((adapted.ok ? adapted.payload : op.payload) ?? {}) as Record<string, unknown>;
  switch (op.type) {
    case 'project.create':
      return `Create project “${str(p.name)}”`;
    case 'project.update':
      return p.name !== undefined
        ? `Rename project to “${str(p.name)}”`
        : 'Change a project’s description';
    case 'project.delete':
      return 'Delete a project';
    case 'member.add':
      return `Invite ${str(p.email)} as ${str(p.role)}`;
    case 'member.setRole':
      return `Make a member ${str(p.role)}`;
    case 'member.remove':
      return 'Remove a member';
    case 'settings.update':
      return `Change settings (${Object.keys((p.changes ?? {}) as object).join(', ')})`;
    case 'pdf.update': {
      const patch = (p.patch ?? {}) as Record<string, unknown>;
      return patch.fileName !== undefined
        ? `Rename a PDF to “${str(patch.fileName)}”`
        : `Mark a PDF as ${str(patch.tag)}`;
    }
    case 'pdf.delete':
      return 'Delete a PDF';
  }
}
