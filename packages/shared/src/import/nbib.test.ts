import { describe, expect, it } from 'vitest';
import { NBIB_PUBMED } from './fixtures/nbib-pubmed.ts';
import { parseImport } from './import-file.ts';

describe('PubMed (nbib)', () => {
  it('reads PubMed records: continuation lines, FAU over AU, CN, JT, DP, the DOI from LID or AID', () => {
    expect(parseImport({ format: 'nbib', text: NBIB_PUBMED })).toEqual([
      {
        line: 1,
        ok: true,
        fields: {
          title:
            'Preferred reporting items for systematic reviews and meta-analyses: the PRISMA statement.',
          authors:
            'Moher, David; Liberati, Alessandro; Tetzlaff, Jennifer; Altman, Douglas G; PRISMA Group',
          year: 2009,
          journal: 'PLoS medicine',
          doi: '10.1371/journal.pmed.1000097',
        },
      },
      {
        line: 47,
        ok: true,
        fields: {
          title: 'A randomised trial of reminders, reported by a group.',
          authors: 'Reminder Trial Collaborative Group',
          year: 2021,
          journal: 'Trials Journal',
          doi: '10.1000/TRIALS.2021.003',
        },
      },
    ]);
  });

  it('uses AU when a record has no FAU, and reads a file without a blank line between records', () => {
    const text =
      'PMID- 1\nTI  - One\nAU  - Lee J\nDP  - 2001\nPMID- 2\nTI  - Two\nDP  - 2002 Spring';
    const entries = parseImport({ format: 'nbib', text });
    expect(entries.map((e) => e.ok && [e.fields.title, e.fields.authors, e.fields.year])).toEqual([
      ['One', 'Lee J', 2001],
      ['Two', '', 2002],
    ]);
  });
});
