import { FIGURE_FONT, type FigureLayout, type TextMark } from './figure-layout.ts';

/** Text and attribute values as XML: study titles are typed by users. */
export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

// Coordinates to two decimals: exact enough for print, and the same text for the same layout.
const n = (v: number) => String(Math.round(v * 100) / 100);

function text(t: TextMark): string {
  const attrs = [
    `x="${n(t.x)}"`,
    `y="${n(t.y)}"`,
    `font-size="${n(t.size)}"`,
    t.anchor && t.anchor !== 'start' ? `text-anchor="${t.anchor}"` : '',
    t.baseline ? `dominant-baseline="${t.baseline}"` : '',
    t.weight ? `font-weight="${t.weight}"` : '',
    t.fill ? `fill="${t.fill}"` : '',
    t.rotate ? `transform="rotate(${n(t.rotate)} ${n(t.x)} ${n(t.y)})"` : '',
  ].filter((a) => a !== '');
  return `<text ${attrs.join(' ')}>${escapeXml(t.text)}</text>`;
}

/**
 * A figure as a standalone SVG document: what the page shows and what "Download SVG" saves, so
 * the two never differ. Everything is an attribute (no stylesheet, no external font), so the file
 * looks the same in any viewer, and as an image drawn onto a canvas for the PNG. A white background
 * keeps it readable on dark pages and in slides.
 */
export function figureSvg(layout: FigureLayout, options: { id: string }): string {
  const { width, height } = layout;
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${n(width)}" height="${n(height)}"` +
      ` viewBox="0 0 ${n(width)} ${n(height)}" role="img" aria-labelledby="${titleId} ${descId}"` +
      ` font-family="${escapeXml(FIGURE_FONT)}" fill="#000000">`,
    `<title id="${titleId}">${escapeXml(layout.title)}</title>`,
    `<desc id="${descId}">${escapeXml(layout.description)}</desc>`,
    `<rect x="0" y="0" width="${n(width)}" height="${n(height)}" fill="#FFFFFF"/>`,
    ...layout.rects.map(
      (r) =>
        `<rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.width)}" height="${n(r.height)}"` +
        ` fill="${r.fill}"${r.stroke ? ` stroke="${r.stroke}"` : ''}/>`,
    ),
    ...layout.lines.map(
      (l) =>
        `<line x1="${n(l.x1)}" y1="${n(l.y1)}" x2="${n(l.x2)}" y2="${n(l.y2)}" stroke="${l.stroke}"/>`,
    ),
    ...layout.circles.map(
      (c) =>
        `<circle cx="${n(c.cx)}" cy="${n(c.cy)}" r="${n(c.r)}" fill="${c.fill}" stroke="${c.stroke}"/>`,
    ),
    ...layout.texts.map(text),
    '</svg>',
  ];
  return parts.join('\n');
}
