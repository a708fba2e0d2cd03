import {
  type Amstar2Answers,
  type ChecklistAnswers,
  type ChecklistType,
  checklistVerdict,
  ratingLabel,
  scoreAmstar2,
} from '@corates/shared';

/** A checklist's score in the terms every checklist type shares, for the generic views. */
export type ChecklistScore =
  | {
      status: 'complete';
      /** The overall judgement as shown, e.g. "Critically low", "Some concerns". */
      ratingLabel: string;
      /**
       * What drives an AMSTAR 2 rating: item numbers of critical flaws and of non-critical
       * weaknesses, in item order. Null for the risk-of-bias tools, whose domains say it.
       */
      findings: { criticalFlaws: string[]; nonCriticalWeaknesses: string[] } | null;
    }
  | { status: 'incomplete'; /** Item numbers still unanswered. */ missing: string[] };

/**
 * Scores a checklist of any type. AMSTAR 2 lists its flaws; ROBINS-I and RoB 2 show their overall
 * judgement (per-domain judgements are in `checklistVerdict` for the views that show them).
 */
export function scoreChecklist(type: ChecklistType, answers: ChecklistAnswers): ChecklistScore {
  switch (type) {
    case 'AMSTAR2': {
      // Answers read from the document are plain strings; scoreAmstar2 checks each one against
      // the item's options (answerFor), so anything unknown counts as unanswered.
      const score = scoreAmstar2(answers as Amstar2Answers);
      if (score.status === 'incomplete') return score;
      return {
        status: 'complete',
        ratingLabel: ratingLabel(score.rating),
        findings: {
          criticalFlaws: score.criticalFlaws,
          nonCriticalWeaknesses: score.nonCriticalWeaknesses,
        },
      };
    }
    case 'ROBINS_I':
    case 'ROB2': {
      const verdict = checklistVerdict(type, answers);
      if (verdict.status === 'incomplete')
        return { status: 'incomplete', missing: verdict.missing };
      return { status: 'complete', ratingLabel: verdict.overall.label, findings: null };
    }
  }
}
