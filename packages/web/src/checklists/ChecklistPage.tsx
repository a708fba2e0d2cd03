import { A, useParams } from '@solidjs/router';
import { Match, Show, Switch, createMemo, createSignal, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import {
  type Project,
  assessedVerdict,
  checklistDefinition,
  checklistItems,
  type DocStudy,
  docStudySchema,
  isChecklistReadOnly,
} from '@corates/shared';
import { ApiError } from '../api/api-error.ts';
import { useMembers } from '../projects/use-members.ts';
import { useProject } from '../projects/use-projects.ts';
import { useSession } from '../session/SessionProvider.tsx';
import { assignedReviewers } from '../studies/study-row.ts';
import { CollabStatus } from '../sync/CollabStatus.tsx';
import { createDocValue } from '../sync/doc/create-doc-value.ts';
import {
  ChecklistReadOnlyError,
  ChecklistRuleError,
  type DocChecklistHeader,
  markComplete,
  noteText,
  readChecklist,
  readChecklistContent,
  readStudy,
  reopen,
  setAnswer,
  setDomainJudgement,
  setOverallRaise,
  supportText,
} from '@corates/shared/doc';
import type { ProjectDocHandle } from '../sync/doc/project-doc-provider.ts';
import { createDocReady, useProjectDoc } from '../sync/doc/use-project-doc.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Loading } from '../ui/PageStatus.tsx';
import { useDocumentTitle } from '../ui/use-document-title.ts';
import { ChecklistPdfSplit } from '../pdfs/ChecklistPdfSplit.tsx';
import { ChecklistActionBar } from './ChecklistActionBar.tsx';
import { ChecklistForm } from './ChecklistForm.tsx';
import { ChecklistHistory } from './ChecklistHistory.tsx';
import { ChecklistSummaryPanel } from './ChecklistSummary.tsx';
import { DomainJudgementPanel } from './DomainJudgementPanel.tsx';
import { OverallJudgementPanel } from './OverallJudgementPanel.tsx';
import { assessorJudgementError } from './assessor-judgement-error.ts';
import { summaryWithAssessorJudgements } from './assessor-judgement-view.ts';
import { checklistAccess, checklistSummary, toolReleaseLine } from './checklist-summary.ts';
import { focusQuestion } from './focus-question.ts';
import { isNextUnansweredKey, nextUnanswered } from './next-unanswered.ts';
import { useChecklistContent } from './checklist-content.ts';
import type { ChecklistDocHandle } from '../sync/doc/checklist-doc-provider.ts';
import { withheldMessage } from './withheld-message.ts';
import './checklist.css';

/** The route param, which the router leaves percent-encoded (checklist ids contain colons). */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** One checklist of a project, edited live by its reviewer and watched by anyone in the project. */
export function ChecklistPage() {
  const params = useParams<{ projectId: string; checklistId: string }>();
  const project = useProject(() => params.projectId);
  const notFound = () => project.error instanceof ApiError && project.error.code === 'NOT_FOUND';
  const checklistId = () => decodeParam(params.checklistId);

  return (
    <div class="page">
      <Switch>
        <Match when={project.data}>
          {(data) => <ChecklistWorkspace project={data()} checklistId={checklistId()} />}
        </Match>
        <Match when={notFound()}>
          <Breadcrumb />
          <h1>Project not found</h1>
          <p>This project does not exist, or you are not a member of it.</p>
        </Match>
        <Match when={project.isError}>
          <Breadcrumb />
          <h1>Checklist</h1>
          <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />
        </Match>
        <Match when={project.isPending}>
          <Loading label="Loading checklist…" />
        </Match>
      </Switch>
    </div>
  );
}

function Breadcrumb(props: { project?: Project }) {
  return (
    <nav aria-label="Breadcrumb">
      <Show
        when={props.project}
        fallback={
          <A href="/" class="back-link">
            <span aria-hidden="true">← </span>My projects
          </A>
        }
      >
        {(project) => (
          <A href={`/projects/${encodeURIComponent(project().id)}`} class="back-link">
            <span aria-hidden="true">← </span>
            {project().name}
          </A>
        )}
      </Show>
    </nav>
  );
}

function ChecklistWorkspace(props: { project: Project; checklistId: string }) {
  const handle = useProjectDoc(() => props.project.id);
  return (
    <>
      <Breadcrumb project={props.project} />
      <Show when={handle()} keyed>
        {(h) => (
          // Keyed on the id: going from one checklist to another starts a fresh view.
          <Show when={props.checklistId} keyed>
            {(id) => <ChecklistView project={props.project} handle={h} checklistId={id} />}
          </Show>
        )}
      </Show>
    </>
  );
}

function ChecklistView(props: { project: Project; handle: ProjectDocHandle; checklistId: string }) {
  const session = useSession();
  const members = useMembers(() => props.project.id);
  const doc = props.handle.doc;
  const ready = createDocReady(props.handle);
  const header = createDocValue(doc, (d) => readChecklist(d, props.checklistId));
  const study = createDocValue(doc, (d) => {
    const studyId = readChecklist(d, props.checklistId)?.studyId;
    const parsed = docStudySchema.safeParse(studyId && readStudy(d, studyId));
    return parsed.success ? parsed.data : undefined;
  });
  const meId = () => session.user()?.id ?? '';
  const content = useChecklistContent(props.project, props.handle, meId, () => props.checklistId);
  const nameOf = (userId: string | null) => {
    if (userId === null) return 'Reconciled';
    if (userId === meId()) return session.user()?.name ?? 'You';
    const member = members.data?.find((m) => m.userId === userId);
    return member?.name ?? (members.data ? 'Former member' : '…');
  };
  useDocumentTitle(() => {
    const h = header();
    const title = study()?.title;
    return h && title ? `${checklistDefinition(h.type).title}: ${title}` : 'Checklist';
  });

  return (
    <Show when={ready()} fallback={<Loading label="Loading checklist…" />}>
      <Show
        when={header()}
        fallback={
          <>
            <h1>Checklist not found</h1>
            <p>
              This checklist does not exist. It may have been removed together with its study.{' '}
              <A href={`/projects/${encodeURIComponent(props.project.id)}`}>
                Back to {props.project.name}
              </A>
            </p>
            <CollabStatus handle={props.handle} checklistId={props.checklistId} />
          </>
        }
      >
        {(h) => (
          <Switch fallback={<Loading label="Loading checklist…" />}>
            <Match when={content.withheld()}>
              <header class="checklist-header">
                <p class="checklist-kicker">
                  {checklistDefinition(h().type).title} · {nameOf(h().reviewerId)}
                </p>
                <h1>{study()?.title ?? 'Untitled study'}</h1>
              </header>
              <p class="notice" data-testid="checklist-withheld">
                {withheldMessage({
                  reviewerId: h().reviewerId,
                  reviewerName: nameOf(h().reviewerId),
                  viewer: props.project.role === 'viewer',
                })}
              </p>
            </Match>
            <Match when={content.ready() && content.handle()} keyed>
              {(c) => (
                <ChecklistBody
                  project={props.project}
                  handle={props.handle}
                  checklistId={props.checklistId}
                  header={h()}
                  content={c.doc}
                  contentHandle={c}
                  study={study()}
                  nameOf={nameOf}
                  meId={meId()}
                />
              )}
            </Match>
          </Switch>
        )}
      </Show>
    </Show>
  );
}

/** The checklist itself, once its document is open: questions, notes, judgements, summary. */
function ChecklistBody(props: {
  project: Project;
  handle: ProjectDocHandle;
  checklistId: string;
  header: DocChecklistHeader;
  content: Y.Doc;
  /** The checklist document's connection and uploads, shown with the project's. */
  contentHandle: ChecklistDocHandle;
  study: DocStudy | undefined;
  nameOf: (userId: string | null) => string;
  meId: string;
}) {
  const doc = props.handle.doc;
  const content = props.content;
  const stored = createDocValue(content, (c) => {
    const { answers, judgements } = readChecklistContent(c);
    return { answers, judgements };
  });
  const checklist = () => ({ ...props.header, ...stored() });
  const meId = () => props.meId;
  const nameOf = props.nameOf;
  const study = () => props.study;
  const [error, setError] = createSignal<string>();

  // Everything the page shows about the checklist.
  const view = createMemo(() => {
    const c = checklist();
    const definition = checklistDefinition(c.type);
    // A plain copy, read key by key here: the scoring tests keys with Object.hasOwn, which a
    // store proxy does not track, so given the proxy this memo would miss every new answer.
    const answers = { ...c.answers };
    const assessed = assessedVerdict(c.type, answers, { ...c.judgements });
    return {
      checklist: c,
      definition,
      assessed,
      summary: summaryWithAssessorJudgements(
        checklistSummary(definition, answers),
        assessed,
        c.type,
      ),
      release: toolReleaseLine(definition, answers),
      access: checklistAccess({
        role: props.project.role,
        userId: meId(),
        reviewerId: c.reviewerId,
        reviewerName: nameOf(c.reviewerId),
        status: c.status,
      }),
    };
  });
  const onAnswer = (itemId: string, value: string | undefined) => {
    try {
      setAnswer(doc, props.checklistId, content, itemId, value);
      setError(undefined);
      return true;
    } catch (e) {
      setError(
        e instanceof ChecklistReadOnlyError
          ? 'This checklist was marked complete, so the answer was not changed.'
          : 'That answer could not be recorded.',
      );
      return false;
    }
  };
  const onMarkComplete = () => {
    const s = study();
    try {
      // A study whose reviewers were all unassigned still lets its reviewer finish: count them.
      const reviewers = Math.max(1, s ? assignedReviewers(s).length : 1);
      markComplete(doc, props.checklistId, content, reviewers, meId());
      setError(undefined);
    } catch (e) {
      setError(
        e instanceof ChecklistRuleError ? e.message : 'The checklist could not be marked complete.',
      );
    }
  };
  // The question the reviewer is at: the last one focus was in ("Next unanswered" goes on from
  // there), kept when focus moves to the summary's button.
  let currentQuestion: string | null = null;
  const onFormFocus = (event: FocusEvent) => {
    const item = (event.target as Element | null)?.closest('[data-item-id]');
    if (item) currentQuestion = item.getAttribute('data-item-id');
  };
  const goToNextUnanswered = (): boolean => {
    const v = view();
    if (!v) return false;
    const next = nextUnanswered(
      checklistItems(v.definition).map((item) => item.id),
      v.summary.missing.map((link) => link.id),
      currentQuestion,
    );
    return next !== null && focusQuestion(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target instanceof HTMLElement ? event.target : null;
    const focused = target && {
      tagName: target.tagName,
      type: target instanceof HTMLInputElement ? target.type : undefined,
      isContentEditable: target.isContentEditable,
    };
    if (isNextUnansweredKey(event, focused) && goToNextUnanswered()) event.preventDefault();
  };
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));
  return (
    <Show when={view()}>
      {(v) => (
        <>
          <header class="checklist-header">
            <p class="checklist-kicker">
              {v().definition.title} · {nameOf(v().checklist.reviewerId)}
              {v().checklist.reviewerId === meId() ? ' (you)' : ''}
            </p>
            <h1>{study()?.title ?? 'Untitled study'}</h1>
            <Show when={v().release}>
              {(line) => (
                <p class="checklist-release" data-testid="tool-release">
                  {line()}
                </p>
              )}
            </Show>
            <CollabStatus
              handle={props.handle}
              checklistId={props.checklistId}
              content={props.contentHandle}
            />
          </header>
          <Show when={v().access.reason}>
            {(reason) => (
              <p class="notice" data-testid="read-only-reason">
                {reason()}
              </p>
            )}
          </Show>
          <Show when={error()}>
            <p class="alert alert-error" role="alert">
              {error()}
            </p>
          </Show>
          {/* The checklist beside the study's PDF (tabs on narrow screens); a passage selected in
              the PDF can go into an item's note while the checklist may be edited. Within its
              side, the questions with, on narrow screens, a bar stuck below them, and the
              summary, in view at every width (checklist.css). */}
          <ChecklistPdfSplit
            projectId={props.project.id}
            studyId={v().checklist.studyId}
            attach={
              v().access.editable
                ? {
                    items: checklistItems(v().definition),
                    noteFor: (itemId) => noteText(content, itemId),
                  }
                : undefined
            }
          >
            <div class="checklist-layout">
              <div class="checklist-main" onFocusIn={onFormFocus}>
                <ChecklistForm
                  definition={v().definition}
                  answers={v().checklist.answers}
                  readOnly={!v().access.editable}
                  onAnswer={onAnswer}
                  noteFor={(itemId) => noteText(content, itemId)}
                  judgements={v().checklist.judgements}
                  domainFooter={(domainId) => (
                    <Show when={v().assessed.domains.find((d) => d.domainId === domainId)}>
                      {(domain) => (
                        <DomainJudgementPanel
                          type={v().checklist.type}
                          domain={domain()}
                          readOnly={!v().access.editable}
                          nameOf={nameOf}
                          support={supportText(content, domainId)}
                          onOverride={(judgement, reason) =>
                            assessorJudgementError(() =>
                              setDomainJudgement(doc, props.checklistId, content, domainId, {
                                judgement,
                                reason,
                                by: meId(),
                              }),
                            )
                          }
                          onWithdraw={() =>
                            assessorJudgementError(() =>
                              setDomainJudgement(doc, props.checklistId, content, domainId, null),
                            )
                          }
                        />
                      )}
                    </Show>
                  )}
                  footer={
                    <Show when={v().checklist.type !== 'AMSTAR2'}>
                      <OverallJudgementPanel
                        type={v().checklist.type}
                        verdict={v().assessed}
                        readOnly={!v().access.editable}
                        nameOf={nameOf}
                        onRaise={(judgement, reason) =>
                          assessorJudgementError(() =>
                            setOverallRaise(doc, props.checklistId, content, {
                              judgement,
                              reason,
                              by: meId(),
                            }),
                          )
                        }
                        onWithdraw={() =>
                          assessorJudgementError(() =>
                            setOverallRaise(doc, props.checklistId, content, null),
                          )
                        }
                      />
                    </Show>
                  }
                />
                <ChecklistActionBar
                  summary={v().summary}
                  isReviewer={v().access.isReviewer}
                  readOnlyStatus={isChecklistReadOnly(v().checklist.status)}
                  onMarkComplete={onMarkComplete}
                  onReopen={() => reopen(doc, props.checklistId, meId())}
                  onNextUnanswered={goToNextUnanswered}
                />
              </div>
              <div class="checklist-side">
                <ChecklistSummaryPanel
                  type={v().checklist.type}
                  summary={v().summary}
                  status={v().checklist.status}
                  isReviewer={v().access.isReviewer}
                  readOnlyStatus={isChecklistReadOnly(v().checklist.status)}
                  onMarkComplete={onMarkComplete}
                  onReopen={() => reopen(doc, props.checklistId, meId())}
                  onNextUnanswered={goToNextUnanswered}
                />
              </div>
            </div>
          </ChecklistPdfSplit>
          <ChecklistHistory events={v().checklist.history} nameOf={nameOf} />
        </>
      )}
    </Show>
  );
}
