import { answerFor, type ChecklistAnswers, type ChecklistSection } from './types.ts';

/**
 * A domain's judgement from its decision algorithm, or the questions the algorithm reached without
 * a usable answer (item numbers, e.g. `'5.2'`). Only questions on the algorithm's path are needed:
 * once 5.1 settles the judgement, 5.2 and 5.3 may stay blank.
 */
export type Decision<J> =
  { status: 'judged'; judgement: J } | { status: 'incomplete'; missing: string[] };

/** Reads the answer to a question of the section by its number (`'5.1'`). */
export type Ask = (number: string) => string;

/**
 * How a tool reads a stored answer to question `number` before its algorithm sees it: returns the
 * code the algorithm branches on, or undefined when the answer cannot be used there (then the
 * question counts as missing).
 */
export type ReadAnswer = (value: string, number: string) => string | undefined;

// Thrown by `ask` so an algorithm reads like the published flowchart, one question after another,
// without checking for blanks at every step; `decide` turns it into an incomplete decision.
class MissingAnswer {
  constructor(readonly number: string) {}
}

/**
 * Runs a domain's decision algorithm over the section's answers. An answer that is absent, not one
 * of the item's options, or refused by `read` stops the algorithm and is reported as missing.
 */
export function decide<J>(
  section: ChecklistSection,
  answers: ChecklistAnswers,
  read: ReadAnswer,
  algorithm: (ask: Ask) => J,
): Decision<J> {
  const ask: Ask = (number) => {
    const item = section.items.find((i) => i.number === number && i.kind !== 'direction');
    if (!item) throw new Error(`${section.id} has no question ${number}`);
    const value = answerFor(item, answers);
    const code = value === undefined ? undefined : read(value, number);
    if (code === undefined) throw new MissingAnswer(number);
    return code;
  };
  try {
    return { status: 'judged', judgement: algorithm(ask) };
  } catch (error) {
    if (error instanceof MissingAnswer) return { status: 'incomplete', missing: [error.number] };
    throw error;
  }
}

/** Independent parts of one domain (RoB 2 domain 2a parts 1 and 2): judged only when all are. */
export function decideAll<J>(decisions: readonly Decision<J>[]): Decision<J[]> {
  const missing = decisions.flatMap((d) => (d.status === 'incomplete' ? d.missing : []));
  if (missing.length > 0) return { status: 'incomplete', missing };
  return {
    status: 'judged',
    judgement: decisions.map((d) => (d as { judgement: J }).judgement),
  };
}

/** Whether an answer code is one of `codes`. */
export function isOneOf(code: string, codes: readonly string[]): boolean {
  return codes.includes(code);
}

/** The worst of some judgements on a scale ordered best first. */
export function worstOf<J>(scale: readonly J[], judgements: readonly J[]): J {
  const first = scale[0];
  if (first === undefined) throw new Error('empty judgement scale');
  return judgements.reduce((a, b) => (scale.indexOf(b) > scale.indexOf(a) ? b : a), first);
}

/** Yes or probably yes. */
export const YES = ['Y', 'PY'] as const;
/** No or probably no. */
export const NO = ['N', 'PN'] as const;
