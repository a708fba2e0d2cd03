import dagre, { type Point } from '@dagrejs/dagre';

/**
 * The picture of a federation share's DAG (issue 17, docs/federation.md): laid out with dagre and
 * drawn as one self-contained SVG document, the same for the owner's page (which shows it and
 * offers it as a download) and `npm run federation -- graph --svg` (which writes it to a file),
 * so both give the same picture. A subpath of its own: only what draws the graph loads dagre.
 */

/** A record the share covers: its entity (study, checklist, …), id and a human title. */
export interface ShareGraphNode {
  id: string;
  entity: string;
  title: string;
}

/** `from` depends on `to`'s presence in the share: the project → its studies, a study → its checklists… */
export interface ShareGraphEdge {
  from: string;
  to: string;
}

export interface ShareGraphInput {
  nodes: readonly ShareGraphNode[];
  edges: readonly ShareGraphEdge[];
}

export interface PositionedNode extends ShareGraphNode {
  /** Centre and size, in SVG user units. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The title as drawn: cut to fit a node. */
  label: string;
}

export interface PositionedEdge extends ShareGraphEdge {
  points: { x: number; y: number }[];
}

export interface ShareGraphLayout {
  width: number;
  height: number;
  nodes: PositionedNode[];
  edges: PositionedEdge[];
}

/** Titles longer than this are cut with an ellipsis: a node is a label, not the record. */
export const MAX_LABEL_CHARS = 36;
const FONT_SIZE = 12;
/** An average glyph width at FONT_SIZE (no text measuring outside a browser: the CLI draws too). */
const CHAR_WIDTH = 7;
const NODE_HEIGHT = 44;
const MARGIN = 16;

export function nodeLabel(title: string): string {
  const t = title.trim().replace(/\s+/g, ' ');
  return t.length > MAX_LABEL_CHARS ? `${t.slice(0, MAX_LABEL_CHARS - 1)}…` : t;
}

/**
 * Positions for every node and a polyline for every edge, top to bottom (roots at the top). An
 * edge naming a node the graph does not have is left out rather than drawn to nowhere.
 */
export function layoutShareGraph(graph: ShareGraphInput): ShareGraphLayout {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 48, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const n of byId.values()) {
    const label = nodeLabel(n.title || n.id);
    const chars = Math.max(label.length, n.entity.length + 2);
    g.setNode(n.id, { width: Math.max(96, chars * CHAR_WIDTH + 20), height: NODE_HEIGHT });
  }
  const edges = graph.edges.filter((e) => byId.has(e.from) && byId.has(e.to));
  for (const e of edges) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const size = g.graph();
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: [...byId.values()].map((n) => {
      const p = g.node(n.id);
      return {
        ...n,
        label: nodeLabel(n.title || n.id),
        x: p.x,
        y: p.y,
        width: p.width,
        height: p.height,
      };
    }),
    edges: edges.map((e) => ({
      ...e,
      points: (g.edge(e.from, e.to).points ?? []).map((p: Point) => ({ x: p.x, y: p.y })),
    })),
  };
}

/** Fill colours by entity, so a study reads apart from its checklists at a glance. */
const ENTITY_FILL: Record<string, string> = {
  project: '#dbeafe',
  study: '#dcfce7',
  outcome: '#fef3c7',
  checklist: '#f3e8ff',
  pdf: '#fee2e2',
  file: '#e0f2fe',
};

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * The laid-out graph as a standalone SVG document (styles inline, so it looks the same when opened
 * from a file). Each node is a `<g class="share-graph-node" data-entity data-id>` with a `<title>`
 * carrying the full title, each edge a `<path class="share-graph-edge">` ending in an arrow.
 */
export function shareGraphSvg(layout: ShareGraphLayout, title = 'Share graph'): string {
  const w = Math.max(layout.width, 1);
  const h = Math.max(layout.height, 1);
  const edges = layout.edges
    .filter((e) => e.points.length > 0)
    .map((e) => {
      const d = e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`);
      return `<path class="share-graph-edge" data-from="${escapeXml(e.from)}" data-to="${escapeXml(e.to)}" d="${d.join(' ')}" fill="none" stroke="#64748b" stroke-width="1.5" marker-end="url(#share-graph-arrow)"/>`;
    });
  const nodes = layout.nodes.map((n) => {
    const x = round(n.x - n.width / 2);
    const y = round(n.y - n.height / 2);
    const fill = ENTITY_FILL[n.entity] ?? '#f1f5f9';
    return [
      `<g class="share-graph-node" data-entity="${escapeXml(n.entity)}" data-id="${escapeXml(n.id)}">`,
      `<title>${escapeXml(`${n.entity}: ${n.title || n.id}`)}</title>`,
      `<rect x="${x}" y="${y}" width="${round(n.width)}" height="${round(n.height)}" rx="6" fill="${fill}" stroke="#334155"/>`,
      `<text x="${round(n.x)}" y="${round(n.y - 5)}" text-anchor="middle" font-size="10" fill="#475569">${escapeXml(n.entity)}</text>`,
      `<text x="${round(n.x)}" y="${round(n.y + 11)}" text-anchor="middle" font-size="${FONT_SIZE}" fill="#0f172a">${escapeXml(n.label)}</text>`,
      '</g>',
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="${escapeXml(title)}" font-family="system-ui, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    '<defs><marker id="share-graph-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#64748b"/></marker></defs>',
    ...edges,
    ...nodes,
    '</svg>',
  ].join('\n');
}

/** The graph in Graphviz's DOT language (`npm run federation -- graph --dot`). */
export function shareGraphDot(graph: ShareGraphInput, name = 'share'): string {
  const esc = (s: string) => s.replaceAll('\\', '\\\\').replaceAll('"', '\\"');
  const q = (s: string) => `"${esc(s)}"`;
  const ids = new Set(graph.nodes.map((n) => n.id));
  return [
    `digraph ${q(name)} {`,
    '  node [shape=box];',
    ...graph.nodes.map(
      (n) => `  ${q(n.id)} [label="${esc(n.entity)}\\n${esc(nodeLabel(n.title || n.id))}"];`,
    ),
    ...graph.edges
      .filter((e) => ids.has(e.from) && ids.has(e.to))
      .map((e) => `  ${q(e.from)} -> ${q(e.to)};`),
    '}',
  ].join('\n');
}
