import {
  type ChecklistStatus,
  type ChecklistType,
  type DocStudy,
  STUDY_DESIGN_LABEL,
  STUDY_DESIGNS,
  type StudyDesign,
  type StudyStatus,
  checklistDefinition,
  checklistTypeSchema,
  combinedStudyStatus,
  studyStatusSchema,
} from '@corates/shared';
import { studyAppraisals } from './appraisals.ts';
import { type ListedChecklist, STUDY_STATUS_LABEL } from './study-row.ts';

/**
 * The studies list's search, filters and sort: pure, so the list, its URL query and its empty
 * state agree, and so filtering 1,000 studies is one pass over precomputed facts.
 */

export const STUDY_SORTS = ['added', 'title', 'year', 'status'] as const;
export type StudySort = (typeof STUDY_SORTS)[number];
export const STUDY_SORT_LABEL: Readonly<Record<StudySort, string>> = {
  added: 'Date added',
  title: 'Title (A–Z)',
  year: 'Year (newest first)',
  status: 'Status',
};

/** The reviewer filter's value for studies with an empty reviewer slot. */
export const UNASSIGNED = 'unassigned';
/** The design filter's value for studies whose design is not set. */
export const NO_DESIGN = 'none';

export interface StudyFilters {
  /** Words that must all appear in the title, authors, DOI or journal (any case). */
  q: string;
  status: StudyStatus | null;
  /** A reviewer's user id, `UNASSIGNED`, or null for anyone. */
  reviewer: string | null;
  design: StudyDesign | typeof NO_DESIGN | null;
  tool: ChecklistType | null;
  sort: StudySort;
}

export const NO_FILTERS: StudyFilters = {
  q: '',
  status: null,
  reviewer: null,
  design: null,
  tool: null,
  sort: 'added',
};

/** What the list knows about a study: derived once per change of the document, not per filter. */
export interface StudyFacts {
  study: DocStudy;
  /** The study's status (the least advanced of its appraisals). */
  status: StudyStatus;
  /** Each appraisal's status. */
  appraisalStatuses: readonly StudyStatus[];
  /** The tools its checklists are of. */
  tools: readonly ChecklistType[];
  /** The statuses of the current user's own checklists of the study. */
  myChecklists: readonly ChecklistStatus[];
  /** The checklists holding its finalized appraisals' results. */
  finals: readonly ListedChecklist[];
}

type Query = Partial<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const pick = <T extends string>(options: readonly T[], v: string): T | null =>
  (options as readonly string[]).includes(v) ? (v as T) : null;

/** The filters in a URL query; unknown values are ignored (an old or edited link still opens). */
export function parseStudyFilters(query: Query): StudyFilters {
  const reviewer = one(query['reviewer']);
  return {
    q: one(query['q']),
    status: pick(studyStatusSchema.options, one(query['status'])),
    reviewer: reviewer === '' ? null : reviewer,
    design: pick([...STUDY_DESIGNS, NO_DESIGN], one(query['design'])),
    tool: pick(checklistTypeSchema.options, one(query['tool'])),
    sort: pick(STUDY_SORTS, one(query['sort'])) ?? 'added',
  };
}

/** The URL query of the filters; a default is `undefined`, which removes it from the URL. */
export function studyFiltersQuery(f: StudyFilters): Record<keyof StudyFilters, string | undefined> {
  return {
    q: f.q.trim() === '' ? undefined : f.q,
    status: f.status ?? undefined,
    reviewer: f.reviewer ?? undefined,
    design: f.design ?? undefined,
    tool: f.tool ?? undefined,
    sort: f.sort === 'added' ? undefined : f.sort,
  };
}

/** Whether anything but the sort narrows the list. */
export function isFiltered(f: StudyFilters): boolean {
  return (
    f.q.trim() !== '' ||
    f.status !== null ||
    f.reviewer !== null ||
    f.design !== null ||
    f.tool !== null
  );
}

const words = (q: string) => q.toLocaleLowerCase().split(/\s+/).filter(Boolean);

function matches(facts: StudyFacts, f: StudyFilters, terms: readonly string[]): boolean {
  const s = facts.study;
  if (f.status !== null && facts.status !== f.status) return false;
  if (f.reviewer === UNASSIGNED && s.reviewer1 !== null && s.reviewer2 !== null) return false;
  if (f.reviewer !== null && f.reviewer !== UNASSIGNED)
    if (s.reviewer1 !== f.reviewer && s.reviewer2 !== f.reviewer) return false;
  if (f.design === NO_DESIGN && s.design !== undefined) return false;
  if (f.design !== null && f.design !== NO_DESIGN && s.design !== f.design) return false;
  if (f.tool !== null && !facts.tools.includes(f.tool)) return false;
  if (terms.length > 0) {
    const text = `${s.title}\n${s.authors}\n${s.doi}\n${s.journal}`.toLocaleLowerCase();
    if (!terms.every((t) => text.includes(t))) return false;
  }
  return true;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const statusOrder = studyStatusSchema.options;
const byAdded = (a: DocStudy, b: DocStudy) =>
  a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

const COMPARE: Record<StudySort, (a: StudyFacts, b: StudyFacts) => number> = {
  added: (a, b) => byAdded(a.study, b.study),
  title: (a, b) => collator.compare(a.study.title, b.study.title) || byAdded(a.study, b.study),
  // Newest first; studies without a year last.
  year: (a, b) =>
    (b.study.year ?? -Infinity) - (a.study.year ?? -Infinity) ||
    collator.compare(a.study.title, b.study.title),
  status: (a, b) =>
    statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status) ||
    collator.compare(a.study.title, b.study.title),
};

/** The studies the filters let through, in the chosen order. */
export function filterStudies(all: readonly StudyFacts[], f: StudyFilters): StudyFacts[] {
  const terms = words(f.q);
  return all.filter((facts) => matches(facts, f, terms)).sort(COMPARE[f.sort]);
}

/** What each active filter is, in words, for the empty state ("status: Finalized"). */
export function describeFilters(f: StudyFilters, nameOf: (userId: string) => string): string[] {
  const out: string[] = [];
  if (f.q.trim() !== '') out.push(`search “${f.q.trim()}”`);
  if (f.status !== null) out.push(`status: ${STUDY_STATUS_LABEL[f.status]}`);
  if (f.reviewer !== null)
    out.push(
      f.reviewer === UNASSIGNED ? 'reviewer: a slot unassigned' : `reviewer: ${nameOf(f.reviewer)}`,
    );
  if (f.design !== null)
    out.push(`design: ${f.design === NO_DESIGN ? 'not set' : STUDY_DESIGN_LABEL[f.design]}`);
  if (f.tool !== null) out.push(`tool: ${checklistDefinition(f.tool).title}`);
  return out;
}

/** The project page's views of the studies (its tabs). */
export type StudiesView = 'all' | 'todo' | 'to-reconcile' | 'completed';

/**
 * Whether a study belongs in a view. My to-do: I am one of its reviewers and I have not finished
 * (no checklist of mine yet, or one not marked done). Ready to reconcile: an appraisal has both
 * reviewers done, or is being reconciled. Completed: every appraisal is finalized.
 */
export function inView(facts: StudyFacts, view: StudiesView, meId: string): boolean {
  switch (view) {
    case 'all':
      return true;
    case 'todo': {
      const s = facts.study;
      if (s.reviewer1 !== meId && s.reviewer2 !== meId) return false;
      if (facts.status === 'finalized') return false;
      return (
        facts.myChecklists.length === 0 ||
        facts.myChecklists.some((c) => c === 'pending' || c === 'in-progress')
      );
    }
    case 'to-reconcile':
      return facts.appraisalStatuses.some((s) => s === 'ready-to-reconcile' || s === 'reconciling');
    case 'completed':
      return facts.status === 'finalized';
  }
}

/** A study's facts from its checklists (those of this study) and the current user. */
export function studyFacts(
  study: DocStudy,
  checklists: readonly ListedChecklist[],
  meId: string,
): StudyFacts {
  // Names, outcome titles and who may open what are not needed here: only the statuses.
  const appraisals = studyAppraisals(study, checklists, [], {
    meId,
    role: 'viewer',
    blindReviewers: true,
    nameOf: () => '',
  });
  const appraisalStatuses = appraisals.map((a) => a.status);
  return {
    study,
    status: combinedStudyStatus(appraisalStatuses),
    appraisalStatuses,
    tools: [...new Set(checklists.map((c) => c.type))],
    myChecklists: checklists.filter((c) => c.reviewerId === meId).map((c) => c.status),
    finals: appraisals.flatMap((a) => a.final ?? []),
  };
}
