import {
  type ChecklistType,
  type DocOutcome,
  type DocStudy,
  type DomainColumn,
  type Judgement,
  appraisalResult,
  checklistDefinition,
  domainColumns,
  finalizedChecklists,
} from '@corates/shared';
import type { DocChecklist } from '../sync/doc/doc-model.ts';

export interface ResultsRow {
  key: string;
  studyTitle: string;
  outcome: string;
  /** By column key; undefined cells are shown as "Not assessed". */
  domains: Record<string, Judgement | undefined>;
  /**
   * Keys of the columns this result's variant has (RoB 2: its study design's domains); the other
   * columns do not apply to it and show as such.
   */
  applies: string[];
  overall: Judgement | undefined;
}

/**
 * One tool's traffic-light table: study (× outcome) rows, domain columns, the overall judgement.
 * Only columns some row has are shown: RoB 2's domain 1b only with a cluster-randomised trial,
 * domain S only with a cross-over trial.
 */
export interface ResultsTable {
  type: ChecklistType;
  title: string;
  columns: DomainColumn[];
  rows: ResultsRow[];
}

const TOOLS: readonly ChecklistType[] = ['ROBINS_I', 'ROB2', 'AMSTAR2'];

/** The results tables from the document: one per tool with finalized appraisals. */
export function resultsTables(
  studies: readonly DocStudy[],
  outcomes: readonly DocOutcome[],
  checklists: readonly DocChecklist[],
): ResultsTable[] {
  const order = new Map(studies.map((s, i) => [s.id, i]));
  const finals = finalizedChecklists(
    checklists
      .filter((c) => order.has(c.studyId))
      .map((c) => ({ ...c, answers: { ...c.answers } })),
  );
  return TOOLS.flatMap((type) => {
    const rows = finals
      .filter((c) => c.type === type)
      .map((c): ResultsRow & { order: number } => {
        const result = appraisalResult(c);
        return {
          key: c.id,
          order: order.get(c.studyId)!,
          studyTitle: studies.find((s) => s.id === c.studyId)!.title,
          outcome: outcomes.find((o) => o.id === c.outcomeId)?.name ?? '',
          domains: result.domains,
          applies: result.columns,
          overall: result.overall,
        };
      })
      .sort((a, b) => a.order - b.order || a.outcome.localeCompare(b.outcome))
      .map(({ order: _, ...row }) => row);
    if (rows.length === 0) return [];
    const columns = domainColumns(type).filter((c) => rows.some((r) => r.applies.includes(c.key)));
    return [{ type, title: checklistDefinition(type).title, columns, rows }];
  });
}
