import * as Y from 'yjs';
import {
  OVERALL_JUDGEMENT_KEY,
  assessedVerdict,
  assessorJudgementProblem,
  domainJudgementOptions,
  isChecklistReadOnly,
  judgementReasonSchema,
  type AssessorJudgement,
} from '../checklists/index.ts';
import type { ChecklistType } from '../checklists/types.ts';
import { addAssessorParts } from './assessor-parts.ts';
import { ChecklistReadOnlyError, ChecklistRuleError } from './checklist-errors.ts';
import { checklistMap } from './checklists.ts';
import { readChecklistEntry } from './read-doc.ts';
import type { YChecklist } from './roots.ts';

/**
 * Records the assessor's judgement of a domain (ROBINS-I, RoB 2) where it differs from the
 * algorithm's suggestion, with the reason; `null` withdraws it (the suggestion is final again).
 * Refused (ChecklistRuleError) when the domain has no suggestion yet, the judgement is the
 * suggestion or not on the domain's scale, or the reason is missing; ChecklistReadOnlyError when
 * the checklist is completed.
 */
export function setDomainJudgement(
  doc: Y.Doc,
  checklistId: string,
  domainId: string,
  input: { judgement: string; reason: string; by: string } | null,
) {
  const { checklist, stored } = editableChecklist(doc, checklistId);
  const domain = assessedVerdict(stored.type, stored.answers, stored.judgements).domains.find(
    (d) => d.domainId === domainId,
  );
  if (!domain) throw new ChecklistRuleError('This domain is not assessed with these answers.');
  writeAssessorJudgement(doc, checklist, stored.type, domainId, input, {
    suggested: domain.suggested?.value,
    allowed: domainJudgementOptions(stored.type, domainId),
    what: 'domain',
  });
}

/**
 * Records the assessor's raise of the overall judgement, with the reason (only to what the tool
 * allows: `AssessedVerdict.raiseOptions`, never below the algorithm's result); `null` withdraws
 * it. Refused like `setDomainJudgement`.
 */
export function setOverallRaise(
  doc: Y.Doc,
  checklistId: string,
  input: { judgement: string; reason: string; by: string } | null,
) {
  const { checklist, stored } = editableChecklist(doc, checklistId);
  const verdict = assessedVerdict(stored.type, stored.answers, stored.judgements);
  writeAssessorJudgement(doc, checklist, stored.type, OVERALL_JUDGEMENT_KEY, input, {
    suggested: verdict.suggestedOverall?.value,
    allowed: verdict.raiseOptions,
    what: 'overall',
  });
}

function editableChecklist(doc: Y.Doc, checklistId: string) {
  const checklist = checklistMap(doc, checklistId);
  const stored = readChecklistEntry(checklistId, checklist).value;
  if (!stored) throw new Error(`checklist ${checklistId} cannot be read`);
  if (isChecklistReadOnly(stored.status)) throw new ChecklistReadOnlyError();
  return { checklist, stored };
}

function writeAssessorJudgement(
  doc: Y.Doc,
  checklist: YChecklist,
  type: ChecklistType,
  key: string,
  input: { judgement: string; reason: string; by: string } | null,
  rule: Omit<Parameters<typeof assessorJudgementProblem>[0], 'judgement' | 'reason'> & {
    what: 'domain' | 'overall';
  },
) {
  if (input === null) {
    const judgements = checklist.get('judgements');
    if (judgements instanceof Y.Map && judgements.has(key)) judgements.delete(key);
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
  doc.transact(() => {
    addAssessorParts(checklist, type);
    (checklist.get('judgements') as Y.Map<AssessorJudgement>).set(key, value);
  });
}
