import type { Role } from '@corates/shared';
import { checklistDocAccess, type ChecklistHeader } from '@corates/shared/doc';

/**
 * Which checklist documents a member's browser keeps synced in the background while the project
 * is open, so that going offline later still covers every checklist assigned to them: their own
 * reviewer checklists, and the reconciled checklists they may edit that are not finalized (a
 * finalized one is reopened online first). Pure: the headers come from the project document.
 * Write access does not depend on blinding, so the rule asks `checklistDocAccess` with it on.
 */
export function checklistsToKeep(input: {
  userId: string;
  role: Role;
  checklists: readonly ChecklistHeader[];
}): string[] {
  const { userId, role, checklists } = input;
  return checklists
    .filter((checklist) => {
      const mine = checklist.reviewerId === userId;
      const openReconciliation = checklist.reviewerId === null && checklist.status !== 'finalized';
      if (!mine && !openReconciliation) return false;
      return (
        checklistDocAccess({ userId, role, checklist, checklists, blindReviewers: true }) ===
        'write'
      );
    })
    .map((c) => c.id);
}
