import { type ChecklistItem, type ChecklistOption, offeredOptions } from '@corates/shared';

/** The answers a question shows, and why a recorded one does not count, if it does not. */
export interface ItemOptionsView {
  options: readonly ChecklistOption[];
  /** Set when the recorded answer is one the question does not offer while it is asked. */
  notAnAnswer: string | null;
}

/**
 * The options a question shows: those the tool offers (`offeredOptions`: no "Not applicable" on a
 * conditional question), plus a recorded answer it does not offer — an NA chosen before the
 * question was asked, or by an earlier version of the app — so the reviewer sees it and can change
 * it. On a question that is asked such an answer does not count, and the question says why.
 */
export function itemOptionsView(
  item: ChecklistItem,
  value: string | undefined,
  reached: boolean,
): ItemOptionsView {
  const offered = offeredOptions(item);
  const kept = offered.some((o) => o.value === value)
    ? undefined
    : item.options.find((o) => o.value === value);
  if (!kept) return { options: offered, notAnAnswer: null };
  return {
    // The tool's order, with the kept answer where the tool prints it.
    options: item.options.filter((o) => o === kept || offered.includes(o)),
    notAnAnswer: reached
      ? `“${kept.label}” does not answer this question: the tool asks it for the answers given. Choose another answer.`
      : null,
  };
}
