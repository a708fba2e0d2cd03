import { describe, expect, it } from 'vitest';
import type { DocStudy } from '@corates/shared';
import type { ListedChecklist } from './study-row.ts';
import {
  NO_FILTERS,
  type StudyFacts,
  type StudyFilters,
  UNASSIGNED,
  describeFilters,
  filterStudies,
  inView,
  isFiltered,
  parseStudyFilters,
  studyFacts,
  studyFiltersQuery,
} from './study-filters.ts';

let n = 0;
const study = (patch: Partial<DocStudy>): DocStudy => ({
  id: `s${++n}`,
  title: 'Untitled',
  authors: '',
  year: null,
  journal: '',
  doi: '',
  createdAt: `2026-01-${String(n).padStart(2, '0')}T00:00:00.000Z`,
  createdBy: 'olga',
  reviewer1: null,
  reviewer2: null,
  ...patch,
});

const facts = (s: DocStudy, patch: Partial<StudyFacts> = {}): StudyFacts => ({
  study: s,
  status: 'pending',
  appraisalStatuses: [],
  tools: [],
  myChecklists: [],
  finals: [],
  ...patch,
});

const statins = facts(
  study({
    title: 'Statins in older adults',
    authors: 'Lee, Park',
    year: 2021,
    journal: 'BMJ',
    doi: '10.1136/bmj.n1',
    design: 'rct-parallel',
    reviewer1: 'ada',
    reviewer2: 'bo',
  }),
  { status: 'in-progress', appraisalStatuses: ['in-progress'], tools: ['ROB2'] },
);
const aspirin = facts(
  study({ title: 'aspirin review', authors: 'Khan', year: 2019, journal: 'Lancet' }),
);
const exercise = facts(
  study({
    title: 'Exercise therapy',
    year: 2023,
    design: 'systematic-review',
    reviewer1: 'bo',
  }),
  { status: 'finalized', appraisalStatuses: ['finalized'], tools: ['AMSTAR2'] },
);
const all = [statins, aspirin, exercise];
const titles = (f: Partial<StudyFilters>) =>
  filterStudies(all, { ...NO_FILTERS, ...f }).map((x) => x.study.title);

describe('filterStudies', () => {
  it('searches title, authors, DOI and journal, every word, any case', () => {
    expect(titles({ q: 'STATINS' })).toEqual(['Statins in older adults']);
    expect(titles({ q: 'park' })).toEqual(['Statins in older adults']);
    expect(titles({ q: 'bmj.n1' })).toEqual(['Statins in older adults']);
    expect(titles({ q: 'lancet' })).toEqual(['aspirin review']);
    expect(titles({ q: 'review khan' })).toEqual(['aspirin review']);
    expect(titles({ q: 'review lee' })).toEqual([]);
    expect(titles({ q: '   ' })).toHaveLength(3);
  });

  it('filters by status, reviewer, design and tool, combined', () => {
    expect(titles({ status: 'finalized' })).toEqual(['Exercise therapy']);
    expect(titles({ reviewer: 'bo' })).toEqual(['Statins in older adults', 'Exercise therapy']);
    expect(titles({ reviewer: UNASSIGNED })).toEqual(['aspirin review', 'Exercise therapy']);
    expect(titles({ design: 'none' })).toEqual(['aspirin review']);
    expect(titles({ design: 'systematic-review' })).toEqual(['Exercise therapy']);
    expect(titles({ tool: 'ROB2' })).toEqual(['Statins in older adults']);
    expect(titles({ reviewer: 'bo', tool: 'AMSTAR2' })).toEqual(['Exercise therapy']);
    expect(titles({ reviewer: 'ada', status: 'finalized' })).toEqual([]);
  });

  it('sorts by date added, title, year (newest first) and status', () => {
    expect(titles({})).toEqual(['Statins in older adults', 'aspirin review', 'Exercise therapy']);
    expect(titles({ sort: 'title' })).toEqual([
      'aspirin review',
      'Exercise therapy',
      'Statins in older adults',
    ]);
    expect(titles({ sort: 'year' })).toEqual([
      'Exercise therapy',
      'Statins in older adults',
      'aspirin review',
    ]);
    expect(titles({ sort: 'status' })).toEqual([
      'aspirin review',
      'Statins in older adults',
      'Exercise therapy',
    ]);
  });

  it('puts studies without a year last when sorting by year', () => {
    const undated = facts(study({ title: 'A undated' }));
    expect(
      filterStudies([undated, aspirin], { ...NO_FILTERS, sort: 'year' }).map((f) => f.study.title),
    ).toEqual(['aspirin review', 'A undated']);
  });
});

describe('the URL query', () => {
  it('round-trips every filter and drops defaults', () => {
    const f: StudyFilters = {
      q: 'statins',
      status: 'ready-to-reconcile',
      reviewer: 'ada',
      design: 'nrsi',
      tool: 'ROBINS_I',
      sort: 'year',
    };
    const query = studyFiltersQuery(f);
    expect(parseStudyFilters(query)).toEqual(f);
    expect(studyFiltersQuery(NO_FILTERS)).toEqual({
      q: undefined,
      status: undefined,
      reviewer: undefined,
      design: undefined,
      tool: undefined,
      sort: undefined,
    });
  });

  it('ignores values it does not know', () => {
    expect(
      parseStudyFilters({ status: 'done', design: 'case-report', tool: 'X', sort: 'colour' }),
    ).toEqual(NO_FILTERS);
    expect(parseStudyFilters({ q: ['a', 'b'] }).q).toBe('a');
  });

  it('says whether anything narrows the list (the sort does not)', () => {
    expect(isFiltered({ ...NO_FILTERS, sort: 'title' })).toBe(false);
    expect(isFiltered({ ...NO_FILTERS, tool: 'ROB2' })).toBe(true);
  });
});

describe('describeFilters', () => {
  it('names each active filter for the empty state', () => {
    expect(
      describeFilters(
        {
          ...NO_FILTERS,
          q: ' x ',
          status: 'finalized',
          reviewer: 'ada',
          design: 'none',
          tool: 'ROB2',
        },
        (id) => (id === 'ada' ? 'Ada' : '?'),
      ),
    ).toEqual([
      'search “x”',
      'status: Finalized',
      'reviewer: Ada',
      'design: not set',
      'tool: RoB 2',
    ]);
  });
});

const checklist = (patch: Partial<ListedChecklist>): ListedChecklist =>
  ({
    id: `c${++n}`,
    type: 'AMSTAR2',
    studyId: 'sx',
    reviewerId: 'ada',
    status: 'in-progress',
    createdAt: '2026-01-02T00:00:00.000Z',
    completedAt: null,
    ...patch,
  }) as ListedChecklist;

describe('studyFacts and the views', () => {
  const s = study({ id: 'sx', reviewer1: 'ada', reviewer2: 'bo' });
  const ids = (reviewer: string, type: 'AMSTAR2' | 'ROB2' = 'AMSTAR2') => `sx:${type}:${reviewer}`;

  it('a study assigned to me with nothing started is on my to-do, not on the others’', () => {
    const f = studyFacts(s, [], 'ada');
    expect(f.status).toBe('pending');
    expect(inView(f, 'todo', 'ada')).toBe(true);
    expect(inView(f, 'todo', 'cy')).toBe(false);
    expect(inView(f, 'to-reconcile', 'ada')).toBe(false);
  });

  it('leaves my to-do once I marked my checklist done; both done is ready to reconcile', () => {
    const mineDone = checklist({ id: ids('ada'), reviewerId: 'ada', status: 'reviewer-completed' });
    const hersOpen = checklist({ id: ids('bo'), reviewerId: 'bo', status: 'in-progress' });
    const f = studyFacts(s, [mineDone, hersOpen], 'ada');
    expect(f.tools).toEqual(['AMSTAR2']);
    expect(f.myChecklists).toEqual(['reviewer-completed']);
    expect(inView(f, 'todo', 'ada')).toBe(false);
    expect(inView(studyFacts(s, [mineDone, hersOpen], 'bo'), 'todo', 'bo')).toBe(true);
    const both = studyFacts(s, [mineDone, { ...hersOpen, status: 'reviewer-completed' }], 'ada');
    expect(both.status).toBe('ready-to-reconcile');
    expect(inView(both, 'to-reconcile', 'ada')).toBe(true);
    expect(inView(both, 'completed', 'ada')).toBe(false);
  });

  it('a finalized study is completed and on nobody’s to-do', () => {
    const f = studyFacts(
      s,
      [
        checklist({ id: ids('ada'), status: 'reviewer-completed' }),
        checklist({ id: ids('bo'), reviewerId: 'bo', status: 'reviewer-completed' }),
        checklist({ id: 'sx:AMSTAR2:reconciled', reviewerId: null, status: 'finalized' }),
      ],
      'ada',
    );
    expect(f.status).toBe('finalized');
    expect(f.finals.map((c) => c.id)).toEqual(['sx:AMSTAR2:reconciled']);
    expect(inView(f, 'completed', 'ada')).toBe(true);
    expect(inView(f, 'todo', 'ada')).toBe(false);
  });
});
