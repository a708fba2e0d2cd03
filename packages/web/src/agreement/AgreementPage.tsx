import { For, Show, createMemo } from 'solid-js';
import type { AgreementRow, Kappa, Project, ToolAgreement } from '@corates/shared';
import { ProjectSubpage } from '../projects/ProjectSubpage.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import { readBlindReviewers, readChecklists, readStudies } from '@corates/shared/doc';
import { useSession } from '../session/SessionProvider.tsx';
import { joinContents, loadingText, openable } from '../studies/checklist-contents.ts';
import { createChecklistContents } from '../studies/use-checklist-contents.ts';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady, useProjectDoc } from '../sync/doc/use-project-doc.ts';
import { Loading } from '../ui/PageStatus.tsx';
import { countLabel } from '../ui/format.ts';
import {
  FIGURE_EXPLANATIONS,
  KAPPA_UNDEFINED,
  ciText,
  countText,
  kappaText,
  percentText,
} from './agreement-text.ts';
import { agreementPairs, projectAgreementView } from './agreement-view.ts';
import '../checklists/appraisal.css';
import './agreement.css';

/**
 * How well a project's two reviewers agree, per tool and domain, across every appraisal both have
 * completed: what a review's methods section reports.
 */
export function AgreementPage() {
  return (
    <ProjectSubpage title="Agreement between reviewers" loadingLabel="Loading agreement…">
      {(project) => <AgreementWorkspace project={project} />}
    </ProjectSubpage>
  );
}

function AgreementWorkspace(props: { project: Project }) {
  const handle = useProjectDoc(() => props.project.id);
  return (
    <>
      <h1>Agreement between reviewers: {props.project.name}</h1>
      <Show when={handle()} keyed>
        {(h) => <AgreementTables project={props.project} handle={h} />}
      </Show>
    </>
  );
}

function AgreementTables(props: { project: Project; handle: ProjectDocHandle }) {
  const session = useSession();
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const studies = createDocValue(doc, readStudies);
  const headers = createDocValue(doc, (d) => readChecklists(d));
  const blindReviewers = createDocValue(doc, readBlindReviewers);
  // Which appraisals both reviewers completed is known from the headers; their answers are in the
  // checklists' own documents, loaded here (those this user may open).
  const pairs = createMemo(() => agreementPairs(studies(), headers()));
  const wanted = createMemo(() =>
    openable(
      pairs().flatMap((p) => [p.first, p.second]),
      headers(),
      {
        meId: session.user()?.id ?? '',
        role: props.project.role,
        blindReviewers: blindReviewers(),
      },
    ),
  );
  const loaded = createChecklistContents(props.project.id, () => session.user()?.id, wanted);
  const tools = createMemo(() =>
    projectAgreementView(studies(), joinContents(wanted(), loaded.contents())),
  );
  const shownPairs = () => tools().reduce((n, t) => n + t.appraisals, 0);
  const hidden = () => (loaded.pending() > 0 ? 0 : pairs().length - shownPairs());
  return (
    <Show when={ready()} fallback={<Loading label="Loading agreement…" />}>
      <Show when={loaded.progress()}>
        {(p) => (
          <p class="muted" role="status" data-testid="agreement-loading">
            {loadingText(p().done, p().total, ['checklist', 'checklists'])}
          </p>
        )}
      </Show>
      <Show when={hidden() > 0}>
        <p class="notice" data-testid="agreement-withheld">
          {hidden() === 1
            ? '1 appraisal completed by both reviewers is not visible to you yet.'
            : `${hidden()} appraisals completed by both reviewers are not visible to you yet.`}
        </p>
      </Show>
      <Show
        when={tools().length > 0}
        fallback={
          <Show when={pairs().length === 0}>
            <p class="empty-state" data-testid="agreement-empty">
              No study has two completed checklists yet. Agreement is shown once both assigned
              reviewers of an appraisal have marked their checklists complete.
            </p>
          </Show>
        }
      >
        <ul class="agreement-explanations" data-testid="agreement-explanations">
          <li>{FIGURE_EXPLANATIONS.percent}</li>
          <li>{FIGURE_EXPLANATIONS.kappa}</li>
          <li>{FIGURE_EXPLANATIONS.weightedKappa}</li>
          <li>{FIGURE_EXPLANATIONS.undefinedKappa}</li>
          <li>{FIGURE_EXPLANATIONS.items}</li>
        </ul>
        <For each={tools()}>{(tool) => <ToolTable tool={tool} />}</For>
      </Show>
    </Show>
  );
}

function ToolTable(props: { tool: ToolAgreement }) {
  const id = () => `agreement-${props.tool.type}`;
  const judged = () => (props.tool.type === 'AMSTAR2' ? 'Item' : 'Domain');
  return (
    <section aria-labelledby={`${id()}-heading`} data-testid={id()}>
      <h2 id={`${id()}-heading`}>{props.tool.title}</h2>
      <p>
        <span data-testid="appraisals">
          {countLabel(props.tool.appraisals, 'appraisal')} completed by both reviewers
        </span>
        {' · '}Signalling questions {props.tool.type === 'AMSTAR2' ? '(items)' : ''} answered alike:{' '}
        <span data-testid="items-agreement">{countText(props.tool.items)}</span>
      </p>
      <div class="table-scroll">
        <table class="results-table agreement-table">
          <caption class="visually-hidden">
            {props.tool.title}: agreement between the two reviewers per {judged().toLowerCase()}
          </caption>
          <thead>
            <tr>
              <th scope="col">{judged()}</th>
              <th scope="col">Appraisals judged by both</th>
              <th scope="col">Agreement</th>
              <th scope="col">Cohen’s κ (95% CI)</th>
              <th scope="col">Weighted κ, linear (95% CI)</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.tool.rows}>{(row) => <AgreementRowView row={row} />}</For>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function KappaCell(props: { kappa: Kappa; figure: string }) {
  return (
    <td data-figure={props.figure}>
      <span data-testid={`${props.figure}-value`}>{kappaText(props.kappa)}</span>
      <span class="figure-note" data-testid={`${props.figure}-note`}>
        {props.kappa.defined ? ciText(props.kappa) : KAPPA_UNDEFINED[props.kappa.reason]}
      </span>
    </td>
  );
}

function AgreementRowView(props: { row: AgreementRow }) {
  const stats = () => props.row.stats;
  return (
    <tr data-testid="agreement-row" data-key={props.row.key}>
      <th scope="row">{props.row.label}</th>
      <td data-figure="n">{stats().n}</td>
      <td data-figure="percent">
        {stats().n === 0 ? '—' : `${stats().agreements} (${percentText(stats().percent)})`}
      </td>
      <KappaCell kappa={stats().kappa} figure="kappa" />
      <Show
        when={stats().weightedKappa}
        fallback={
          <td data-figure="weighted">
            —<span class="figure-note">Answers are not ordered: plain κ only.</span>
          </td>
        }
      >
        {(weighted) => <KappaCell kappa={weighted()} figure="weighted" />}
      </Show>
    </tr>
  );
}
