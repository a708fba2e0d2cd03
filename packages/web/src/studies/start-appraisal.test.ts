import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { activeSections, rob2Definition } from '@corates/shared';
import { addOutcome, addStudy, readChecklist, setAnswer } from '@corates/shared/doc';
import { startAppraisal } from './start-appraisal.ts';

const fields = { title: 'T', authors: '', year: null, journal: '', doi: '' };

function project(design?: 'rct-cluster' | 'rct-crossover' | 'systematic-review') {
  const doc = new Y.Doc();
  const studyId = addStudy(doc, design ? { ...fields, design } : fields, 'u1');
  const outcomeId = addOutcome(doc, { name: 'Pain' }, 'u1');
  return { doc, studyId, outcomeId };
}

describe('starting an appraisal', () => {
  it('a RoB 2 checklist of a cluster trial starts on the cluster variant, in one update', () => {
    const { doc, studyId, outcomeId } = project('rct-cluster');
    let updates = 0;
    doc.on('update', () => updates++);
    const id = startAppraisal(
      doc,
      { studyId, type: 'ROB2', reviewerId: 'u1', outcomeId },
      'rct-cluster',
    );
    expect(updates).toBe(1);
    const checklist = readChecklist(doc, id)!;
    expect(checklist.answers).toEqual({ p_design: 'cluster' });
    expect(activeSections(rob2Definition, checklist.answers).map((s) => s.id)).toContain('d1b');
  });

  it('an existing checklist keeps the reviewer’s answer', () => {
    const { doc, studyId, outcomeId } = project('rct-crossover');
    const input = { studyId, type: 'ROB2' as const, reviewerId: 'u1', outcomeId };
    const id = startAppraisal(doc, input, 'rct-crossover');
    setAnswer(doc, id, 'p_design', 'parallel');
    expect(startAppraisal(doc, input, 'rct-crossover')).toBe(id);
    expect(readChecklist(doc, id)!.answers).toEqual({ p_design: 'parallel' });
  });

  it('other tools and studies without a trial design start empty', () => {
    const { doc, studyId, outcomeId } = project('systematic-review');
    const amstar = startAppraisal(
      doc,
      { studyId, type: 'AMSTAR2', reviewerId: 'u1' },
      'systematic-review',
    );
    const rob2 = startAppraisal(
      doc,
      { studyId, type: 'ROB2', reviewerId: 'u2', outcomeId },
      undefined,
    );
    expect(readChecklist(doc, amstar)).toMatchObject({ status: 'pending', answers: {} });
    expect(readChecklist(doc, rob2)).toMatchObject({ status: 'pending', answers: {} });
  });
});
