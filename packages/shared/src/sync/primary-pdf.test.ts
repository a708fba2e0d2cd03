import { describe, expect, it } from 'vitest';
import { primaryDemotions } from './primary-pdf.ts';

const pdf = (id: string, tag: string, studyId = 's1', projectId = 'p1') => ({
  id,
  projectId,
  studyId,
  tag,
});

describe('primaryDemotions', () => {
  it('demotes the study’s other primary, and nothing of other studies or projects', () => {
    const pdfs = [
      pdf('a', 'primary'),
      pdf('b', 'secondary'),
      pdf('c', 'primary', 's2'),
      pdf('d', 'primary', 's1', 'p2'),
      pdf('e', 'protocol'),
    ];
    expect(primaryDemotions(pdfs, pdf('b', 'primary')).map((p) => p.id)).toEqual(['a']);
  });

  it('never demotes the promoted PDF itself', () => {
    expect(primaryDemotions([pdf('a', 'primary')], pdf('a', 'primary'))).toEqual([]);
  });

  it('demotes every other primary of the study if the rows hold more than one', () => {
    const pdfs = [pdf('a', 'primary'), pdf('b', 'primary'), pdf('c', 'secondary')];
    expect(primaryDemotions(pdfs, pdf('c', 'primary')).map((p) => p.id)).toEqual(['a', 'b']);
  });
});
