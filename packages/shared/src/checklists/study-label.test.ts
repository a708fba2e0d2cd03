import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstAuthor, studyLabels } from './study-label.ts';

const study = (id: string, authors: string, year: number | null, title = `Title ${id}`) => ({
  id,
  title,
  authors,
  year,
});

describe('study labels', () => {
  it('first author: surname before the first comma or semicolon, initials dropped', () => {
    expect(firstAuthor('Lee J, Patel R')).toBe('Lee');
    expect(firstAuthor('Lee, J; Patel, R')).toBe('Lee');
    expect(firstAuthor('Savović J')).toBe('Savović');
    expect(firstAuthor('van der Berg AB, Kim C')).toBe('van der Berg');
    expect(firstAuthor('Smith J.-P.; Doe J')).toBe('Smith');
    expect(firstAuthor('Ada Lovelace and Charles Babbage')).toBe(
      'Ada Lovelace and Charles Babbage',
    );
    expect(firstAuthor('  ')).toBe('');
  });

  it('author and year; the title without authors; the author alone without a year', () => {
    const labels = studyLabels([
      study('s1', 'Lee J, Patel R', 2020),
      study('s2', '', 2021, 'A trial of X'),
      study('s3', 'Kim B', null),
    ]);
    expect([...labels.values()]).toEqual(['Lee 2020', 'A trial of X', 'Kim']);
  });

  it('studies sharing author and year get a, b, … in the order given', () => {
    const labels = studyLabels([
      study('s1', 'Lee J', 2020),
      study('s2', 'Kim B', 2020),
      study('s3', 'Lee, Jo', 2020),
      study('s4', 'Lee J', 2020),
    ]);
    expect([...labels.entries()]).toEqual([
      ['s1', 'Lee 2020a'],
      ['s2', 'Kim 2020'],
      ['s3', 'Lee 2020b'],
      ['s4', 'Lee 2020c'],
    ]);
  });

  it('property: every study gets a label, and no two share one', () => {
    const name = fc.constantFrom('Lee J', 'Lee', 'Kim B', '', 'Lee 2020a', 'Lee 2020');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            authors: name,
            year: fc.constantFrom(2020, 2021, null),
            title: fc.constantFrom('Lee 2020a', 'T'),
          }),
          { maxLength: 40 },
        ),
        (rows) => {
          const studies = rows.map((r, i) => ({ id: `s${i}`, ...r }));
          const labels = studyLabels(studies);
          expect(labels.size).toBe(studies.length);
          expect(new Set(labels.values()).size).toBe(studies.length);
        },
      ),
    );
  });
});
