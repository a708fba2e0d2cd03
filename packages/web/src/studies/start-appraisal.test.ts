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
  const contents = new Map<string, Y.Doc>();
  const contentOf = (id: string) => {
    if (!contents.has(id)) contents.set(id, new Y.Doc());
    return contents.get(id)!;
  };
  return { doc, studyId, outcomeId, contents, contentOf };
}

describe('starting an appraisal', () => {
  it('a RoB 2 checklist of a cluster trial starts on the cluster variant, one update of each document', () => {
    const { doc, studyId, outcomeId } = project('rct-cluster');
    let updates = 0;
    doc.on('update', () => updates++);
    const content = new Y.Doc();
    let contentUpdates = 0;
    content.on('update', () => contentUpdates++);
    const id = startAppraisal(
      doc,
      { studyId, type: 'ROB2', reviewerId: 'u1', outcomeId },
      'rct-cluster',
      () => content,
    );
    expect([updates, contentUpdates]).toEqual([1, 1]);
    const checklist = readChecklist(doc, id, content)!;
    expect(checklist.status).toBe('in-progress');
    expect(checklist.answers).toEqual({ p_design: 'cluster' });
    expect(activeSections(rob2Definition, checklist.answers).map((s) => s.id)).toContain('d1b');
  });

  it('an existing checklist keeps the reviewer’s answer', () => {
    const { doc, studyId, outcomeId, contentOf } = project('rct-crossover');
    const input = { studyId, type: 'ROB2' as const, reviewerId: 'u1', outcomeId };
    const id = startAppraisal(doc, input, 'rct-crossover', contentOf);
    setAnswer(doc, id, contentOf(id), 'p_design', 'parallel');
    expect(startAppraisal(doc, input, 'rct-crossover', contentOf)).toBe(id);
    expect(readChecklist(doc, id, contentOf(id))!.answers).toEqual({ p_design: 'parallel' });
  });

  it('other tools and studies without a trial design start empty, their documents not opened', () => {
    const { doc, studyId, outcomeId, contents, contentOf } = project('systematic-review');
    const amstar = startAppraisal(
      doc,
      { studyId, type: 'AMSTAR2', reviewerId: 'u1' },
      'systematic-review',
      contentOf,
    );
    const rob2 = startAppraisal(
      doc,
      { studyId, type: 'ROB2', reviewerId: 'u2', outcomeId },
      undefined,
      contentOf,
    );
    expect(contents.size).toBe(0);
    expect(readChecklist(doc, amstar)).toMatchObject({ status: 'pending' });
    expect(readChecklist(doc, rob2)).toMatchObject({ status: 'pending' });
  });
});
