import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  readChecklistContent,
  readChecklists,
  readOutcomes,
  readStudies,
  writeDemoStudies,
} from './index.ts';

describe('writeDemoStudies', () => {
  it('writes a trial and a review with their designs, each with an appraisal the owner started', () => {
    const doc = new Y.Doc();
    const contents = new Map<string, Y.Doc>();
    const started = writeDemoStudies(doc, { owner: 'ada' }, (id) => {
      const content = new Y.Doc();
      contents.set(id, content);
      return content;
    });

    const studies = readStudies(doc);
    expect(studies.map((s) => s.design).sort()).toEqual(['rct-parallel', 'systematic-review']);
    expect(studies.every((s) => s.reviewer1 === 'ada' && s.reviewer2 === null)).toBe(true);
    expect(readOutcomes(doc).map((o) => o.name)).toEqual(['All-cause mortality']);
    const headers = readChecklists(doc);
    expect(headers.map((c) => `${c.type}:${c.status}:${c.reviewerId}`).sort()).toEqual([
      'AMSTAR2:in-progress:ada',
      'ROB2:in-progress:ada',
    ]);
    // The answers are in the documents `contentOf` gave, and those are what it returns.
    expect(started.map((c) => c.id).sort()).toEqual(headers.map((c) => c.id).sort());
    for (const { id, content } of started) expect(contents.get(id)).toBe(content);
    const amstar = started.find((c) => c.id === headers.find((h) => h.type === 'AMSTAR2')!.id)!;
    expect(readChecklistContent(amstar.content)).toMatchObject({
      answers: { q1: 'yes', q2: 'yes' },
      notes: { q2: 'Protocol registered; deviations listed in the methods.' },
    });
  });

  it('names the second reviewer when there is one', () => {
    const doc = new Y.Doc();
    writeDemoStudies(doc, { owner: 'ada', reviewer: 'bo' }, () => new Y.Doc());
    expect(readStudies(doc).every((s) => s.reviewer2 === 'bo')).toBe(true);
  });
});
