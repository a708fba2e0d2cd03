import type * as Y from 'yjs';
import {
  OVERALL_JUDGEMENT_KEY,
  assessedVerdict,
  assessorJudgementProblem,
  domainJudgementOptions,
  judgementReasonSchema,
  type AssessorJudgement,
} from '../checklists/index.ts';
import { ChecklistDocRoot, readChecklistContent } from './checklist-doc.ts';
import { ChecklistRuleError } from './checklist-errors.ts';
import { editableHeader } from './checklists.ts';

type JudgementInput = { judgement: string; reason: string; by: string } | null;

/**
 * Records the assessor's judgement of a domain (ROBINS-I, RoB 2) where it differs from the
 * algorithm's suggestion, with the reason, in the checklist's document; `null` withdraws it (the
 * suggestion is final again). Refused (ChecklistRuleError) when the domain has no suggestion yet,
 * the judgement is the suggestion or not on the domain's scale, or the reason is missing;
 * ChecklistReadOnlyError when the checklist is completed.
 */
export function setDomainJudgement(
  project: Y.Doc,
  checklistId: string,
  content: Y.Doc,
  domainId: string,
  input: JudgementInput,
) {
  const { type } = editableHeader(project, checklistId);
  const { answers, judgements } = readChecklistContent(content);
  const domain = assessedVerdict(type, answers, judgements).domains.find(
    (d) => d.domainId === domainId,
  );
  if (!domain) throw new ChecklistRuleError('This domain is not assessed with these answers.');
  writeAssessorJudgement(content, domainId, input, {
    suggested: domain.suggested?.value,
    allowed: domainJudgementOptions(type, domainId),
    what: 'domain',
  });
}

/**
 * Records the assessor's raise of the overall judgement, with the reason (only to what the tool
 * allows: `AssessedVerdict.raiseOptions`, never below the algorithm's result); `null` withdraws
 * it. Refused like `setDomainJudgement`.
 */
export function setOverallRaise(
  project: Y.Doc,
  checklistId: string,
  content: Y.Doc,
  input: JudgementInput,
) {
  const { type } = editableHeader(project, checklistId);
  const { answers, judgements } = readChecklistContent(content);
  const verdict = assessedVerdict(type, answers, judgements);
  writeAssessorJudgement(content, OVERALL_JUDGEMENT_KEY, input, {
    suggested: verdict.suggestedOverall?.value,
    allowed: verdict.raiseOptions,
    what: 'overall',
  });
}

function writeAssessorJudgement(
  content: Y.Doc,
  key: string,
  input: JudgementInput,
  rule: Omit<Parameters<typeof assessorJudgementProblem>[0], 'judgement' | 'reason'> & {
    what: 'domain' | 'overall';
  },
) {
  const judgements = content.getMap<AssessorJudgement>(ChecklistDocRoot.judgements);
  if (input === null) {
    if (judgements.has(key)) content.transact(() => judgements.delete(key));
    return;
  }
  const problem = assessorJudgementProblem({ ...rule, ...input }, rule.what);
  if (problem) throw new ChecklistRuleError(problem);
  const value: AssessorJudgement = {
    judgement: input.judgement,
    reason: judgementReasonSchema.parse(input.reason),
    suggested: rule.suggested!,
    by: input.by,
    at: new Date().toISOString(),
  };
  content.transact(() => judgements.set(key, value));
}
