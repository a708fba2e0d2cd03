import type {
  FederatedChecklist,
  FederatedOutcome,
  FederatedPdf,
  FederatedStudy,
  PdfTag,
  ShareEntity,
} from '@corates/shared';
import {
  checklistDocAccess,
  type ChecklistContent,
  type ProjectDocContent,
} from '@corates/shared/doc';

/**
 * A checklist as the share's log keeps it: the header as served and the content exported to D1
 * (null when withheld). The content is the log's change detector (new content, new seq) and says
 * whether the document may go; how it travels is the serving path's business.
 */
export type LoggedChecklist = Omit<FederatedChecklist, 'content'> & {
  content: ChecklistContent | null;
};

/** One record a share covers, as its log holds it (`row`). */
export type ShareRecord =
  | { entity: 'study'; id: string; row: FederatedStudy }
  | { entity: 'outcome'; id: string; row: FederatedOutcome }
  | { entity: 'checklist'; id: string; row: LoggedChecklist }
  | { entity: 'pdf'; id: string; row: FederatedPdf };

/** A node of the share's DAG: the served entities, the project root and PDF files (by SHA-256). */
export type ShareNodeEntity = ShareEntity | 'project' | 'file';
export interface ShareNode {
  entity: ShareNodeEntity;
  id: string;
  label: string;
}
/** `to` is covered because `from` is. */
export interface ShareEdge {
  from: { entity: ShareNodeEntity; id: string };
  to: { entity: ShareNodeEntity; id: string };
}

/** What a share covers now: the records it serves and the DAG they hang in. */
export interface ShareClosure {
  records: ShareRecord[];
  nodes: ShareNode[];
  edges: ShareEdge[];
}

/** A PDF row of the project, as the closure needs it (`sha256` null: not hashed yet). */
export interface SourcePdf {
  id: string;
  studyId: string;
  fileName: string;
  size: number;
  tag: PdfTag;
  sha256: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Everything a share's closure is computed from: the project's document, its PDFs. */
export interface ShareSource {
  project: { id: string; name: string };
  doc: Pick<ProjectDocContent, 'studies' | 'outcomes' | 'checklists'>;
  /** Checklist contents by id; only those of `readableChecklists` are looked at. */
  contents: ReadonlyMap<string, ChecklistContent>;
  pdfs: readonly SourcePdf[];
}

/** A share's roots: the whole project, or some of its studies. */
export type ShareRoots = { scope: 'project' } | { scope: 'studies'; studyIds: ReadonlySet<string> };

/** What the share's log holds for a record now: its last op and the row served (JSON). */
export interface LoggedRecord {
  op: 'upsert' | 'leave';
  row: string | null;
}

/** A change to write to the share's log. */
export interface PlannedUpdate {
  entity: ShareEntity;
  id: string;
  op: 'upsert' | 'leave';
  row: string | null;
}

export const recordKey = (entity: ShareNodeEntity, id: string) => `${entity}:${id}`;
export const edgeKey = (e: ShareEdge) =>
  `${recordKey(e.from.entity, e.from.id)}>${recordKey(e.to.entity, e.to.id)}`;

/**
 * The checklists whose content may go to another server: those a project viewer with blinding on
 * could open (the appraisal has its result). Blinding is assumed on whatever the project's
 * setting, so turning it off later never widens what already went out.
 */
export function readableChecklists(doc: Pick<ProjectDocContent, 'checklists'>): Set<string> {
  const out = new Set<string>();
  for (const c of doc.checklists)
    if (
      checklistDocAccess({
        // No user of this server: the subscriber reads as a viewer who reviews nothing.
        userId: '',
        role: 'viewer',
        checklist: c,
        checklists: doc.checklists,
        blindReviewers: true,
      }) === 'read'
    )
      out.add(c.id);
  return out;
}

/**
 * The dependency closure of a share's roots (DESIGN.md "Federation"): project → studies, outcomes;
 * study → checklists (header and document), PDFs (metadata → file); checklist → the outcome it
 * assesses. So a study share covers its checklists, the outcomes they assess and its PDFs, and a
 * checklist or PDF added under a covered study is covered. A study root the document no longer
 * has covers nothing; a PDF not hashed yet is left out (a share names files by their hash).
 * Checklist headers carry no reviewer ids and content only where `readableChecklists` allows.
 * In a stable order: roots' children as the document lists them, so two refreshes agree.
 */
export function shareClosure(source: ShareSource, roots: ShareRoots): ShareClosure {
  const { doc } = source;
  const records: ShareRecord[] = [];
  const nodes: ShareNode[] = [];
  const edges: ShareEdge[] = [];
  const project = { entity: 'project' as const, id: source.project.id };
  const covered = new Set<string>();
  const add = (node: ShareNode, record?: ShareRecord) => {
    const key = recordKey(node.entity, node.id);
    if (covered.has(key)) return;
    covered.add(key);
    nodes.push(node);
    if (record) records.push(record);
  };
  const link = (from: ShareEdge['from'], to: ShareEdge['to']) => edges.push({ from, to });

  if (roots.scope === 'project') add({ ...project, label: source.project.name });
  const studies = doc.studies.filter((s) => roots.scope === 'project' || roots.studyIds.has(s.id));
  for (const s of studies) {
    add(
      { entity: 'study', id: s.id, label: s.title },
      {
        entity: 'study',
        id: s.id,
        row: {
          id: s.id,
          title: s.title,
          authors: s.authors,
          year: s.year,
          journal: s.journal,
          doi: s.doi,
          design: s.design ?? null,
          createdAt: s.createdAt,
        },
      },
    );
    if (roots.scope === 'project') link(project, { entity: 'study', id: s.id });
  }
  const outcomes = new Map(doc.outcomes.map((o) => [o.id, o]));
  const addOutcome = (id: string) => {
    const o = outcomes.get(id);
    if (!o) return false;
    add(
      { entity: 'outcome', id, label: o.name },
      { entity: 'outcome', id, row: { id, name: o.name, createdAt: o.createdAt } },
    );
    return true;
  };
  if (roots.scope === 'project')
    for (const o of doc.outcomes)
      if (addOutcome(o.id)) link(project, { entity: 'outcome', id: o.id });

  const present = new Set(studies.map((s) => s.id));
  const readable = readableChecklists(doc);
  for (const c of doc.checklists) {
    if (!present.has(c.studyId)) continue;
    const reconciled = c.reviewerId === null;
    add(
      { entity: 'checklist', id: c.id, label: `${c.type}${reconciled ? ' (reconciled)' : ''}` },
      {
        entity: 'checklist',
        id: c.id,
        row: {
          id: c.id,
          studyId: c.studyId,
          type: c.type,
          status: c.status,
          reconciled,
          outcomeId: c.outcomeId ?? null,
          createdAt: c.createdAt,
          completedAt: c.completedAt,
          content: (readable.has(c.id) ? source.contents.get(c.id) : undefined) ?? null,
        },
      },
    );
    link({ entity: 'study', id: c.studyId }, { entity: 'checklist', id: c.id });
    if (c.outcomeId && addOutcome(c.outcomeId))
      link({ entity: 'checklist', id: c.id }, { entity: 'outcome', id: c.outcomeId });
  }
  for (const p of source.pdfs) {
    if (!present.has(p.studyId) || p.sha256 === null) continue;
    const { sha256 } = p;
    add(
      { entity: 'pdf', id: p.id, label: p.fileName },
      {
        entity: 'pdf',
        id: p.id,
        row: {
          id: p.id,
          studyId: p.studyId,
          fileName: p.fileName,
          size: p.size,
          tag: p.tag,
          sha256,
          createdAt: p.createdAt,
          updatedAt: p.updatedAt,
        },
      },
    );
    link({ entity: 'study', id: p.studyId }, { entity: 'pdf', id: p.id });
    add({ entity: 'file', id: sha256, label: `${sha256.slice(0, 12)}…` });
    link({ entity: 'pdf', id: p.id }, { entity: 'file', id: sha256 });
  }
  return { records, nodes, edges };
}

/**
 * The changes that bring the share's log from `logged` to `current`: an upsert for each record that
 * is new, changed or back after leaving; a leave (tombstone) for each record that was upserted and
 * is no longer covered. In a stable order (as `current` lists them, then the leaves by key), so two
 * refreshes planning at once plan the same.
 */
export function planShareUpdates(
  logged: ReadonlyMap<string, LoggedRecord>,
  current: readonly ShareRecord[],
): PlannedUpdate[] {
  const out: PlannedUpdate[] = [];
  const seen = new Set<string>();
  for (const r of current) {
    const key = recordKey(r.entity, r.id);
    seen.add(key);
    const row = JSON.stringify(r.row);
    const was = logged.get(key);
    if (was?.op === 'upsert' && was.row === row) continue;
    out.push({ entity: r.entity, id: r.id, op: 'upsert', row });
  }
  const gone = [...logged].filter(([key, r]) => r.op === 'upsert' && !seen.has(key));
  gone.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key] of gone) {
    const at = key.indexOf(':');
    out.push({
      entity: key.slice(0, at) as ShareEntity,
      id: key.slice(at + 1),
      op: 'leave',
      row: null,
    });
  }
  return out;
}

/** The writes that bring the stored DAG (`share_records`, `share_edges`) to the closure's. */
export interface GraphPlan {
  /** New nodes, and nodes whose label changed (an upsert keeps `included_at`). */
  putNodes: ShareNode[];
  dropNodes: string[];
  addEdges: ShareEdge[];
  dropEdges: string[];
}

/**
 * Compares the stored DAG (node key → label, edge keys) with the closure's: only what differs is
 * written, so a refresh of a large share that changed one record writes a few rows.
 */
export function planShareGraph(
  storedNodes: ReadonlyMap<string, string>,
  storedEdges: ReadonlySet<string>,
  closure: Pick<ShareClosure, 'nodes' | 'edges'>,
): GraphPlan {
  const nodeKeys = new Set<string>();
  const putNodes: ShareNode[] = [];
  for (const n of closure.nodes) {
    const key = recordKey(n.entity, n.id);
    nodeKeys.add(key);
    if (storedNodes.get(key) !== n.label) putNodes.push(n);
  }
  const edgeKeys = new Set<string>();
  const addEdges: ShareEdge[] = [];
  for (const e of closure.edges) {
    const key = edgeKey(e);
    if (edgeKeys.has(key)) continue;
    edgeKeys.add(key);
    if (!storedEdges.has(key)) addEdges.push(e);
  }
  return {
    putNodes,
    dropNodes: [...storedNodes.keys()].filter((k) => !nodeKeys.has(k)).sort(),
    addEdges,
    dropEdges: [...storedEdges].filter((k) => !edgeKeys.has(k)).sort(),
  };
}
