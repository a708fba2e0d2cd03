import { describe, expect, it } from 'vitest';
import { parseBibtex } from './bibtex.ts';
import { BIBTEX_XAMPL } from './fixtures/bibtex-xampl.ts';
import { parseImport } from './import-file.ts';
import { latexToText } from './latex.ts';

describe('BibTeX', () => {
  it("reads xampl.bib's entries: @string and # joins, braces, quotes, accents, no @comment", () => {
    const entries = parseImport({ format: 'bibtex', text: BIBTEX_XAMPL });
    expect(entries.map((e) => (e.ok ? e.fields : e))).toEqual([
      {
        title: 'The Gnats and Gnus Document Preparation System',
        authors: 'L[eslie] A. Aamport',
        year: 1986,
        journal: "G-Animal's Journal",
        doi: '',
      },
      {
        title: 'The Gnats and Gnus Document Preparation System',
        authors: 'L[eslie] A. Aamport',
        year: 1986,
        journal: "G-Animal's Journal",
        doi: '',
      },
      {
        title: 'Fundamental Algorithms',
        authors: 'Donald E. Knuth',
        year: 1973,
        journal: '',
        doi: '',
      },
      // "{\noopsort{1973c}}1981": the sort key is invisible in print, the year is 1981.
      {
        title: 'Seminumerical Algorithms',
        authors: 'Donald E. Knuth',
        year: 1981,
        journal: '',
        doi: '',
      },
      {
        title: 'On Notions of Information Transfer in VLSI Circuits',
        authors: 'Alfred V. Oaho; Jeffrey D. Ullman; Mihalis Yannakakis',
        year: 1983,
        journal: 'Proc. Fifteenth Annual ACM Symposium on the Theory of Computing',
        doi: '',
      },
      {
        title: 'Mastering Thesis Writing',
        authors: 'Édouard Masterly',
        year: 1988,
        journal: '',
        doi: '',
      },
      { line: 70, ok: false, title: '', reason: 'Title: a title is required' },
      {
        title: 'Lower Bounds for Wishful Research Results',
        authors: 'Ulrich Ünderwood; Ned Ñet; Paul P̄ot',
        year: null,
        journal: '',
        doi: '',
      },
    ]);
  });

  it('reads parentheses, multi-line values, escapes, a DOI URL and a braced "and"', () => {
    const text = String.raw`@article(lee2020,
  title = "A trial of {\"o}strogen \& 50\% less
           salt",
  author = {{Barnes and Noble} and Lee, Jo},
  journaltitle = {The Lancet},
  date = {2020-03-01},
  url = {https://doi.org/10.1016/S0140-6736(20)30001-1}
)
@article{nokey2,
  title = {Second}, doi = {10.1000/a\_b}, year = {2019}}`;
    expect(parseImport({ format: 'bibtex', text })).toEqual([
      {
        line: 1,
        ok: true,
        fields: {
          title: 'A trial of östrogen & 50% less salt',
          authors: 'Barnes and Noble; Lee, Jo',
          year: 2020,
          journal: 'The Lancet',
          doi: '10.1016/S0140-6736(20)30001-1',
        },
      },
      {
        line: 9,
        ok: true,
        fields: { title: 'Second', authors: '', year: 2019, journal: '', doi: '10.1000/a_b' },
      },
    ]);
  });

  it('lists an entry it cannot read with the reason and goes on with the next one', () => {
    const text = '@article{a, title = {Unclosed, year = 2020,\n\n@article{b, title = {Fine}}\n';
    const records = parseBibtex(text);
    // The unclosed brace swallows the rest; the reader resumes at the next "@".
    expect(records[0]).toMatchObject({ line: 1, problem: expect.stringContaining('never closed') });
    expect(records.at(-1)).toMatchObject({ line: 3, title: 'Fine' });
    // An undefined abbreviation reads as empty, as in BibTeX.
    const unknown = parseBibtex('@article{c, title = {T}, month = sept, journal = nosuch # " J"}');
    expect(unknown[0]).toMatchObject({ title: 'T', journal: ' J' });
    expect(unknown[0]!.problem).toBeUndefined();
  });

  it('turns LaTeX into text', () => {
    expect(latexToText(String.raw`Schr\"odinger, G{\"o}del, \c{C}a\u{g}lar, Ko\v{s}ice`)).toBe(
      'Schrödinger, Gödel, Çağlar, Košice',
    );
    expect(latexToText(String.raw`\emph{In vitro} \textbf{\textit{study}}: 1--2 p.~3`)).toBe(
      'In vitro study: 1–2 p. 3',
    );
    expect(latexToText(String.raw`Stra{\ss}e, {\o}resund, \'{\i}`)).toBe('Straße, øresund, í');
  });
});
