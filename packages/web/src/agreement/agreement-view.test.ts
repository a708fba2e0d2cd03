import { describe, expect, it } from 'vitest';
import type { DocStudy } from '@corates/shared';
import { ROB2_ALL_LOW, ROB2_HIGH } from '@corates/shared/testing';
import type { ScoredContent } from '../studies/checklist-contents.ts';
import type { ListedChecklist } from '../studies/study-row.ts';
import { agreementPairs, projectAgreementView } from './agreement-view.ts';

type Loaded = ListedChecklist & ScoredContent;
import { KAPPA_UNDEFINED, ciText, countText, kappaText, percentText } from './agreement-text.ts';

const study = (id: string, reviewers: [string | null, string | null]): DocStudy => ({
  id,
  title: id,
  authors: '',
  year: null,
  journal: '',
  doi: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'u',
  reviewer1: reviewers[0],
  reviewer2: reviewers[1],
});
const checklist = (patch: Partial<Loaded>): Loaded => ({
  id: `${patch.studyId}:${patch.reviewerId}`,
  type: 'ROB2',
  studyId: 's1',
  outcomeId: 'o1',
  reviewerId: 'ada',
  status: 'reviewer-completed',
  createdAt: '',
  completedAt: '2026-01-02T00:00:00.000Z',
  answers: ROB2_ALL_LOW,
  judgements: {},
  ...patch,
});

describe('project agreement view', () => {
  it('pairs the assigned reviewers’ completed checklists of studies still in the project', () => {
    const tools = projectAgreementView(
      [study('s1', ['ada', 'bo']), study('s2', ['ada', 'bo']), study('s3', ['ada', null])],
      [
        checklist({ studyId: 's2', reviewerId: 'bo', answers: ROB2_HIGH }),
        checklist({ studyId: 's2', reviewerId: 'ada' }),
        checklist({ studyId: 's1', reviewerId: 'ada' }),
        checklist({ studyId: 's1', reviewerId: 'bo' }),
        checklist({ studyId: 's3', reviewerId: 'ada', status: 'finalized' }),
        checklist({ studyId: 'removed', reviewerId: 'ada' }),
        checklist({ studyId: 'removed', reviewerId: 'bo' }),
      ],
    );
    expect(tools.map((t) => [t.type, t.appraisals])).toEqual([['ROB2', 2]]);
    const overall = tools[0]!.rows.find((r) => r.key === 'overall')!;
    expect([overall.stats.n, overall.stats.agreements]).toEqual([2, 1]);
  });

  it('no study with two completed checklists: nothing to show', () => {
    expect(
      projectAgreementView(
        [study('s1', ['ada', 'bo'])],
        [checklist({ reviewerId: 'ada' }), checklist({ reviewerId: 'bo', status: 'in-progress' })],
      ),
    ).toEqual([]);
  });
});

describe('agreement pairs from headers', () => {
  it('pairs the assigned reviewers’ completed checklists without their content', () => {
    const header = ({ answers: _a, judgements: _j, ...h }: Loaded): ListedChecklist => h;
    const pairs = agreementPairs(
      [study('s1', ['ada', 'bo']), study('s2', ['ada', 'bo'])],
      [
        header(checklist({ studyId: 's1', reviewerId: 'bo' })),
        header(checklist({ studyId: 's1', reviewerId: 'ada' })),
        header(checklist({ studyId: 's2', reviewerId: 'ada' })),
        header(checklist({ studyId: 's2', reviewerId: 'bo', status: 'in-progress' })),
        header(checklist({ studyId: 'removed', reviewerId: 'ada' })),
        header(checklist({ studyId: 'removed', reviewerId: 'bo' })),
      ],
    );
    expect(pairs.map((p) => [p.first.id, p.second.id])).toEqual([['s1:ada', 's1:bo']]);
    expect('answers' in pairs[0]!.first).toBe(false);
  });
});

describe('agreement figures as text', () => {
  it('percent, counts, κ with its interval; a dash where there is no figure', () => {
    expect(percentText(2 / 3)).toBe('67%');
    expect(percentText(null)).toBe('—');
    expect(countText({ compared: 6, agreements: 4, percent: 4 / 6 })).toBe('4 of 6 (67%)');
    expect(countText({ compared: 0, agreements: 0, percent: null })).toBe('none compared');
    const k = {
      defined: true,
      value: 0.6249999999999998,
      standardError: 0.2,
      ci95: [-0.035, 1],
    } as const;
    expect(kappaText(k)).toBe('0.63');
    expect(ciText(k)).toBe('95% CI −0.04 to 1.00');
    const none = { defined: false, reason: 'one-category' } as const;
    expect([kappaText(none), ciText(none)]).toEqual(['—', '']);
    expect(KAPPA_UNDEFINED[none.reason]).toMatch(/same/);
  });
});
