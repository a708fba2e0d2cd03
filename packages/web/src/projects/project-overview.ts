import {
  type ChecklistType,
  type DocOutcome,
  type DocStudy,
  type StudyStatus,
  checklistDefinition,
  combinedStudyStatus,
  studyStatusSchema,
} from '@corates/shared';
import { studyAppraisals } from '../studies/appraisals.ts';
import type { ListedChecklist } from '../studies/study-row.ts';

export type StatusCounts = Record<StudyStatus, number>;

export interface AppraisalProgress {
  type: ChecklistType;
  outcomeId: string | undefined;
  /** "RoB 2 · Mortality". */
  title: string;
  /** Studies with this appraisal, by the appraisal's status. */
  counts: StatusCounts;
  total: number;
}

export interface ProjectOverview {
  studies: number;
  /** Studies by their status (the least advanced of their appraisals). */
  byStatus: StatusCounts;
  /** Each tool (and outcome, for ROBINS-I and RoB 2) appraised in the project. */
  byAppraisal: AppraisalProgress[];
}

const noCounts = (): StatusCounts =>
  Object.fromEntries(studyStatusSchema.options.map((s) => [s, 0])) as StatusCounts;

/** The project's progress: studies by status, and each tool and outcome's appraisals by status. */
export function projectOverview(
  studies: readonly DocStudy[],
  checklists: readonly ListedChecklist[],
  outcomes: readonly DocOutcome[],
): ProjectOverview {
  const byStudy = new Map<string, ListedChecklist[]>();
  for (const c of checklists) byStudy.set(c.studyId, [...(byStudy.get(c.studyId) ?? []), c]);
  const byStatus = noCounts();
  const byAppraisal = new Map<string, AppraisalProgress>();
  const outcomeName = (id: string) => outcomes.find((o) => o.id === id)?.name ?? 'Removed outcome';
  for (const study of studies) {
    // Statuses only (headers): the overview shows no checklist's content.
    const appraisals = studyAppraisals(study, byStudy.get(study.id) ?? [], outcomes, {
      meId: '',
      role: 'viewer',
      blindReviewers: true,
      nameOf: () => '',
    });
    byStatus[combinedStudyStatus(appraisals.map((a) => a.status))]++;
    for (const a of appraisals) {
      const key = `${a.type}:${a.outcomeId ?? ''}`;
      let row = byAppraisal.get(key);
      if (!row) {
        const tool = checklistDefinition(a.type).title;
        row = {
          type: a.type,
          outcomeId: a.outcomeId,
          title: a.outcomeId ? `${tool} · ${outcomeName(a.outcomeId)}` : tool,
          counts: noCounts(),
          total: 0,
        };
        byAppraisal.set(key, row);
      }
      row.counts[a.status]++;
      row.total++;
    }
  }
  return {
    studies: studies.length,
    byStatus,
    byAppraisal: [...byAppraisal.values()].sort((a, b) => a.title.localeCompare(b.title)),
  };
}
