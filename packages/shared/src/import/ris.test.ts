import { describe, expect, it } from 'vitest';
import { RIS_SPEC_SAMPLES, RIS_WIKIPEDIA_SAMPLE } from './fixtures/ris-spec.ts';
import { parseImport } from './import-file.ts';
import { parseRis } from './ris.ts';

describe('RIS', () => {
  it("reads the specification's example records: wrapped title, repeated A1, Y1 dates", () => {
    const entries = parseImport({ format: 'ris', text: RIS_SPEC_SAMPLES });
    expect(entries).toEqual([
      {
        line: 1,
        ok: true,
        fields: {
          title: 'Blood-brain barrier breach following cortical contusion in the rat',
          authors: 'Baldwin,S.A.; Fugaccia,I.; Brown,D.R.; Brown,L.V.; Scheff,S.W.',
          year: 1996,
          journal: 'J.Neurosurg.',
          doi: '',
        },
      },
      {
        line: 24,
        ok: true,
        fields: {
          title: 'Method of detecting AIDS virus infection',
          authors: 'Burger,D.R.; Goldstein,A.S.',
          year: 1990,
          journal: '',
          doi: '',
        },
      },
      {
        line: 42,
        ok: true,
        fields: {
          title: 'Preface by an AIDS Victim',
          authors: 'Franks,L.M.',
          year: 1991,
          journal: 'Cancer, HIV and AIDS.',
          doi: '',
        },
      },
    ]);
  });

  it("reads Wikipedia's example record (TI, AU, PY with a partial date, JF)", () => {
    expect(parseImport({ format: 'ris', text: RIS_WIKIPEDIA_SAMPLE })).toEqual([
      {
        line: 1,
        ok: true,
        fields: {
          title: 'A Mathematical Theory of Communication',
          authors: 'Shannon, Claude E.',
          year: 1948,
          journal: 'Bell System Technical Journal',
          doi: '',
        },
      },
    ]);
  });

  it('takes a DOI from DO or from a doi.org link, reads CRLF files, keeps a record missing its ER', () => {
    const text = [
      'TY  - JOUR',
      'TI  - First',
      'AU  - Lee, J.',
      'AU  - Patel, R.',
      'PY  - 2020',
      'DO  - https://doi.org/10.1000/ABC%2F1',
      'ER  - ',
      'TY  - JOUR',
      'TI  - Second',
      'UR  - https://dx.doi.org/10.1000/xyz',
      'TY  - JOUR',
      'TI  - Third, with no ER at the end of the file',
    ].join('\r\n');
    const records = parseRis(text);
    expect(records.map((r) => [r.title, r.doi])).toEqual([
      ['First', 'https://doi.org/10.1000/ABC%2F1'],
      ['Second', 'https://dx.doi.org/10.1000/xyz'],
      ['Third, with no ER at the end of the file', ''],
    ]);
    const entries = parseImport({ format: 'ris', text });
    expect(entries.map((e) => e.ok && e.fields.doi)).toEqual(['10.1000/ABC/1', '10.1000/xyz', '']);
    expect(entries[0]!.ok && entries[0]!.fields.authors).toBe('Lee, J.; Patel, R.');
  });

  it('lists a record without a title or with an impossible year as invalid, with the reason', () => {
    const text = 'TY  - JOUR\nAU  - Lee\nER  - \nTY  - JOUR\nTI  - Old\nPY  - 1700\nER  - \n';
    expect(parseImport({ format: 'ris', text })).toEqual([
      { line: 1, ok: false, title: '', reason: 'Title: a title is required' },
      { line: 4, ok: false, title: 'Old', reason: expect.stringMatching(/^Year: /) },
    ]);
  });
});
