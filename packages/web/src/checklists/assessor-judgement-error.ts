import { ChecklistReadOnlyError, ChecklistRuleError } from '@corates/shared/doc';

/**
 * Runs a write of an assessor judgement and answers what to show: null when it was recorded, the
 * rule's own words when a rule refused it (no reason, not a judgement the tool allows).
 */
export function assessorJudgementError(write: () => void): string | null {
  try {
    write();
    return null;
  } catch (e) {
    if (e instanceof ChecklistRuleError) return e.message;
    if (e instanceof ChecklistReadOnlyError)
      return 'This checklist was marked complete meanwhile, so the judgement was not changed.';
    return 'The judgement could not be recorded.';
  }
}
