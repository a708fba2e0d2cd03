import type { OpType } from '@corates/shared';
import type { Caller } from '../../openapi/inventory.ts';

/**
 * Who may send each op type. The rules (rules.ts) check project roles with these values, and
 * docs/endpoints.md lists them, so the inventory says what the server enforces. A new op type
 * needs an entry here (the type requires it) before either compiles.
 */
export const OP_ACCESS = {
  'project.create': 'signed-in',
  'project.update': 'editor',
  'project.delete': 'owner',
  'member.add': 'owner',
  'member.setRole': 'owner',
  'member.remove': 'owner-or-self',
  // The caller's own settings: no project involved.
  'settings.update': 'signed-in',
  'pdf.update': 'editor',
  'pdf.delete': 'editor',
} as const satisfies Record<OpType, Caller>;
