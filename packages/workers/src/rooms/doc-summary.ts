import type * as Y from 'yjs';
import {
  assessedVerdict,
  studyStatus,
  type ChecklistStatus,
  type StudyStatus,
} from '@corates/shared';
import { readProjectDoc } from '@corates/shared/doc';
import type { ChecklistContents } from './checklist-contents.ts';

export interface DocSummary {
  studies: number;
  studiesByStatus: Partial<Record<StudyStatus, number>>;
  checklists: number;
  checklistsByStatus: Partial<Record<ChecklistStatus, number>>;
  /**
   * Overall judgements of checklists whose answers are complete, of every type (AMSTAR 2 rating,
   * ROBINS-I / RoB 2 overall risk of bias); the domain-based tools add each domain's judgement
   * by summary-table column (`D1` …, RoB 2's `D1b` and `DS` for its cluster and cross-over variants).
   */
  scores: {
    checklistId: string;
    studyId: string;
    type: string;
    rating: string;
    domains?: Record<string, string>;
  }[];
  /**
   * Document health: how many entries (a study, an outcome, a checklist, an answer or a note) were
   * skipped because they do not have the layout's types. Shown to owners on the project page.
   */
  problems: number;
}

function count<K extends string>(into: Partial<Record<K, number>>, key: K) {
  into[key] = (into[key] ?? 0) + 1;
}

/**
 * The per-project figures the server keeps in D1, read straight from the document through the
 * one tolerant reader of the layout (`readProjectDoc`): entries a client wrote in a shape this
 * version does not know are skipped and counted in `problems`, never guessed and never thrown on.
 * Document model v2: a checklist's answers and judgements come from its own document
 * (`checklists`, what the relay cached of each), its header from the project document; a
 * version-1 document still carries them in the header.
 */
export function summarizeDoc(doc: Y.Doc, checklists?: ChecklistContents): DocSummary {
  const content = readProjectDoc(doc);
  const summary: DocSummary = {
    studies: content.studies.length,
    studiesByStatus: {},
    checklists: 0,
    checklistsByStatus: {},
    scores: [],
    problems: content.problems.length + (checklists?.skipped ?? 0),
  };
  const statusesByStudy = new Map<string, ChecklistStatus[]>();

  for (const checklist of content.checklists) {
    const { id: checklistId, studyId, status, type } = checklist;
    summary.checklists++;
    count(summary.checklistsByStatus, status);
    statusesByStudy.set(studyId, [...(statusesByStudy.get(studyId) ?? []), status]);
    // Final judgements: the assessor's where they overrode a domain or raised the overall one.
    const own = checklists?.byId.get(checklistId);
    const verdict = assessedVerdict(
      type,
      own?.answers ?? checklist.answers,
      own?.judgements ?? checklist.judgements,
    );
    if (verdict.status === 'complete') {
      const domains: Record<string, string> = {};
      for (const d of verdict.domains) if (d.judgement) domains[d.column] = d.judgement.value;
      summary.scores.push({
        checklistId,
        studyId,
        type,
        rating: verdict.overall.value,
        ...(verdict.domains.length > 0 ? { domains } : {}),
      });
    }
  }

  for (const study of content.studies) {
    const reviewers = [study.reviewer1, study.reviewer2].filter((r) => r !== null).length;
    count(summary.studiesByStatus, studyStatus(statusesByStudy.get(study.id) ?? [], reviewers));
  }
  return summary;
}
