/**
 * What the project's "blind reviewers" setting says (document model v2, issue 15): the state in
 * words for every member, and what switching it does for the owner who may.
 */

export const BLINDING_EXPLANATION =
  'While reviewers are blinded, each reviewer of an appraisal sees only their own checklist and the other’s status (in progress, done) — no answers, notes, ratings or counts — until both have marked their checklists complete. Owners who do not review an appraisal see everything; viewers see an appraisal once it is finalized.';

/** The setting's state, as every member reads it. */
export function blindingState(on: boolean): string {
  return on
    ? 'Reviewers are blinded until both have marked their checklist complete.'
    : 'Reviewers are not blinded: every member sees each reviewer’s answers and notes as they are made.';
}

/** What the owner's switch will do, announced after they flip it. */
export function blindingChanged(on: boolean): string {
  return on
    ? 'Blinding is on: reviewers no longer see each other’s checklists until both are done.'
    : 'Blinding is off: every member can now open every checklist.';
}
