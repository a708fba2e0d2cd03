/**
 * Moves focus to a question of the checklist form (`item-<id>`): to its chosen answer, else its
 * first answer, so the keyboard is where the reviewer needs it; a question that cannot take focus
 * there (read-only) gets it on its container. Returns false when the question is not on the page.
 */
export function focusQuestion(itemId: string): boolean {
  const item = document.getElementById(`item-${itemId}`);
  if (!item) return false;
  const radio =
    item.querySelector<HTMLInputElement>('input[type=radio]:checked:not(:disabled)') ??
    item.querySelector<HTMLInputElement>('input[type=radio]:not(:disabled)');
  item.scrollIntoView({ block: 'center' });
  (radio ?? item).focus({ preventScroll: true });
  return true;
}

/**
 * Moves focus to an assessor judgement's panel (`judgement-<domainId>`, `judgement-overall`): to
 * the control that settles a stale judgement (confirm again, else clear), else the panel itself.
 * Returns false when the panel is not on the page.
 */
export function focusJudgement(key: string): boolean {
  const panel = document.getElementById(`judgement-${key}`);
  if (!panel) return false;
  const action = panel.querySelector<HTMLButtonElement>('[data-stale-action]:not(:disabled)');
  panel.scrollIntoView({ block: 'center' });
  (action ?? panel).focus({ preventScroll: true });
  return true;
}

/**
 * Moves focus to a section's heading (`section-<id>`, which takes focus programmatically), at the
 * top of the screen: the summary's domain links go there rather than leave focus on the link.
 * Returns false when the section is not on the page.
 */
export function focusSection(sectionId: string): boolean {
  const heading = document.getElementById(`section-${sectionId}`);
  if (!heading) return false;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
  return true;
}
