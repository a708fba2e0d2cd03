import {
  assessedVerdict,
  type AssessedVerdict,
  type AssessorJudgements,
} from './assessor-judgement.ts';
import { checklistDefinition } from './registry.ts';
import type { ChecklistStatus } from './status.ts';
import {
  applicableSections,
  sectionColumn,
  type ChecklistAnswers,
  type ChecklistType,
} from './types.ts';
import type { Judgement } from './verdict.ts';

/** What the results views need of a checklist (the plain view of a document checklist). */
export interface ResultChecklist {
  id: string;
  type: ChecklistType;
  studyId: string;
  /** ROBINS-I and RoB 2 only. */
  outcomeId?: string | null;
  /** Null for a reconciled checklist. */
  reviewerId: string | null;
  status: ChecklistStatus;
  completedAt: string | null;
  answers: ChecklistAnswers;
  /**
   * The assessor's judgements where they differ from the algorithm's (ROBINS-I, RoB 2): applied
   * to every judgement the results show, the suggestion kept beside them.
   */
  judgements?: AssessorJudgements;
}

/**
 * One column of the summary table. Alternatives of one domain (ROBINS-I 1a/1b, RoB 2 2a/2b, and
 * RoB 2's cluster-randomised 1a beside domain 1) share a column: a result has exactly one of them.
 * A domain only some variants have (RoB 2 CRT's 1b, the cross-over domain S) has its own.
 */
export interface DomainColumn {
  /** `D1`, `D1b`, `DS`, `D2`, … */
  key: string;
  /** The domain's title without the variant's parenthesis, e.g. "1. Bias due to confounding". */
  title: string;
  /** Section ids in this column (`['d1a', 'd1b']`). */
  domainIds: string[];
}

/** The summary table's domain columns of a checklist type (none for AMSTAR 2). */
export function domainColumns(type: ChecklistType): DomainColumn[] {
  const columns: DomainColumn[] = [];
  for (const section of checklistDefinition(type).sections) {
    if (section.kind !== 'domain') continue;
    const key = sectionColumn(section);
    const existing = columns.find((c) => c.key === key);
    if (existing) existing.domainIds.push(section.id);
    else
      columns.push({
        key,
        title: section.title.replace(/\s*\(.*\)\s*$/, ''),
        domainIds: [section.id],
      });
  }
  return columns;
}

/** The appraisal a checklist belongs to: one study, one tool, and for per-outcome tools one outcome. */
export function appraisalKey(c: Pick<ResultChecklist, 'studyId' | 'type' | 'outcomeId'>): string {
  return [c.studyId, c.type, c.outcomeId ?? ''].join(':');
}

/**
 * The checklist that holds each appraisal's final answers: its finalized reconciled checklist, or
 * else a reviewer's finalized one (a study with a single reviewer). Reviewer checklists that are
 * only `reviewer-completed` wait for reconciliation and are not results.
 */
export function finalizedChecklists<C extends ResultChecklist>(checklists: readonly C[]): C[] {
  const best = new Map<string, C>();
  for (const c of checklists) {
    if (c.status !== 'finalized') continue;
    const key = appraisalKey(c);
    const current = best.get(key);
    const better =
      !current ||
      (c.reviewerId === null && current.reviewerId !== null) ||
      ((c.reviewerId === null) === (current.reviewerId === null) &&
        (c.completedAt ?? '') > (current.completedAt ?? ''));
    if (better) best.set(key, c);
  }
  return [...best.values()];
}

/** A finalized checklist's judgements, laid out on its type's domain columns. */
export interface AppraisalResult<C extends ResultChecklist = ResultChecklist> {
  checklist: C;
  /** Final judgements (the assessor's where given), with the algorithm's suggestions beside. */
  verdict: AssessedVerdict;
  overall: Judgement | undefined;
  /** By column key; undefined where the domain was not assessed (stopped at screening). */
  domains: Record<string, Judgement | undefined>;
  /** ROBINS-I stopped at screening: no domain was assessed. */
  notAssessed: boolean;
  /**
   * The columns of the domains the checklist's variant has (RoB 2: those of its study design); the
   * others do not apply to this result, as opposed to being not assessed.
   */
  columns: string[];
}

export function appraisalResult<C extends ResultChecklist>(checklist: C): AppraisalResult<C> {
  const verdict = assessedVerdict(checklist.type, checklist.answers, checklist.judgements);
  const domains: Record<string, Judgement | undefined> = {};
  for (const d of verdict.domains) domains[d.column] = d.judgement;
  const overall = verdict.status === 'complete' ? verdict.overall : undefined;
  const notAssessed =
    verdict.status === 'complete' &&
    verdict.domains.length === 0 &&
    domainColumns(checklist.type).length > 0;
  const definition = checklistDefinition(checklist.type);
  const columns = [
    ...new Set(
      applicableSections(definition, checklist.answers)
        .filter((s) => s.kind === 'domain')
        .map(sectionColumn),
    ),
  ];
  return { checklist, verdict, overall, domains, notAssessed, columns };
}
