import type { AssignManyResult } from '@corates/shared/doc';
import { countLabel } from '../ui/format.ts';

/**
 * Selecting studies in the list for one bulk action. The selection is kept across filter changes,
 * but an action applies only to the selected studies that are shown, so nothing hidden is changed.
 */

/** The selected studies among those shown, in the list's order. */
export function selectedShown(selected: ReadonlySet<string>, shown: readonly string[]): string[] {
  return shown.filter((id) => selected.has(id));
}

/** "Select all shown": selects every shown study, or, when all are selected, clears them. */
export function toggleAllShown(
  selected: ReadonlySet<string>,
  shown: readonly string[],
): Set<string> {
  const next = new Set(selected);
  const all = shown.length > 0 && shown.every((id) => selected.has(id));
  for (const id of shown) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}

/** The "select all shown" checkbox: checked, unchecked, or mixed (indeterminate). */
export function selectAllState(
  selected: ReadonlySet<string>,
  shown: readonly string[],
): 'all' | 'some' | 'none' {
  const n = selectedShown(selected, shown).length;
  return n === 0 ? 'none' : n === shown.length ? 'all' : 'some';
}

/** One study selected or not. */
export function toggleOne(selected: ReadonlySet<string>, id: string, on: boolean): Set<string> {
  const next = new Set(selected);
  if (on) next.add(id);
  else next.delete(id);
  return next;
}

/** What a bulk assignment did, in words: how many changed, how many were skipped and why. */
export function assignSummary(result: AssignManyResult): string {
  const count = (reason: string) => result.skipped.filter((s) => s.reason === reason).length;
  const parts = [
    result.changed.length === 0
      ? 'No study changed.'
      : `Reviewers assigned to ${countLabel(result.changed.length, 'study', 'studies')}.`,
  ];
  const started = count('started');
  if (started > 0)
    parts.push(
      `${countLabel(started, 'study', 'studies')} kept a reviewer who has already started a checklist of it.`,
    );
  const same = count('same-person');
  if (same > 0)
    parts.push(
      `${countLabel(same, 'study', 'studies')} skipped: the same person would have been both reviewers.`,
    );
  const missing = count('missing');
  if (missing > 0)
    parts.push(`${countLabel(missing, 'study', 'studies')} skipped: removed meanwhile.`);
  return parts.join(' ');
}
