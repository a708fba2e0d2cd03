import { describe, expect, it } from 'vitest';
import { BIBTEX_XAMPL } from './fixtures/bibtex-xampl.ts';
import { NBIB_PUBMED } from './fixtures/nbib-pubmed.ts';
import { RIS_WIKIPEDIA_SAMPLE } from './fixtures/ris-spec.ts';
import { detectFormat, parseImport, previewImport, studiesToImport } from './import-file.ts';
import { ImportErrorCode, MAX_IMPORT_CHARS, MAX_IMPORT_RECORDS, toEntry } from './records.ts';

describe('reading an import file', () => {
  it('detects the format by extension, else by content', () => {
    expect(detectFormat('refs.RIS', '')).toBe('ris');
    expect(detectFormat('refs.bib', '')).toBe('bibtex');
    expect(detectFormat('pubmed-x.nbib', '')).toBe('nbib');
    expect(detectFormat('list.csv', '')).toBe('csv');
    expect(detectFormat('export.txt', '\uFEFF' + RIS_WIKIPEDIA_SAMPLE)).toBe('ris');
    expect(detectFormat('pubmed.txt', NBIB_PUBMED)).toBe('nbib');
    expect(detectFormat('refs.txt', BIBTEX_XAMPL)).toBe('bibtex');
    expect(detectFormat('list.txt', 'title;year\nA;2020')).toBe('csv');
    expect(detectFormat('notes.txt', 'just words')).toBeUndefined();
  });

  it('refuses a file over the size or record bound, and one with no records, with a code', () => {
    const tooLarge = 'x'.repeat(MAX_IMPORT_CHARS + 1);
    expect(() => parseImport({ format: 'ris', text: tooLarge })).toThrowError(
      expect.objectContaining({ code: ImportErrorCode.tooLarge }),
    );
    const records = (n: number) => 'TY  - JOUR\nTI  - T\nER  - \n'.repeat(n);
    expect(parseImport({ format: 'ris', text: records(MAX_IMPORT_RECORDS) })).toHaveLength(
      MAX_IMPORT_RECORDS,
    );
    expect(() =>
      parseImport({ format: 'ris', text: records(MAX_IMPORT_RECORDS + 1) }),
    ).toThrowError(expect.objectContaining({ code: ImportErrorCode.tooManyRecords }));
    expect(() => parseImport({ format: 'bibtex', text: RIS_WIKIPEDIA_SAMPLE })).toThrowError(
      expect.objectContaining({ code: ImportErrorCode.noRecords }),
    );
  });

  it('ends an author list past the field limit in "et al." instead of refusing the study', () => {
    const authors = Array.from({ length: 400 }, (_, i) => `Author${i}, A.`);
    const entry = toEntry({
      line: 1,
      title: 'Consortium',
      authors,
      year: '',
      journal: '',
      doi: '',
    });
    expect(entry.ok).toBe(true);
    const joined = entry.ok ? entry.fields.authors : '';
    expect(joined.length).toBeLessThanOrEqual(2000);
    expect(joined.startsWith('Author0, A.; Author1, A.;')).toBe(true);
    expect(joined.endsWith('; et al.')).toBe(true);
  });

  it('previews each entry as new, a duplicate of a study, a duplicate in the file, or invalid', () => {
    const text = [
      'TY  - JOUR\nTI  - Already here\nPY  - 2020\nER  - ',
      'TY  - JOUR\nTI  - Fresh\nPY  - 2021\nDO  - 10.1000/fresh\nER  - ',
      'TY  - JOUR\nTI  - No title rule broken\nPY  - 3000\nER  - ',
      'TY  - JOUR\nTI  - Fresh (other source)\nDO  - https://doi.org/10.1000/FRESH\nER  - ',
    ].join('\n');
    const rows = previewImport(parseImport({ format: 'ris', text }), [
      { id: 's1', title: 'ALREADY HERE.', year: 2020, doi: '' },
    ]);
    expect(rows.map((r) => (r.ok ? r.duplicate : 'invalid'))).toEqual([
      { kind: 'existing', studyId: 's1' },
      { kind: 'new' },
      'invalid',
      { kind: 'in-file', index: 1 },
    ]);
    expect(studiesToImport(rows).map((f) => f.title)).toEqual(['Fresh']);
  });
});
