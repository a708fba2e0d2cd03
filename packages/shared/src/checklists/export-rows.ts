import { z } from 'zod';
import type { AssessorJudgementView } from './assessor-judgement.ts';
import { historyInOrder, type ChecklistEvent } from './checklist-history.ts';
import { checklistDefinition } from './registry.ts';
import { appraisalResult, finalizedChecklists, type ResultChecklist } from './results.ts';
import { activeSections, answerFor, reachedItemIds, toolRelease } from './types.ts';
import type { Judgement } from './verdict.ts';

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
  'reviewer_id',
  'reviewer',
  'checklist_status',
  'suggested_value',
  'suggested_label',
  'judgement_reason',
  'history',
] as const;

/**
 * Which checklists an export holds. `final`: each appraisal's result (the finalized reconciled
 * checklist, or a single reviewer's finalized one). `all`: those, and every reviewer's own
 * checklist marked complete — the answers and notes each reviewer gave before reconciliation.
 */
export const exportScopeSchema = z.enum(['final', 'all']);
export type ExportScope = z.infer<typeof exportScopeSchema>;

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
  checklists: readonly ExportChecklist[];
  /**
   * Members' names by user id, as their accounts have them now: a reviewer's missing name exports
   * empty, a missing name in a history its user id.
   */
  reviewerNames?: Readonly<Record<string, string>>;
}

export interface ExportChecklist extends ResultChecklist {
  /** Each item's comment as plain text, by item id. */
  notes: Readonly<Record<string, string>>;
  /**
   * Each domain's "support for judgement" (the published tools' free text), by domain id:
   * exported in the `comment` cell of the domain's row.
   */
  support?: Readonly<Record<string, string>>;
  /** Who completed, finalized or reopened it, when and why: the `history` cell of its `overall` row. */
  history?: readonly ChecklistEvent[];
}

// Reviewer checklists whose reviewer has marked them done: drafts are not part of the record.
const COMPLETED_BY_REVIEWER = new Set(['reviewer-completed', 'finalized']);

/**
 * The checklists of a scope (see `ExportScope`), as [checklist, source]. An appraisal's reviewer
 * checklists come before its result; a single reviewer's finalized checklist is its result.
 */
function exportedChecklists<C extends ExportChecklist>(
  checklists: readonly C[],
  scope: ExportScope,
): [C, string][] {
  const finals = finalizedChecklists(checklists);
  const results = finals.map((c): [C, string] => [
    c,
    c.reviewerId === null ? 'reconciled' : 'single-reviewer',
  ]);
  if (scope === 'final') return results;
  const resultIds = new Set(finals.map((c) => c.id));
  const reviewers = checklists
    .filter((c) => c.reviewerId !== null && COMPLETED_BY_REVIEWER.has(c.status))
    .filter((c) => !resultIds.has(c.id))
    .sort(
      (a, b) =>
        (a.completedAt ?? '').localeCompare(b.completedAt ?? '') || a.id.localeCompare(b.id),
    )
    .map((c): [C, string] => [c, 'reviewer']);
  // Reviewers first: `exportRows` sorts by appraisal with a stable sort, which keeps this order.
  return [...reviewers, ...results];
}

const TOOL_ORDER = ['AMSTAR2', 'ROBINS_I', 'ROB2'];

/** `suggested_value`, `suggested_label`, `judgement_reason` and `history` of an answer row. */
const NO_ASSESSOR_CELLS = ['', '', '', ''];

/**
 * The `history` cell: the checklist's events in time order, as a reader of the file wants them —
 * "2026-12-01 10:00 UTC finalized by Ada Lovelace; 2026-12-02 09:15 UTC reopened by Ben Okri: a
 * result was misread". Who is the member's name as their account has it now, else their user id
 * (a former member); a reason's line breaks become spaces, so each event stays on its line of the
 * cell.
 */
export function historyCell(
  events: readonly ChecklistEvent[],
  names: Readonly<Record<string, string>> = {},
): string {
  return historyInOrder(events)
    .map((e) => {
      const who = (Object.hasOwn(names, e.by) ? names[e.by] : undefined) || e.by;
      const reason = e.reason?.replace(/\s+/g, ' ').trim();
      return `${historyTime(e.at)} ${e.event} by ${who}${reason ? `: ${reason}` : ''}`;
    })
    .join('; ');
}

/** "2026-12-01 10:00 UTC" from an ISO time; a time that does not parse is shown as stored. */
function historyTime(at: string): string {
  const time = new Date(at);
  if (Number.isNaN(time.getTime())) return at;
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * `suggested_value`, `suggested_label`, `judgement_reason` of a judgement row: the algorithm's
 * suggestion beside the final judgement in `value`, and the assessor's reason when their own
 * judgement is the final one (an override of a domain, a raise of the overall judgement).
 */
function assessorCells(
  suggested: Judgement | undefined,
  assessor: AssessorJudgementView | undefined,
): string[] {
  return [
    suggested?.value ?? '',
    suggested?.label ?? '',
    assessor?.applies ? assessor.reason.trim() : '',
  ];
}

/**
 * The results export as rows of cells (header first): for every checklist of the scope (by
 * default each appraisal's result: one per study, tool and outcome — the reconciled one when there
 * is one; with `all` also each reviewer's completed checklist), one `answer` row per answered or
 * commented item of the sections assessed, one `domain` row per domain judgement (every domain of
 * the design's variant: RoB 2 CRT's 1b, the cross-over domain S; its support for judgement as the
 * comment) and one `overall` row. Judgement rows carry the final judgement (the assessor's where
 * they overrode a domain or raised the overall judgement, with their reason) and the algorithm's
 * suggestion beside it; the `overall` row carries the checklist's history. An answer left on a
 * question the tool no longer asks is not part
 * of the assessment: its row, kept only for a comment, has no value. Checklists of studies no
 * longer in the project are left out. Ordered by study (as added), tool, outcome name, then an
 * appraisal's reviewers before its result.
 */
export function exportRows(input: ExportInput, scope: ExportScope = 'final'): string[][] {
  const rows: string[][] = [[...EXPORT_COLUMNS]];
  const studies = new Map(input.studies.map((s) => [s.id, s]));
  const outcomeName = (id: string | null | undefined) =>
    id ? (input.outcomes.find((o) => o.id === id)?.name ?? '') : '';
  const exported = exportedChecklists(
    input.checklists.filter((c) => studies.has(c.studyId)),
    scope,
  ).sort(
    ([a], [b]) =>
      studies.get(a.studyId)!.createdAt.localeCompare(studies.get(b.studyId)!.createdAt) ||
      a.studyId.localeCompare(b.studyId) ||
      TOOL_ORDER.indexOf(a.type) - TOOL_ORDER.indexOf(b.type) ||
      outcomeName(a.outcomeId).localeCompare(outcomeName(b.outcomeId)) ||
      (a.outcomeId ?? '').localeCompare(b.outcomeId ?? ''),
  );

  for (const [checklist, source] of exported) {
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
      source,
      checklist.completedAt ?? '',
    ];
    // The release whose algorithms gave the judgements (ROBINS-I V2, a RoB 2 variant), so a
    // reader can tell which flowcharts an exported judgement follows; empty for tools without one.
    const trail = [
      toolRelease(definition, checklist.answers) ?? '',
      checklist.reviewerId ?? '',
      checklist.reviewerId === null ? '' : (input.reviewerNames?.[checklist.reviewerId] ?? ''),
      checklist.status,
    ];
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
          ...NO_ASSESSOR_CELLS,
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
        (checklist.support?.[d.domainId] ?? '').trim(),
        ...trail,
        ...assessorCells(d.suggested, d.assessor),
        '',
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
      ...assessorCells(result.verdict.suggestedOverall, result.verdict.raise),
      // Once per checklist: a long reopening reason is not repeated on each of its rows.
      historyCell(checklist.history ?? [], input.reviewerNames),
    ]);
  }
  return rows;
}
