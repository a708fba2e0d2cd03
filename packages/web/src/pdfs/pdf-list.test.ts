import { describe, expect, it } from 'vitest';
import type { Pdf } from '@corates/shared';
import { formatBytes, primaryPdf, studyPdfs } from './pdf-list.ts';

const pdf = (id: string, studyId: string, tag: Pdf['tag'], createdAt: string): Pdf => ({
  id,
  projectId: 'p',
  studyId,
  fileName: `${id}.pdf`,
  size: 1,
  tag,
  uploadedBy: 'u',
  createdAt,
  updatedAt: createdAt,
  version: 1,
});

const all = [
  pdf('late-secondary', 's', 'secondary', '2026-01-03T00:00:00.000Z'),
  pdf('early-secondary', 's', 'secondary', '2026-01-01T00:00:00.000Z'),
  pdf('protocol', 's', 'protocol', '2026-01-04T00:00:00.000Z'),
  pdf('primary', 's', 'primary', '2026-01-05T00:00:00.000Z'),
  pdf('other-study', 't', 'primary', '2026-01-01T00:00:00.000Z'),
];

describe('study PDF lists', () => {
  it('lists one study, primary then protocol then oldest first', () => {
    expect(studyPdfs(all, 's').map((p) => p.id)).toEqual([
      'primary',
      'protocol',
      'early-secondary',
      'late-secondary',
    ]);
  });
  it('finds the primary of the study asked for, or none', () => {
    expect(primaryPdf(all, 's')?.id).toBe('primary');
    expect(primaryPdf(all, 't')?.id).toBe('other-study');
    expect(primaryPdf(all, 'u')).toBeUndefined();
  });
  it('formats sizes', () => {
    expect(formatBytes(900)).toBe('900 B');
    expect(formatBytes(15_360)).toBe('15 KB');
    expect(formatBytes(5 * 1024 * 1024 + 100_000)).toBe('5.1 MB');
  });
});
