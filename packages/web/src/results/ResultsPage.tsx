import { For, Show, createMemo } from 'solid-js';
import {
  checklistDefinition,
  csvFile,
  robvisCellText,
  robvisCsvRows,
  type Project,
  type RobvisCell,
  type RobvisTable,
} from '@corates/shared';
import { JudgementBadge } from '../checklists/JudgementBadge.tsx';
import { ProjectSubpage } from '../projects/ProjectSubpage.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import { readBlindReviewers, readChecklists, readOutcomes, readStudies } from '@corates/shared/doc';
import { useSession } from '../session/SessionProvider.tsx';
import { loadingText, openable, joinContents } from '../studies/checklist-contents.ts';
import { createChecklistContents } from '../studies/use-checklist-contents.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady, useProjectDoc } from '../sync/doc/use-project-doc.ts';
import { Loading } from '../ui/PageStatus.tsx';
import {
  figureFileName,
  percent,
  summaryBars,
  summaryLayout,
  trafficLightLayout,
} from './figure-layout.ts';
import { saveBlob } from './figure-download.ts';
import { resultHeaders, resultsView, type Amstar2Row } from './results-table.ts';
import { RiskOfBiasFigure } from './RiskOfBiasFigure.tsx';
import './results.css';

/**
 * A project's finalized judgements: per tool and outcome, robvis's traffic-light and summary
 * figures (SVG and PNG), the judgements as a table, a robvis table (CSV); AMSTAR 2 as a table;
 * the answers-and-notes CSV exports; how to cite the tools.
 */
export function ResultsPage() {
  return (
    <ProjectSubpage title="Results" loadingLabel="Loading results…">
      {(project) => <ResultsWorkspace project={project} />}
    </ProjectSubpage>
  );
}

function ResultsWorkspace(props: { project: Project }) {
  const handle = useProjectDoc(() => props.project.id);
  const exportUrl = (query = '') =>
    `/api/projects/${encodeURIComponent(props.project.id)}/export.csv${query}`;
  return (
    <>
      <h1>Results: {props.project.name}</h1>
      <section aria-labelledby="answers-heading" class="results-downloads">
        <h2 id="answers-heading">Answers and notes</h2>
        <ul class="download-list">
          <li>
            <a class="button" href={exportUrl()} download="" data-testid="export-csv">
              Download results (CSV)
            </a>{' '}
            <span class="muted">
              Each appraisal’s final answers, comments and judgements: the reconciled checklist, or
              a single reviewer’s.
            </span>
          </li>
          <li>
            <a
              class="button"
              href={exportUrl('?checklists=all')}
              download=""
              data-testid="export-csv-all"
            >
              Download every reviewer’s answers (CSV)
            </a>{' '}
            <span class="muted">
              The same, and before each result every reviewer’s own completed checklist with their
              name, answers and comments.
            </span>
          </li>
        </ul>
        <p class="muted">
          UTF-8 files that Excel opens with accents intact, one row per answer and per judgement;
          the server’s copy, updated within seconds of a change.
        </p>
      </section>
      <Show when={handle()} keyed>
        {(h) => <ResultsContent project={props.project} handle={h} />}
      </Show>
    </>
  );
}

function ResultsContent(props: { project: Project; handle: ProjectDocHandle }) {
  const session = useSession();
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const studies = createDocValue(doc, readStudies);
  const outcomes = createDocValue(doc, readOutcomes);
  const headers = createDocValue(doc, (d) => readChecklists(d));
  const blindReviewers = createDocValue(doc, readBlindReviewers);
  // The project document holds headers: which checklists hold results is known from them, their
  // answers are in their own documents, loaded here (those this user may open).
  const finals = createMemo(() => resultHeaders(studies(), headers()));
  const wanted = createMemo(() =>
    openable(finals(), headers(), {
      meId: session.user()?.id ?? '',
      role: props.project.role,
      blindReviewers: blindReviewers(),
    }),
  );
  const loaded = createChecklistContents(props.project.id, () => session.user()?.id, wanted);
  const view = createMemo(() =>
    resultsView(studies(), outcomes(), joinContents(wanted(), loaded.contents())),
  );
  const hidden = () => finals().length - wanted().length + loaded.withheld();
  const empty = () => view().domainTables.length === 0 && view().amstar2.length === 0;
  return (
    <Show when={ready()} fallback={<Loading label="Loading results…" />}>
      <Show when={loaded.progress()}>
        {(p) => (
          <p class="muted" role="status" data-testid="results-loading">
            {loadingText(p().done, p().total, ['appraisal', 'appraisals'])}
          </p>
        )}
      </Show>
      <Show when={hidden() > 0}>
        <p class="notice" data-testid="results-withheld">
          {hidden() === 1
            ? '1 finalized appraisal is not visible to you.'
            : `${hidden()} finalized appraisals are not visible to you.`}
        </p>
      </Show>
      <Show
        when={!empty()}
        fallback={
          <Show when={finals().length === 0}>
            <div class="empty-state" data-testid="results-empty">
              <p>No finalized appraisals yet.</p>
              <p class="muted">
                Figures and tables appear here once an appraisal is final: reconciled and finalized,
                or marked complete by a study’s single reviewer.
              </p>
            </div>
          </Show>
        }
      >
        <For each={view().domainTables}>
          {(table, i) => <DomainResults table={table} index={i()} />}
        </For>
        <Show when={view().amstar2.length > 0}>
          <Amstar2Results rows={view().amstar2} />
        </Show>
        <section aria-labelledby="cite-heading" class="results-section">
          <h2 id="cite-heading">Citing the tools</h2>
          <p class="muted">
            For a methods section: the tools these results used and the releases whose algorithms
            gave the judgements.
          </p>
          <ul class="citations" data-testid="citations">
            <For each={view().citations}>{(line) => <li>{line}</li>}</For>
          </ul>
        </section>
      </Show>
    </Show>
  );
}

const judgementOf = (cell: RobvisCell) => (cell.state === 'judged' ? cell.judgement : undefined);

function DomainResults(props: { table: RobvisTable; index: number }) {
  const tool = () => checklistDefinition(props.table.type).title;
  const heading = () =>
    props.table.outcome === ''
      ? `${tool()}: checklists without an outcome`
      : `${tool()}: ${props.table.outcome}`;
  const id = () => `results-${props.index}`;
  const fileName =
    (kind: 'traffic-light' | 'summary') =>
    (extension: 'svg' | 'png'): string =>
      figureFileName(props.table, kind, extension);
  const traffic = createMemo(() => trafficLightLayout(props.table));
  const summary = createMemo(() => summaryLayout(props.table));
  const bars = createMemo(() => summaryBars(props.table));
  const downloadRobvis = () =>
    saveBlob(
      new Blob([csvFile(robvisCsvRows(props.table))], { type: 'text/csv;charset=utf-8' }),
      figureFileName(props.table, 'robvis', 'csv'),
    );
  return (
    <section
      aria-labelledby={`${id()}-heading`}
      class="results-section"
      data-testid="domain-results"
      data-tool={props.table.type}
      data-outcome={props.table.outcome}
    >
      <h2 id={`${id()}-heading`}>{heading()}</h2>
      <p class="muted">
        {props.table.rows.length} {props.table.rows.length === 1 ? 'study' : 'studies'}
        <Show when={props.table.releases.length > 0}>
          {' '}
          · judgements follow {props.table.releases.join(' and ')}
        </Show>
      </p>

      <h3>Traffic-light plot</h3>
      <RiskOfBiasFigure
        id={`${id()}-traffic`}
        layout={traffic()}
        name={`traffic-light plot, ${heading()}`}
        fileName={fileName('traffic-light')}
        testId="traffic-light"
      >
        Each judgement is a colour and a symbol, named in the legend; the table below gives every
        judgement as text.
      </RiskOfBiasFigure>

      <h3>Summary plot</h3>
      <RiskOfBiasFigure
        id={`${id()}-summary`}
        layout={summary()}
        name={`summary plot, ${heading()}`}
        fileName={fileName('summary')}
        testId="summary-plot"
      >
        Weighted by each study’s weight (robvis’s “Weight”). CoRATES records no meta-analysis
        weights, so every study has weight 1 and the bars show proportions of studies; replace the
        Weight column of the robvis table to weight them. n: the studies a domain applies to.
      </RiskOfBiasFigure>
      <details class="summary-table">
        <summary>The summary plot as a table</summary>
        <div class="table-scroll">
          <table class="results-table" data-testid="summary-table">
            <caption class="visually-hidden">
              Share of studies at each judgement, by domain: {heading()}
            </caption>
            <thead>
              <tr>
                <th scope="col">Domain</th>
                <th scope="col">Studies (n)</th>
                <th scope="col">Judgements</th>
              </tr>
            </thead>
            <tbody>
              <For each={bars()}>
                {(bar) => (
                  <tr>
                    <th scope="row">{bar.label}</th>
                    <td>{bar.n}</td>
                    <td>
                      {bar.segments.map((s) => `${s.style.label} ${percent(s.share)}`).join('; ') ||
                        '—'}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>

      <h3>Judgements</h3>
      <div class="table-scroll">
        <table class="results-table" data-testid={`results-${props.table.type}`}>
          <caption class="visually-hidden">{heading()}: judgements by study and domain</caption>
          <thead>
            <tr>
              <th scope="col">Study</th>
              <For each={props.table.columns}>
                {(c) => (
                  <th scope="col">
                    <abbr title={c.title}>{c.key}</abbr>
                  </th>
                )}
              </For>
              <th scope="col">Overall</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.table.rows}>
              {(row) => (
                <tr data-testid="results-row">
                  <th scope="row">
                    {row.study}
                    <Show when={row.study !== row.studyTitle}>
                      <span class="study-full-title muted">{row.studyTitle}</span>
                    </Show>
                  </th>
                  <For each={props.table.columns}>
                    {(c) => {
                      const cell = () => row.domains[c.key]!;
                      return (
                        <td data-column={c.key}>
                          <JudgementBadge
                            type={props.table.type}
                            judgement={judgementOf(cell())}
                            fallback={robvisCellText(cell())}
                          />
                        </td>
                      );
                    }}
                  </For>
                  <td data-column="overall">
                    <JudgementBadge
                      type={props.table.type}
                      judgement={judgementOf(row.overall)}
                      fallback={robvisCellText(row.overall)}
                    />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>

      <div class="robvis-download">
        <button type="button" class="button" data-testid="robvis-csv" onClick={downloadRobvis}>
          Download robvis table (CSV)<span class="visually-hidden">, {heading()}</span>
        </button>{' '}
        <span class="muted">
          Study, {props.table.columns.map((c) => c.key).join(', ')}, Overall, Weight (1 for every
          study). In R: <code>data &lt;- read.csv(file, fileEncoding = "UTF-8-BOM")</code>, then{' '}
          <code>robvis::rob_traffic_light(data, tool = "{props.table.robvisTool}")</code>
          <Show when={props.table.robvisTool === 'Generic'}>
            {' '}
            (robvis has no template for{' '}
            {props.table.type === 'ROBINS_I'
              ? 'ROBINS-I V2’s six domains'
              : 'RoB 2’s cross-over domain S'}
            )
          </Show>
          .
        </span>
      </div>
    </section>
  );
}

function Amstar2Results(props: { rows: Amstar2Row[] }) {
  return (
    <section aria-labelledby="results-amstar2" class="results-section">
      <h2 id="results-amstar2">AMSTAR 2</h2>
      <p class="muted">
        AMSTAR 2 rates the overall confidence in a review’s results from 16 items rather than
        judging risk of bias by domain, and robvis has no template for it: its results are this
        table, and its answers are in the CSV downloads above.
      </p>
      <div class="table-scroll">
        <table class="results-table" data-testid="results-AMSTAR2">
          <caption class="visually-hidden">AMSTAR 2 overall confidence by review</caption>
          <thead>
            <tr>
              <th scope="col">Review</th>
              <th scope="col">Overall confidence</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr data-testid="results-row">
                  <th scope="row">
                    {row.study}
                    <Show when={row.study !== row.studyTitle}>
                      <span class="study-full-title muted">{row.studyTitle}</span>
                    </Show>
                  </th>
                  <td data-column="overall">
                    <JudgementBadge
                      type="AMSTAR2"
                      judgement={row.overall}
                      fallback="No information"
                    />
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
