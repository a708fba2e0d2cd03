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
