import { describe, expect, it } from 'vitest';
import { replaceSection, sectionMarkers, table } from './markdown.ts';

const { start, end } = sectionMarkers('relay');

describe('replaceSection', () => {
  it('appends a section to a document that does not have it, keeping what was there', () => {
    const doc = '# Benchmarks\n\nIntro.\n';
    expect(replaceSection(doc, 'relay', 'figures')).toBe(
      `# Benchmarks\n\nIntro.\n\n${start}\nfigures\n${end}\n`,
    );
  });

  it('starts an empty document with the section alone', () => {
    expect(replaceSection('', 'relay', 'x')).toBe(`${start}\nx\n${end}\n`);
  });

  it('rewrites only its own section, leaving the text and sections around it intact', () => {
    const other = sectionMarkers('other');
    const doc = `# B\n\n${start}\nold\n${end}\n\n${other.start}\nkeep\n${other.end}\ntail\n`;
    const next = replaceSection(doc, 'relay', 'new\nlines');
    expect(next).toBe(
      `# B\n\n${start}\nnew\nlines\n${end}\n\n${other.start}\nkeep\n${other.end}\ntail\n`,
    );
    expect(replaceSection(next, 'relay', 'new\nlines')).toBe(next);
  });

  it('refuses unpaired, repeated or reversed markers rather than guess', () => {
    expect(() => replaceSection(`${start}\nx`, 'relay', 'y')).toThrow(/unpaired/);
    expect(() => replaceSection(`${end}\n${start}`, 'relay', 'y')).toThrow(/unpaired/);
    expect(() => replaceSection(`${start}${end}${start}${end}`, 'relay', 'y')).toThrow(/unpaired/);
  });

  it('accepts only kebab-case ids, which cannot break out of an HTML comment', () => {
    expect(() => sectionMarkers('a -->')).toThrow(/kebab-case/);
  });
});

describe('table', () => {
  it('renders a header, a separator and one line per row, escaping pipes', () => {
    expect(table(['a', 'b'], [['1', 'x|y']])).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });
});
