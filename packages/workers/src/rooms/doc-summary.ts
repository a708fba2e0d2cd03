import type * as Y from 'yjs';
import {
  DocRoot,
  checklistStatusSchema,
  checklistTypeSchema,
  checklistVerdict,
  domainColumnKey,
  studyStatus,
  type ChecklistStatus,
  type StudyStatus,
} from '@corates/shared';

export interface DocSummary {
  studies: number;
  studiesByStatus: Partial<Record<StudyStatus, number>>;
  checklists: number;
  checklistsByStatus: Partial<Record<ChecklistStatus, number>>;
  /**
   * Overall judgements of checklists whose answers are complete, of every type (AMSTAR 2 rating,
   * ROBINS-I / RoB 2 overall risk of bias); the domain-based tools add each domain's judgement
   * by summary-table column (`D1` …).
   */
  scores: {
    checklistId: string;
    studyId: string;
    type: string;
    rating: string;
    domains?: Record<string, string>;
  }[];
}

function count<K extends string>(into: Partial<Record<K, number>>, key: K) {
  into[key] = (into[key] ?? 0) + 1;
}

/**
 * The per-project figures the server keeps in D1, read straight from the document. Entries a
 * client wrote in a shape this version does not know are skipped, never guessed.
 */
export function summarizeDoc(doc: Y.Doc): DocSummary {
  const studies = doc.getMap<Y.Map<unknown>>(DocRoot.studies);
  const checklists = doc.getMap<Y.Map<unknown>>(DocRoot.checklists);
  const summary: DocSummary = {
    studies: studies.size,
    studiesByStatus: {},
    checklists: 0,
    checklistsByStatus: {},
    scores: [],
  };
  const statusesByStudy = new Map<string, ChecklistStatus[]>();

  checklists.forEach((checklist, checklistId) => {
    const status = checklistStatusSchema.safeParse(checklist.get('status'));
    const studyId = checklist.get('studyId');
    if (!status.success || typeof studyId !== 'string') return;
    summary.checklists++;
    count(summary.checklistsByStatus, status.data);
    statusesByStudy.set(studyId, [...(statusesByStudy.get(studyId) ?? []), status.data]);
    const answers = checklist.get('answers') as Y.Map<string> | undefined;
    const type = checklistTypeSchema.safeParse(checklist.get('type'));
    if (type.success && answers) {
      const verdict = checklistVerdict(type.data, answers.toJSON());
      if (verdict.status === 'complete') {
        const domains: Record<string, string> = {};
        for (const d of verdict.domains)
          if (d.judgement) domains[domainColumnKey(d.domainId)] = d.judgement.value;
        summary.scores.push({
          checklistId,
          studyId,
          type: type.data,
          rating: verdict.overall.value,
          ...(verdict.domains.length > 0 ? { domains } : {}),
        });
      }
    }
  });

  studies.forEach((study, studyId) => {
    const reviewers = [study.get('reviewer1'), study.get('reviewer2')].filter(
      (r) => typeof r === 'string',
    ).length;
    count(summary.studiesByStatus, studyStatus(statusesByStudy.get(studyId) ?? [], reviewers));
  });
  return summary;
}
