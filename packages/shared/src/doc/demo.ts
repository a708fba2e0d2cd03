import type * as Y from 'yjs';
import { createChecklist, noteText, setAnswer } from './checklists.ts';
import { addOutcome } from './outcomes.ts';
import { ensureDocSchema } from './migrations.ts';
import { addStudy, assignReviewers } from './studies.ts';

/**
 * The demo project's content, in one place for both its users: `npm start`'s seed of the shared
 * demo account (web/scripts/seed-demo.ts) and a new account's "Try a demo project" (the first-run
 * welcome). A real review's published studies, one of each design, each with an appraisal started.
 */

/** What the demo is about, for its project's description. */
export const DEMO_DESCRIPTION = 'A sample review to explore CoRATES.';

/** A checklist the demo started, and its own document (document model v2) holding its answers. */
export interface DemoChecklist {
  id: string;
  content: Y.Doc;
}

/**
 * Writes the demo's outcome and two studies into a project document — a randomised trial with a
 * RoB 2 appraisal and a systematic review with an AMSTAR 2 one, both started by `owner` with a
 * few answers (and a note) — in one update. `reviewer`, when given, is the studies' second
 * reviewer. `contentOf` gives a checklist's own document to write its answers into.
 */
export function writeDemoStudies(
  doc: Y.Doc,
  people: { owner: string; reviewer?: string | undefined },
  contentOf: (checklistId: string) => Y.Doc,
): DemoChecklist[] {
  const { owner } = people;
  const reviewer = people.reviewer ?? null;
  const started: DemoChecklist[] = [];
  const start = (checklist: Parameters<typeof createChecklist>[1]) => {
    const id = createChecklist(doc, checklist);
    const entry = { id, content: contentOf(id) };
    started.push(entry);
    return entry;
  };
  doc.transact(() => {
    ensureDocSchema(doc);
    const mortality = addOutcome(doc, { name: 'All-cause mortality' }, owner);
    const trial = addStudy(
      doc,
      {
        title:
          'Rosuvastatin to prevent vascular events in men and women with elevated C-reactive protein',
        authors: 'Ridker PM, Danielson E, Fonseca FAH, et al.',
        year: 2008,
        journal: 'N Engl J Med',
        doi: '10.1056/NEJMoa0807646',
        design: 'rct-parallel',
      },
      owner,
    );
    assignReviewers(doc, trial, owner, reviewer);
    const rob2 = start({ studyId: trial, type: 'ROB2', reviewerId: owner, outcomeId: mortality });
    setAnswer(doc, rob2.id, rob2.content, 'p_design', 'parallel');
    setAnswer(doc, rob2.id, rob2.content, 'p_effect', 'assignment');
    setAnswer(doc, rob2.id, rob2.content, 'd1_1', 'Y');
    const review = addStudy(
      doc,
      {
        title: 'Statins for the primary prevention of cardiovascular disease',
        authors: 'Taylor F, Huffman MD, Macedo AF, et al.',
        year: 2013,
        journal: 'Cochrane Database Syst Rev',
        doi: '10.1002/14651858.CD004816.pub5',
        design: 'systematic-review',
      },
      owner,
    );
    assignReviewers(doc, review, owner, reviewer);
    const amstar = start({ studyId: review, type: 'AMSTAR2', reviewerId: owner });
    setAnswer(doc, amstar.id, amstar.content, 'q1', 'yes');
    setAnswer(doc, amstar.id, amstar.content, 'q2', 'yes');
    noteText(amstar.content, 'q2').insert(
      0,
      'Protocol registered; deviations listed in the methods.',
    );
  });
  return started;
}
