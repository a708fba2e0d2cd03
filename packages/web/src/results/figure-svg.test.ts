import { describe, expect, it } from 'vitest';
import type { FigureLayout } from './figure-layout.ts';
import { escapeXml, figureSvg } from './figure-svg.ts';

const layout: FigureLayout = {
  width: 120.5,
  height: 40,
  title: 'RoB 2, "Pain" & <more>',
  description: 'A plot',
  rects: [{ x: 0, y: 0, width: 10, height: 10, fill: '#D3D3D3', stroke: '#BDBDBD' }],
  lines: [{ x1: 0, y1: 1, x2: 5, y2: 1, stroke: '#000000' }],
  circles: [{ cx: 5, cy: 5, r: 3, fill: '#02C100', stroke: '#000000' }],
  texts: [
    { x: 1, y: 2, text: '<script>alert("x")</script> O\'Brien & Co', size: 13, anchor: 'end' },
    { x: 3.14159, y: 4, text: 'Study', size: 13, anchor: 'middle', rotate: -90 },
  ],
};

describe('figure SVG', () => {
  it('escapes text a user typed', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
    const svg = figureSvg(layout, { id: 'f' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&apos;Brien &amp; Co</text>',
    );
  });

  it('a standalone document: namespace, size, white background, title and description for screen readers', () => {
    const svg = figureSvg(layout, { id: 'fig-1' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('width="120.5" height="40" viewBox="0 0 120.5 40" role="img"');
    expect(svg).toContain('aria-labelledby="fig-1-title fig-1-desc"');
    expect(svg).toContain(
      '<title id="fig-1-title">RoB 2, &quot;Pain&quot; &amp; &lt;more&gt;</title>',
    );
    expect(svg).toContain('<rect x="0" y="0" width="120.5" height="40" fill="#FFFFFF"/>');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('every mark as an element with its attributes; coordinates to two decimals', () => {
    const svg = figureSvg(layout, { id: 'f' });
    expect(svg).toContain(
      '<rect x="0" y="0" width="10" height="10" fill="#D3D3D3" stroke="#BDBDBD"/>',
    );
    expect(svg).toContain('<line x1="0" y1="1" x2="5" y2="1" stroke="#000000"/>');
    expect(svg).toContain('<circle cx="5" cy="5" r="3" fill="#02C100" stroke="#000000"/>');
    expect(svg).toContain(
      '<text x="3.14" y="4" font-size="13" text-anchor="middle" transform="rotate(-90 3.14 4)">Study</text>',
    );
  });
});
