import { describe, expect, it } from 'vitest';
import { detectDelimiter, guessCsvMapping, readCsvTable } from './csv-import.ts';
import { parseImport } from './import-file.ts';
import { ImportErrorCode, MAX_IMPORT_RECORDS } from './records.ts';

describe('CSV import', () => {
  it('reads quoted fields holding commas, quotes and line breaks, behind a BOM', () => {
    const text =
      '\uFEFFTitle,Authors,Year,Source title,DOI\r\n' +
      '"Statins, older adults","Lee, J; Patel, R",2021,BMJ,https://doi.org/10.1136/bmj.n1\r\n' +
      '"A ""quoted"" title\r\nover two lines",,2019,,\r\n' +
      '\r\n' +
      'Plain,Kim,not a year,,\r\n';
    const table = readCsvTable(text);
    expect(table.headers).toEqual(['Title', 'Authors', 'Year', 'Source title', 'DOI']);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 6]);
    const mapping = guessCsvMapping(table.headers);
    expect(mapping).toEqual({ title: 0, authors: 1, year: 2, journal: 3, doi: 4 });
    expect(parseImport({ format: 'csv', table, mapping })).toEqual([
      {
        line: 2,
        ok: true,
        fields: {
          title: 'Statins, older adults',
          authors: 'Lee, J; Patel, R',
          year: 2021,
          journal: 'BMJ',
          doi: '10.1136/bmj.n1',
        },
      },
      {
        line: 3,
        ok: true,
        fields: {
          title: 'A "quoted" title over two lines',
          authors: '',
          year: 2019,
          journal: '',
          doi: '',
        },
      },
      { line: 6, ok: false, title: 'Plain', reason: 'Year: “not a year” has no year in it' },
    ]);
  });

  it('reads semicolon- and tab-separated files, and a mapping chosen by hand', () => {
    expect(detectDelimiter('titel;jaar;auteurs\n"a,b";2020;x')).toBe(';');
    expect(detectDelimiter('a\tb\tc,d\n')).toBe('\t');
    const table = readCsvTable('titel;jaar;tijdschrift\n"Een, twee";2020;NTvG\n');
    expect(guessCsvMapping(table.headers)).toEqual({
      title: null,
      authors: null,
      year: null,
      journal: null,
      doi: null,
    });
    const entries = parseImport({
      format: 'csv',
      table,
      mapping: { title: 0, authors: null, year: 1, journal: 2, doi: null },
    });
    expect(entries).toEqual([
      {
        line: 2,
        ok: true,
        fields: { title: 'Een, twee', authors: '', year: 2020, journal: 'NTvG', doi: '' },
      },
    ]);
  });

  it('refuses a file without data rows or with more rows than one import takes', () => {
    expect(() => readCsvTable('title,year\n')).toThrowError(
      expect.objectContaining({ code: ImportErrorCode.noCsvRows }),
    );
    const big = 'title\n' + 'x\n'.repeat(MAX_IMPORT_RECORDS + 1);
    expect(() => readCsvTable(big)).toThrowError(
      expect.objectContaining({ code: ImportErrorCode.tooManyRecords }),
    );
    expect(readCsvTable('title\n' + 'x\n'.repeat(MAX_IMPORT_RECORDS)).rows).toHaveLength(
      MAX_IMPORT_RECORDS,
    );
  });
});
