/**
 * What a page says instead of a checklist whose document this user may not open yet (document
 * model v2: blinded reviewers, viewers before the result). Not an error: the checklist exists and
 * will be visible later; the wording says when.
 */
export function withheldMessage(input: {
  /** The checklist's reviewer; null for the reconciled checklist. */
  reviewerId: string | null;
  reviewerName: string;
  viewer: boolean;
}): string {
  if (input.reviewerId === null)
    return 'You’ll see the reconciled answers once the reconciliation is finalized.';
  if (input.viewer)
    return `You’ll see ${input.reviewerName}’s answers once the appraisal is finalized.`;
  return `You’ll see ${input.reviewerName}’s answers once both reviewers have marked their checklists complete.`;
}
