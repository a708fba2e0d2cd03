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

/**
 * Of the checklists whose copy this device stores (`stored`), those the user may no longer open
 * by the relay's own rule (`checklistDocAccess`, with the project's blinding as it is now): an
 * owner turned blinding on after another reviewer's checklist was read here, a member became a
 * viewer. Such a copy holds answers the server now withholds from this user, and nothing of their
 * own to send (a checklist they review or may edit is never refused), so the device deletes it.
 * A checklist without a header here (one this copy of the project has not seen yet) is left.
 */
export function checklistCopiesToDelete(input: {
  userId: string;
  role: Role;
  checklists: readonly ChecklistHeader[];
  blindReviewers: boolean;
  stored: readonly string[];
}): string[] {
  const { userId, role, checklists, blindReviewers } = input;
  const byId = new Map(checklists.map((c) => [c.id, c]));
  return input.stored.filter((id) => {
    const checklist = byId.get(id);
    return (
      checklist !== undefined &&
      checklistDocAccess({ userId, role, checklist, checklists, blindReviewers }) === 'none'
    );
  });
}
