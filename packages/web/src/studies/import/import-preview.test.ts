import { describe, expect, it } from 'vitest';
import { type PreviewRow, parseImport, previewImport } from '@corates/shared';
import { importButtonLabel, rowStatusText, summarise, summaryText } from './import-preview.ts';

const RIS = [
  'TY  - JOUR\nTI  - Known\nPY  - 2020\nER  - ',
  'TY  - JOUR\nTI  - Fresh\nPY  - 2021\nER  - ',
  'TY  - JOUR\nTI  - fresh.\nPY  - 2021\nER  - ',
  'TY  - JOUR\nAU  - No title\nER  - ',
].join('\n');

describe('import preview wording', () => {
  const rows: PreviewRow[] = previewImport(parseImport({ format: 'ris', text: RIS }), [
    { id: 's1', title: 'Known', year: 2020, doi: '' },
  ]);
  const titleOf = {
    study: (id: string) => (id === 's1' ? 'Known (in the project)' : '?'),
    row: (i: number) => {
      const row = rows[i];
      return row?.ok ? row.fields.title : '';
    },
  };

  it("says each row's fate, naming what it duplicates", () => {
    expect(rows.map((r) => rowStatusText(r, titleOf))).toEqual([
      'Already in the project as “Known (in the project)”',
      'New',
      'Repeats row 2 (“Fresh”)',
      'Not imported: Title: a title is required',
    ]);
  });

  it('counts and summarises', () => {
    expect(summarise(rows)).toEqual({ new: 1, existing: 1, inFile: 1, invalid: 1 });
    expect(summaryText(summarise(rows))).toBe(
      '1 new study, 1 already in the project, 1 repeated in the file, 1 that cannot be imported.',
    );
    expect(summaryText({ new: 3, existing: 0, inFile: 0, invalid: 0 })).toBe('3 new studies.');
    expect(importButtonLabel(0)).toBe('Nothing to import');
    expect(importButtonLabel(1)).toBe('Import 1 study');
    expect(importButtonLabel(12)).toBe('Import 12 studies');
  });
});
