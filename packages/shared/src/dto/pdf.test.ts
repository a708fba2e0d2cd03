import { describe, expect, it } from 'vitest';
import {
  hasPdfMagic,
  PDF_FILE_NAME_MAX,
  safePdfFileName,
  updatePdfSchema,
  uploadPdfQuerySchema,
} from './pdf.ts';

// Latin-1 only: each character is one byte.
const bytes = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));

describe('hasPdfMagic', () => {
  it('accepts bytes that start %PDF-', () => {
    expect(hasPdfMagic(bytes('%PDF-1.7\n%âãÏÓ'))).toBe(true);
  });
  it('refuses other files, short heads and near misses', () => {
    expect(hasPdfMagic(bytes('PK\u0003\u0004'))).toBe(false);
    expect(hasPdfMagic(bytes('%PDF'))).toBe(false);
    expect(hasPdfMagic(bytes(' %PDF-1.7'))).toBe(false);
    expect(hasPdfMagic(bytes('%pdf-1.7'))).toBe(false);
    expect(hasPdfMagic(new Uint8Array())).toBe(false);
  });
});

describe('safePdfFileName', () => {
  it.each([
    ['Smith 2020.pdf', 'Smith 2020.pdf'],
    ['report.PDF', 'report.pdf'],
    ['no extension', 'no extension.pdf'],
    ['../../etc/passwd', 'passwd.pdf'],
    ['C:\\Users\\ada\\trial.pdf', 'trial.pdf'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['tab\tand\nnewline.pdf', 'tab_and_newline.pdf'],
    ['  lots   of    space  .pdf', 'lots of space.pdf'],
    ['invoice\u202Efdp.exe', 'invoice_fdp.exe.pdf'],
    ['CON.pdf', '_CON.pdf'],
    ['', 'document.pdf'],
    ['.pdf', 'document.pdf'],
    ['???', 'document.pdf'],
    ['e\u0301tude.pdf', '\u00e9tude.pdf'],
    ['Müller résumé.pdf', 'Müller résumé.pdf'],
  ])('%j → %j', (raw, safe) => {
    expect(safePdfFileName(raw)).toBe(safe);
  });

  it('caps the length and keeps .pdf, without splitting a surrogate pair', () => {
    const long = safePdfFileName(`${'a'.repeat(PDF_FILE_NAME_MAX - 5)}😀😀😀.pdf`);
    expect(long.length).toBeLessThanOrEqual(PDF_FILE_NAME_MAX);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(long).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('is idempotent on a spread of awkward names', () => {
    const samples = [
      'x.pdf.pdf',
      ' . . a . .pdf',
      'COM1',
      '\u0000\u0001.pdf',
      `${'é'.repeat(400)}.pdf`,
      'a/b\\c.PDF',
      '...',
    ];
    for (const raw of samples) {
      const once = safePdfFileName(raw);
      expect(safePdfFileName(once)).toBe(once);
      expect(once).toMatch(/^[^./\\].*\.pdf$/);
    }
  });
});

describe('PDF request schemas', () => {
  it('makes an upload name safe and leaves the tag optional', () => {
    expect(uploadPdfQuerySchema.parse({ fileName: 'dir/Trial.PDF' })).toEqual({
      fileName: 'Trial.pdf',
    });
  });
  it('an update must change something and knows only the three tags', () => {
    expect(updatePdfSchema.safeParse({}).success).toBe(false);
    expect(updatePdfSchema.safeParse({ tag: 'appendix' }).success).toBe(false);
    expect(updatePdfSchema.parse({ tag: 'protocol' })).toEqual({ tag: 'protocol' });
  });
});
