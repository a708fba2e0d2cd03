import { describe, expect, it } from 'vitest';
import { PDF_MAX_BYTES } from '@corates/shared';
import { checkPdfFile } from './check-pdf-file.ts';

describe('checkPdfFile', () => {
  it('passes a file that starts like a PDF', async () => {
    expect(await checkPdfFile(new Blob(['%PDF-1.7\n…']))).toBeUndefined();
  });
  it('refuses a file that is not a PDF, whatever its type says', async () => {
    const zip = new Blob(['PK\u0003\u0004'], { type: 'application/pdf' });
    expect((await checkPdfFile(zip))?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await checkPdfFile(new Blob([])))?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
  it('refuses a file over the limit before reading it', async () => {
    const big = new Blob([new Uint8Array(PDF_MAX_BYTES + 1)]);
    expect((await checkPdfFile(big))?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
