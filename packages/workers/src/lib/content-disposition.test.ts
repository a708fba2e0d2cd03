import { describe, expect, it } from 'vitest';
import { contentDisposition } from './content-disposition.ts';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('inline', 'Müller (2020) résumé.pdf')).toBe(
      `inline; filename="M_ller (2020) r_sum_.pdf"; filename*=UTF-8''M%C3%BCller%20%282020%29%20r%C3%A9sum%C3%A9.pdf`,
    );
  });
  it('never lets a quote end the quoted fallback early', () => {
    expect(contentDisposition('attachment', 'a"b\\c.pdf')).toBe(
      `attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`,
    );
  });
});
