import { z } from 'zod';
import {
  decide,
  decideAll,
  isOneOf,
  NO,
  worstOf,
  YES,
  type Ask,
  type Decision,
} from './decision.ts';
import { rob2Definition, type Rob2Answers } from './rob2.ts';
import { activeSections, answerFor, type ChecklistSection } from './types.ts';

/** A RoB 2 risk-of-bias judgement, best first. */
export const rob2JudgementSchema = z.enum(['low', 'some-concerns', 'high']);
export type Rob2Judgement = z.infer<typeof rob2JudgementSchema>;

const SCALE = rob2JudgementSchema.options;

const JUDGEMENT_LABELS: Record<Rob2Judgement, string> = {
  low: 'Low',
  'some-concerns': 'Some concerns',
  high: 'High',
};

/** A judgement as shown: "Low", "Some concerns", "High". */
export function rob2JudgementLabel(judgement: Rob2Judgement): string {
  return JUDGEMENT_LABELS[judgement];
}

type J = Rob2Judgement;

// Questions whose "Not applicable" the tool's algorithms give a branch (with the favourable
// answers). Anywhere else an NA on the algorithm's path contradicts the answers that led there,
// so it counts as unanswered rather than being guessed into a branch.
const NA_HAS_BRANCH: Record<string, ReadonlySet<string>> = {
  d2b: new Set(['2.3', '2.4', '2.5']),
  d3: new Set(['3.3', '3.4']),
  d3c: new Set(['3.3', '3.4']),
};

const NO_OR_NA = [...NO, 'NA'];

function domain1(ask: Ask): J {
  const concealed = ask('1.2');
  if (isOneOf(concealed, NO)) return 'high';
  if (concealed === 'NI') return isOneOf(ask('1.3'), YES) ? 'high' : 'some-concerns';
  if (isOneOf(ask('1.1'), NO)) return 'some-concerns';
  return isOneOf(ask('1.3'), YES) ? 'some-concerns' : 'low';
}

/** RoB 2 CRT domain 1a: domain 1's algorithm on questions 1a.1-1a.3 ([RoB2-C-1a]). */
function domain1a(ask: Ask): J {
  return domain1((number) => ask(number.replace(/^1\./, '1a.')));
}

/**
 * RoB 2 CRT domain 1b, identification and recruitment of participants ([RoB2-C-1b-…]). With every
 * participant identified (and recruited) before the clusters were randomised there is nothing to
 * bias; otherwise 1b.2 (selection affected by knowledge of the allocation) and the baseline
 * imbalances of 1b.3 decide, as concealment and imbalances do in domain 1.
 */
function domain1b(ask: Ask): J {
  if (isOneOf(ask('1b.1'), YES)) return 'low';
  const selected = ask('1b.2');
  if (isOneOf(selected, YES)) return 'high';
  const imbalanced = isOneOf(ask('1b.3'), YES);
  if (selected === 'NI') return imbalanced ? 'high' : 'some-concerns';
  return imbalanced ? 'some-concerns' : 'low';
}

/**
 * The cross-over variant's domain S, period and carryover effects ([RoB2-X-S-…]): carryover that
 * had no time to disappear before the second period's outcome assessment is High; without
 * information on it, Some concerns. With enough time, unequal sequences whose period effects the
 * analysis left out raise Some concerns; equal (or nearly equal) sequences, or period effects in
 * the analysis, are Low.
 */
function domainS(ask: Ask): J {
  const washedOut = ask('S.3');
  if (isOneOf(washedOut, NO)) return 'high';
  if (washedOut === 'NI') return 'some-concerns';
  if (isOneOf(ask('S.1'), YES)) return 'low';
  return isOneOf(ask('S.2'), YES) ? 'low' : 'some-concerns';
}

/** Domain 2a part 1 once anyone was aware of the assignment: deviations because of the trial. */
function trialContextDeviations(ask: Ask): J {
  const deviations = ask('2.3');
  if (isOneOf(deviations, NO)) return 'low';
  if (deviations === 'NI') return 'some-concerns';
  if (isOneOf(ask('2.4'), NO)) return 'some-concerns';
  return isOneOf(ask('2.5'), YES) ? 'some-concerns' : 'high';
}

/** Domain 2a part 1: deviations that arose because of the trial context. */
function domain2aDeviations(ask: Ask): J {
  if (isOneOf(ask('2.1'), NO) && isOneOf(ask('2.2'), NO)) return 'low';
  return trialContextDeviations(ask);
}

/**
 * RoB 2 CRT domain 2 part 1 ([RoB2-C-2-…]): participants who did not know they were in a trial
 * (2.1a N/PN) cannot have deviated because of it, whatever they knew of their intervention, so
 * only the carers' awareness (2.2) is left; otherwise as domain 2a with 2.1b for 2.1.
 */
function domain2acDeviations(ask: Ask): J {
  const participantsAware = !isOneOf(ask('2.1a'), NO) && !isOneOf(ask('2.1b'), NO);
  if (!participantsAware && isOneOf(ask('2.2'), NO)) return 'low';
  return trialContextDeviations(ask);
}

/** Domain 2a part 2: the analysis of the effect of assignment. */
function domain2aAnalysis(ask: Ask): J {
  if (isOneOf(ask('2.6'), YES)) return 'low';
  return isOneOf(ask('2.7'), NO) ? 'some-concerns' : 'high';
}

function domain2b(ask: Ask): J {
  const nonProtocolBalanced =
    (isOneOf(ask('2.1'), NO) && isOneOf(ask('2.2'), NO)) || isOneOf(ask('2.3'), [...YES, 'NA']);
  if (nonProtocolBalanced && isOneOf(ask('2.4'), NO_OR_NA) && isOneOf(ask('2.5'), NO_OR_NA)) {
    return 'low';
  }
  return isOneOf(ask('2.6'), YES) ? 'some-concerns' : 'high';
}

/** Domain 3 once outcome data are missing: 3.2 to 3.4. */
function missingData(ask: Ask): J {
  if (isOneOf(ask('3.2'), YES)) return 'low';
  if (isOneOf(ask('3.3'), NO_OR_NA)) return 'low';
  return isOneOf(ask('3.4'), NO_OR_NA) ? 'some-concerns' : 'high';
}

function domain3(ask: Ask): J {
  if (isOneOf(ask('3.1'), YES)) return 'low';
  return missingData(ask);
}

/**
 * RoB 2 CRT domain 3 ([RoB2-C-3-…]): data are complete only when every cluster that recruited
 * participants (3.1a) and nearly all participants within clusters (3.1b) have them.
 */
function domain3c(ask: Ask): J {
  if (isOneOf(ask('3.1a'), YES) && isOneOf(ask('3.1b'), YES)) return 'low';
  return missingData(ask);
}

/**
 * Domain 4, with the questions on the assessors' awareness in order (`4.3`; RoB 2 CRT: `4.3a`
 * aware a trial was taking place, `4.3b` aware of the intervention received, [RoB2-C-4-…]).
 */
function measurement(...awareness: readonly string[]) {
  return (ask: Ask): J => {
    if (isOneOf(ask('4.1'), YES)) return 'high';
    const differed = ask('4.2');
    if (isOneOf(differed, YES)) return 'high';
    // With no information on whether measurement differed, the best reachable is Some concerns.
    const best: J = differed === 'NI' ? 'some-concerns' : 'low';
    for (const question of awareness) if (isOneOf(ask(question), NO)) return best;
    if (isOneOf(ask('4.4'), NO)) return best;
    return isOneOf(ask('4.5'), NO) ? 'some-concerns' : 'high';
  };
}

function domain5(ask: Ask): J {
  const measurements = ask('5.2');
  if (isOneOf(measurements, YES)) return 'high';
  const analyses = ask('5.3');
  if (isOneOf(analyses, YES)) return 'high';
  if (measurements === 'NI' || analyses === 'NI') return 'some-concerns';
  return isOneOf(ask('5.1'), YES) ? 'low' : 'some-concerns';
}

const ALGORITHMS: Record<string, readonly ((ask: Ask) => J)[]> = {
  d1: [domain1],
  d1a: [domain1a],
  d1b: [domain1b],
  ds: [domainS],
  d2a: [domain2aDeviations, domain2aAnalysis],
  d2ac: [domain2acDeviations, domain2aAnalysis],
  d2b: [domain2b],
  d3: [domain3],
  d3c: [domain3c],
  d4: [measurement('4.3')],
  d4c: [measurement('4.3a', '4.3b')],
  d5: [domain5],
};

/**
 * The judgement of one RoB 2 domain (section id `d1` … `d5`, `d2a`/`d2b`; the cluster-randomised
 * variant's `d1a`, `d1b`, `d2ac`, `d3c`, `d4c`; the cross-over variant's `ds`) by the tool's
 * algorithm, or the questions on its path still unanswered. Domain 2 for the effect of assignment
 * has two parts (deviations, analysis), judged separately; the domain takes the worse.
 */
export function rob2DomainJudgement(domainId: string, answers: Rob2Answers): Decision<J> {
  const section: ChecklistSection | undefined = rob2Definition.sections.find(
    (s) => s.id === domainId && s.kind === 'domain',
  );
  const parts = ALGORITHMS[domainId];
  if (!section || !parts) throw new Error(`RoB 2 has no domain ${domainId}`);
  const naBranches = NA_HAS_BRANCH[domainId];
  const read = (value: string, number: string) =>
    value === 'NA' && !naBranches?.has(number) ? undefined : value;
  const decided = decideAll(parts.map((algorithm) => decide(section, answers, read, algorithm)));
  if (decided.status === 'incomplete') return decided;
  return { status: 'judged', judgement: worstOf(SCALE, decided.judgement) };
}

/** One assessed domain: its judgement (or what it still needs) and its direction of bias. */
export interface Rob2DomainResult {
  domainId: string;
  title: string;
  decision: Decision<J>;
  /** The predicted direction of bias, when recorded. */
  direction: string | undefined;
}

/** The outcome of scoring RoB 2 answers. */
export type Rob2Score =
  | { status: 'complete'; overall: Rob2Judgement; domains: Rob2DomainResult[] }
  | {
      status: 'incomplete';
      /** Numbers of the questions still needed, in display order (`'Effect'`, `'1.2'`). */
      missing: string[];
      domains: Rob2DomainResult[];
    };

/**
 * Scores RoB 2 answers. The study design and the effect of interest are required; the design picks
 * the variant's domains and the effect domain 2a or 2b. Each active domain is judged by its
 * algorithm and the overall judgement is the worst of them (any High → High; else any Some
 * concerns → Some concerns; else Low), in every variant. Any question still needed gives
 * `incomplete`, never an overall judgement.
 */
export function scoreRob2(answers: Rob2Answers): Rob2Score {
  const sections = activeSections(rob2Definition, answers);
  const missing = sections
    .filter((s) => s.kind === 'preliminary')
    .flatMap((s) => s.items)
    .filter((i) => i.kind !== 'text' && answerFor(i, answers) === undefined)
    .map((i) => i.number);
  const domains = sections
    .filter((s) => s.kind === 'domain')
    .map((s): Rob2DomainResult => {
      const dir = s.items.find((i) => i.kind === 'direction');
      return {
        domainId: s.id,
        title: s.title,
        decision: rob2DomainJudgement(s.id, answers),
        direction: dir && answerFor(dir, answers),
      };
    });
  for (const d of domains)
    if (d.decision.status === 'incomplete') missing.push(...d.decision.missing);
  if (missing.length > 0) return { status: 'incomplete', missing, domains };
  const judgements = domains.map((d) => (d.decision as { judgement: J }).judgement);
  return { status: 'complete', overall: worstOf(SCALE, judgements), domains };
}
