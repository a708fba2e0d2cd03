import { checklistDefinition } from './registry.ts';
import { appraisalResult, finalizedChecklists, type ResultChecklist } from './results.ts';
import { activeSections, answerFor, reachedItemIds, toolRelease } from './types.ts';

/**
 * The columns of a project's results export, in order. Stable: tools that read the CSV rely on
 * them, so add columns at the end and never rename one (docs/export-csv.md).
 */
export const EXPORT_COLUMNS = [
  'study_id',
  'study_title',
  'study_authors',
  'study_year',
  'study_doi',
  'tool',
  'outcome_id',
  'outcome',
  'checklist_id',
  'source',
  'finalized_at',
  'record',
  'section',
  'item',
  'question',
  'value',
  'label',
  'comment',
  'tool_version',
] as const;

export interface ExportStudy {
  id: string;
  title: string;
  authors: string;
  year: number | null;
  doi: string;
  createdAt: string;
}

export interface ExportInput {
  studies: readonly ExportStudy[];
  outcomes: readonly { id: string; name: string }[];
  /** Every checklist of the project, with each item's comment as plain text. */
  checklists: readonly (ResultChecklist & { notes: Readonly<Record<string, string>> })[];
}

const TOOL_ORDER = ['AMSTAR2', 'ROBINS_I', 'ROB2'];

/**
 * The results export as rows of cells (header first): for every finalized checklist (one per study,
 * tool and outcome — the reconciled one when there is one), one `answer` row per answered or
 * commented item of the sections assessed, one `domain` row per domain judgement (every domain of
 * the design's variant: RoB 2 CRT's 1b, the cross-over domain S) and one `overall` row. An answer
 * left on a question the tool no longer asks is not part of the assessment: its row, kept only for
 * a comment, has no value. Checklists of studies no longer in the project are left out. Ordered by
 * study (as added), tool, outcome name.
 */
export function exportRows(input: ExportInput): string[][] {
  const rows: string[][] = [[...EXPORT_COLUMNS]];
  const studies = new Map(input.studies.map((s) => [s.id, s]));
  const outcomeName = (id: string | null | undefined) =>
    id ? (input.outcomes.find((o) => o.id === id)?.name ?? '') : '';
  const finals = finalizedChecklists(input.checklists.filter((c) => studies.has(c.studyId))).sort(
    (a, b) =>
      studies.get(a.studyId)!.createdAt.localeCompare(studies.get(b.studyId)!.createdAt) ||
      a.studyId.localeCompare(b.studyId) ||
      TOOL_ORDER.indexOf(a.type) - TOOL_ORDER.indexOf(b.type) ||
      outcomeName(a.outcomeId).localeCompare(outcomeName(b.outcomeId)),
  );

  for (const checklist of finals) {
    const study = studies.get(checklist.studyId)!;
    const definition = checklistDefinition(checklist.type);
    const lead = [
      study.id,
      study.title,
      study.authors,
      study.year === null ? '' : String(study.year),
      study.doi,
      checklist.type,
      checklist.outcomeId ?? '',
      outcomeName(checklist.outcomeId),
      checklist.id,
      checklist.reviewerId === null ? 'reconciled' : 'single-reviewer',
      checklist.completedAt ?? '',
    ];
    // The release whose algorithms gave the judgements (ROBINS-I V2, a RoB 2 variant), so a
    // reader can tell which flowcharts an exported judgement follows; empty for tools without one.
    const trail = [toolRelease(definition, checklist.answers) ?? ''];
    const reached = reachedItemIds(definition, checklist.answers);
    for (const section of activeSections(definition, checklist.answers)) {
      for (const item of section.items) {
        const value = reached.has(item.id) ? answerFor(item, checklist.answers) : undefined;
        const comment = (checklist.notes[item.id] ?? '').trim();
        if (value === undefined && comment === '') continue;
        const label = item.options.find((o) => o.value === value)?.label ?? '';
        rows.push([
          ...lead,
          'answer',
          section.id,
          item.number,
          item.text,
          value ?? '',
          label,
          comment,
          ...trail,
        ]);
      }
    }
    const result = appraisalResult(checklist);
    for (const d of result.verdict.domains)
      rows.push([
        ...lead,
        'domain',
        d.domainId,
        '',
        d.title,
        d.judgement?.value ?? '',
        d.judgement?.label ?? '',
        '',
        ...trail,
      ]);
    rows.push([
      ...lead,
      'overall',
      '',
      '',
      definition.type === 'AMSTAR2' ? 'Overall confidence' : 'Overall risk of bias',
      result.overall?.value ?? '',
      result.overall?.label ?? '',
      '',
      ...trail,
    ]);
  }
  return rows;
}
