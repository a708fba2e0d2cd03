import { For, Show, createMemo } from 'solid-js';
import type { AgreementRow, Kappa, Project, ToolAgreement } from '@corates/shared';
import { ProjectSubpage } from '../projects/ProjectSubpage.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import { readChecklists, readStudies } from '@corates/shared/doc';
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
import { projectAgreementView } from './agreement-view.ts';
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
        {(h) => <AgreementTables handle={h} />}
      </Show>
    </>
  );
}

function AgreementTables(props: { handle: ProjectDocHandle }) {
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const studies = createDocValue(doc, readStudies);
  const checklists = createDocValue(doc, (d) => readChecklists(d));
  const tools = createMemo(() => projectAgreementView(studies(), checklists()));
  return (
    <Show when={ready()} fallback={<Loading label="Loading agreement…" />}>
      <Show
        when={tools().length > 0}
        fallback={
          <p class="empty-state" data-testid="agreement-empty">
            No study has two completed checklists yet. Agreement is shown once both assigned
            reviewers of an appraisal have marked their checklists complete.
          </p>
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
