import { checklistDefinition } from './registry.ts';
import {
  appraisalResult,
  domainColumns,
  finalizedChecklists,
  type DomainColumn,
  type ResultChecklist,
} from './results.ts';
import { studyLabels, type LabelledStudy } from './study-label.ts';
import { toolRelease } from './types.ts';
import type { Judgement } from './verdict.ts';

/**
 * The tools judged by bias domain, which robvis draws (McGuinness & Higgins, Res Synth Methods
 * 2021;12:55–61). AMSTAR 2 rates confidence in a review from 16 items, not domains: it has no
 * robvis table or figure, only the results table.
 */
export const DOMAIN_TOOLS = ['ROBINS_I', 'ROB2'] as const;
export type DomainTool = (typeof DOMAIN_TOOLS)[number];

/**
 * One cell of a robvis table. `judged`: the domain's judgement. `not-applicable`: the domain is not
 * part of this study's variant of the tool (RoB 2's 1b outside cluster trials). `not-assessed`:
 * ROBINS-I screening stopped the assessment before any domain. `no-information`: the domain
 * applies but the finalized checklist holds no judgement for it (answers an older or newer
 * version of the app wrote that this one cannot score) — robvis's "No information".
 */
export type RobvisCell =
  | { state: 'judged'; judgement: Judgement }
  | { state: 'not-applicable' | 'not-assessed' | 'no-information' };

/** What each cell state other than a judgement reads as, in the table and the CSV. */
export const CELL_STATE_TEXT = {
  'not-applicable': 'Not applicable',
  'not-assessed': 'Not assessed',
  'no-information': 'No information',
} as const;

/** A cell as text: the judgement's label, or its state. robvis reads each of these. */
export function robvisCellText(cell: RobvisCell): string {
  return cell.state === 'judged' ? cell.judgement.label : CELL_STATE_TEXT[cell.state];
}

export interface RobvisRow {
  checklistId: string;
  studyId: string;
  /** The study's label ("Lee 2020"): the robvis `Study` cell. */
  study: string;
  studyTitle: string;
  /** By column key, one for every column of the table. */
  domains: Record<string, RobvisCell>;
  overall: RobvisCell;
  /**
   * robvis's `Weight`: the study's weight in the meta-analysis, for the weighted summary plot.
   * CoRATES records no meta-analysis weights, so every study has weight 1.
   */
  weight: number;
}

/** One tool's finalized judgements for one outcome: the table robvis plots. */
export interface RobvisTable {
  type: DomainTool;
  /** Null for checklists that name no outcome the project still has. */
  outcomeId: string | null;
  outcome: string;
  /** The domain columns some row has (RoB 2's 1b only with a cluster-randomised trial). */
  columns: DomainColumn[];
  rows: RobvisRow[];
  /**
   * The robvis template that reads this table: `ROB2` (domains 1–5), `ROB2-Cluster` (1, 1b, 2–5);
   * `Generic` otherwise — robvis's `ROBINS-I` template has the seven domains of the tool's first
   * version, and none has RoB 2's cross-over domain S.
   */
  robvisTool: 'ROB2' | 'ROB2-Cluster' | 'Generic';
  /** The tool releases and variants whose algorithms gave the judgements (`toolRelease`). */
  releases: string[];
}

export interface RobvisInput {
  /** In the project's order (as added): rows follow it. */
  studies: readonly LabelledStudy[];
  outcomes: readonly { id: string; name: string }[];
  checklists: readonly ResultChecklist[];
}

const ROB2_KEYS = ['D1', 'D2', 'D3', 'D4', 'D5'].join();
const ROB2_CLUSTER_KEYS = ['D1', 'D1b', 'D2', 'D3', 'D4', 'D5'].join();

function robvisTool(type: DomainTool, columns: readonly DomainColumn[]): RobvisTable['robvisTool'] {
  const keys = columns.map((c) => c.key).join();
  if (type === 'ROB2' && keys === ROB2_KEYS) return 'ROB2';
  if (type === 'ROB2' && keys === ROB2_CLUSTER_KEYS) return 'ROB2-Cluster';
  return 'Generic';
}

/**
 * The robvis tables of a project: for RoB 2 and ROBINS-I, one per outcome with finalized
 * appraisals (the results of `finalizedChecklists`), ordered by tool then outcome name; a row per
 * study in the project's order. Studies are labelled by `studyLabels` over all of the project's
 * studies, so a study has the same label in every table.
 */
export function robvisTables(input: RobvisInput): RobvisTable[] {
  const order = new Map(input.studies.map((s, i) => [s.id, i]));
  const titles = new Map(input.studies.map((s) => [s.id, s.title]));
  const labels = studyLabels(input.studies);
  const outcomes = new Map(input.outcomes.map((o) => [o.id, o.name]));
  const finals = finalizedChecklists(input.checklists.filter((c) => order.has(c.studyId)));
  return DOMAIN_TOOLS.flatMap((type) => {
    const byOutcome = new Map<string | null, ResultChecklist[]>();
    for (const c of finals.filter((f) => f.type === type)) {
      const outcomeId = c.outcomeId && outcomes.has(c.outcomeId) ? c.outcomeId : null;
      byOutcome.set(outcomeId, [...(byOutcome.get(outcomeId) ?? []), c]);
    }
    return [...byOutcome.entries()]
      .map(([outcomeId, checklists]) => table(type, outcomeId, checklists))
      .sort(
        (a, b) =>
          Number(a.outcomeId === null) - Number(b.outcomeId === null) ||
          a.outcome.localeCompare(b.outcome) ||
          (a.outcomeId ?? '').localeCompare(b.outcomeId ?? ''),
      );
  });

  function table(
    type: DomainTool,
    outcomeId: string | null,
    checklists: ResultChecklist[],
  ): RobvisTable {
    const definition = checklistDefinition(type);
    const results = checklists
      .map(appraisalResult)
      .sort((a, b) => order.get(a.checklist.studyId)! - order.get(b.checklist.studyId)!);
    const columns = domainColumns(type).filter((c) =>
      results.some((r) => r.columns.includes(c.key)),
    );
    const rows = results.map((r): RobvisRow => {
      const domains: Record<string, RobvisCell> = {};
      for (const { key } of columns) {
        const judgement = r.domains[key];
        domains[key] = !r.columns.includes(key)
          ? { state: 'not-applicable' }
          : r.notAssessed
            ? { state: 'not-assessed' }
            : judgement
              ? { state: 'judged', judgement }
              : { state: 'no-information' };
      }
      return {
        checklistId: r.checklist.id,
        studyId: r.checklist.studyId,
        study: labels.get(r.checklist.studyId)!,
        studyTitle: titles.get(r.checklist.studyId)!,
        domains,
        overall: r.overall
          ? { state: 'judged', judgement: r.overall }
          : { state: 'no-information' },
        weight: 1,
      };
    });
    const releases = new Set<string>();
    for (const c of checklists) {
      const release = toolRelease(definition, c.answers);
      if (release) releases.add(release);
    }
    return {
      type,
      outcomeId,
      outcome: outcomeId === null ? '' : outcomes.get(outcomeId)!,
      columns,
      rows,
      robvisTool: robvisTool(type, columns),
      releases: [...releases].sort(),
    };
  }
}

/**
 * A robvis table as CSV rows, header first: `Study, D1, …, Dn, Overall, Weight` with judgements as
 * labels, which robvis reads by their initials ("Some concerns" → s, "Not applicable" → x), and
 * the weight as a number.
 */
export function robvisCsvRows(table: RobvisTable): string[][] {
  const keys = table.columns.map((c) => c.key);
  return [
    ['Study', ...keys, 'Overall', 'Weight'],
    ...table.rows.map((r) => [
      r.study,
      ...keys.map((k) => robvisCellText(r.domains[k]!)),
      robvisCellText(r.overall),
      String(r.weight),
    ]),
  ];
}
