import {
  checklistDefinition,
  type ChecklistStatus,
  type ChecklistType,
  type Role,
} from '@corates/shared';
import {
  describeLoss,
  mayTrashWork,
  type ChecklistLoss,
  type TrashEntry,
} from '@corates/shared/doc';

/**
 * What the app says about the trash (issue 20): the warning before started work is removed, the
 * trash view's lines, and the notice a reviewer gets when their checklist is moved there. Pure.
 */

/** A started checklist about to be removed, with what its document holds (when it could be read). */
export interface AtRisk {
  type: ChecklistType;
  reviewerId: string | null;
  loss?: ChecklistLoss | undefined;
}

const possessive = (name: string) => (name.endsWith('s') ? `${name}’` : `${name}’s`);

/** "Ana’s AMSTAR 2 checklist, 14 of 22 answered, 3 notes" (the reconciled one: "The reconciled …"). */
export function lossLine(c: AtRisk, nameOf: (userId: string) => string): string {
  const tool = checklistDefinition(c.type).title;
  const whose = c.reviewerId === null ? 'The reconciled' : possessive(nameOf(c.reviewerId));
  const what = c.loss ? describeLoss(c.loss) : 'its content is not open to you';
  return `${whose} ${tool} checklist, ${what}`;
}

/** Started: anything past pending (the trash's rule). */
export const isStarted = (status: ChecklistStatus) => status !== 'pending';

/**
 * Whether `me` may remove this started work (owners; a reviewer their own), and if not, why — the
 * explanation shown next to the disabled control.
 */
export function removalBlocked(
  me: { userId: string; role: Role },
  reviewerIds: readonly (string | null)[],
): string | undefined {
  if (reviewerIds.length === 0 || mayTrashWork(me, reviewerIds)) return undefined;
  return 'Started work: only an owner of the project (or the reviewer themselves) can remove it.';
}

export function daysLeftLabel(days: number): string {
  if (days <= 0) return 'deleted for good today';
  return days === 1 ? '1 day left' : `${days} days left`;
}

/** The trash view's line for an entry: what it is. */
export function trashEntryTitle(
  entry: TrashEntry,
  studyTitle: string,
  nameOf: (userId: string) => string,
): string {
  if (entry.kind === 'study') {
    const n = entry.checklists.length;
    return `Study “${entry.study.title}” with ${n === 1 ? '1 checklist' : `${n} checklists`}`;
  }
  const tools = [...new Set(entry.checklists.map((c) => checklistTitle(c.type)))].join(', ');
  return `${possessive(nameOf(entry.reviewerId))} ${tools} checklist${entry.checklists.length > 1 ? 's' : ''} for “${studyTitle}”`;
}

function checklistTitle(type: string): string {
  try {
    return checklistDefinition(type as ChecklistType).title;
  } catch {
    return type;
  }
}

/** The entries that took away one of `meId`'s checklists, moved by someone else, not dismissed. */
export function noticesFor(
  entries: readonly TrashEntry[],
  meId: string,
  dismissed: ReadonlySet<string>,
): TrashEntry[] {
  return entries.filter(
    (e) => e.by !== meId && !dismissed.has(e.id) && e.checklists.some((c) => c.reviewerId === meId),
  );
}

/** "Your checklist for “Statins” was moved to the trash by Olga." */
export function noticeText(entry: TrashEntry, studyTitle: string, byName: string): string {
  const title = entry.kind === 'study' ? entry.study.title : studyTitle;
  return `Your checklist for “${title}” was moved to the trash by ${byName}.`;
}
