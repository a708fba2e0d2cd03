import { describe, expect, it } from 'vitest';
import { duplicateKey, findDuplicates, normaliseTitle } from './duplicates.ts';

const study = (title: string, year: number | null, doi = '') => ({ title, year, doi });

describe('duplicate detection', () => {
  it('normalises case, accents, punctuation and spacing of titles', () => {
    expect(normaliseTitle('  Café-based  INTERVENTION: a “trial”. ')).toBe(
      'cafe based intervention a trial',
    );
    expect(duplicateKey(study('A Trial', 2020, '10.1000/ABC'))).toEqual({
      doi: '10.1000/abc',
      titleYear: 'a trial|2020',
    });
  });

  it('matches by DOI first, else by title and year; different DOIs are different studies', () => {
    const existing = [
      { id: 'doi', ...study('Original title', 2019, '10.1000/x') },
      { id: 'plain', ...study('Exercise for back pain', 2018) },
    ];
    const incoming = [
      study('Retitled in the journal', 2020, '10.1000/X'), // same DOI, any title
      study('Exercise for back-pain.', 2018, '10.1000/new'), // no DOI on the existing one
      study('Exercise for back pain', 2017), // another year
      study('Original title', 2019, '10.1000/preprint'), // two DOIs that differ
      study('Original title', 2019), // no DOI: title and year
      study('Brand new', null),
      study('BRAND NEW', null), // duplicate of the record before it
      study('Brand new', 2001), // a year against none: not the same
    ];
    expect(findDuplicates(existing, incoming)).toEqual([
      { kind: 'existing', studyId: 'doi' },
      { kind: 'existing', studyId: 'plain' },
      { kind: 'new' },
      { kind: 'new' },
      { kind: 'existing', studyId: 'doi' },
      { kind: 'new' },
      { kind: 'in-file', index: 5 },
      { kind: 'new' },
    ]);
  });

  it('points an in-file duplicate at the first record of the group, matched by DOI', () => {
    const incoming = [
      study('One', 2020, '10.1/a'),
      study('One, again', 2021, '10.1/A'),
      study('One, thrice', 2022, '10.1/a'),
    ];
    expect(findDuplicates([], incoming)).toEqual([
      { kind: 'new' },
      { kind: 'in-file', index: 0 },
      { kind: 'in-file', index: 0 },
    ]);
  });
});
