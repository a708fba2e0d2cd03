import { describe, expect, it } from 'vitest';
import {
  layoutShareGraph,
  MAX_LABEL_CHARS,
  nodeLabel,
  shareGraphDot,
  shareGraphSvg,
  type ShareGraphInput,
} from './index.ts';

const graph: ShareGraphInput = {
  nodes: [
    { id: 'p1', entity: 'project', title: 'Statins' },
    { id: 's1', entity: 'study', title: 'A <trial> & "placebo"' },
    { id: 's2', entity: 'study', title: 'Another trial' },
    { id: 'c1', entity: 'checklist', title: 'ROB2' },
  ],
  edges: [
    { from: 'p1', to: 's1' },
    { from: 'p1', to: 's2' },
    { from: 's1', to: 'c1' },
    { from: 's1', to: 'gone' },
  ],
};

describe('share graph picture', () => {
  it('lays roots above what depends on them and drops edges to unknown nodes', () => {
    const layout = layoutShareGraph(graph);
    const y = Object.fromEntries(layout.nodes.map((n) => [n.id, n.y]));
    expect(y.p1!).toBeLessThan(y.s1!);
    expect(y.s1!).toBeLessThan(y.c1!);
    expect(y.s1).toBe(y.s2);
    expect(layout.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['p1>s1', 'p1>s2', 's1>c1']);
    for (const e of layout.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
    for (const n of layout.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width / 2).toBeLessThanOrEqual(layout.width);
    }
  });

  it('draws every node and edge in a standalone SVG, text escaped', () => {
    const svg = shareGraphSvg(layoutShareGraph(graph), 'Share sh_1');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/class="share-graph-node"/g)).toHaveLength(4);
    expect(svg.match(/class="share-graph-edge"/g)).toHaveLength(3);
    expect(svg).toContain('A &lt;trial&gt; &amp; &quot;placebo&quot;');
    expect(svg).not.toContain('<trial>');
    expect(svg).toContain('aria-label="Share sh_1"');
  });

  it('an empty graph is still a valid picture', () => {
    const svg = shareGraphSvg(layoutShareGraph({ nodes: [], edges: [] }));
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).not.toContain('share-graph-node');
  });

  it('cuts long titles to a label', () => {
    const long = 'x'.repeat(100);
    expect(nodeLabel(long)).toHaveLength(MAX_LABEL_CHARS);
    expect(nodeLabel(long).endsWith('…')).toBe(true);
    expect(nodeLabel('  two\n words ')).toBe('two words');
  });

  it('writes DOT with quoted ids and labels', () => {
    const dot = shareGraphDot(graph, 'sh_1');
    expect(dot.split('\n')[0]).toBe('digraph "sh_1" {');
    expect(dot).toContain('"s1" [label="study\\nA <trial> & \\"placebo\\""];');
    expect(dot).toContain('"p1" -> "s1";');
    expect(dot).not.toContain('"gone"');
    expect(dot.trimEnd().endsWith('}')).toBe(true);
  });
});
