import { describe, expect, it } from 'vitest';
import { DOC_CLOSE_CODES, DocCloseReason, docCloseCode, isPermanentClose } from './doc-socket.ts';

describe('document socket close codes', () => {
  it('permanent refusals are 4400–4499 (a stock y-websocket client stops), temporary ones 4000–4399', () => {
    // Only a frame that did not decode is worth another try; every other refusal is permanent.
    const temporary: DocCloseReason[] = [DocCloseReason.MALFORMED_FRAME];
    for (const reason of Object.values(DocCloseReason)) {
      const code = docCloseCode(reason);
      expect(code).toBeGreaterThanOrEqual(4000);
      expect(code).toBeLessThan(4500);
      expect(isPermanentClose(code), reason).toBe(!temporary.includes(reason));
    }
    for (const reason of [
      'MEMBERSHIP_REVOKED',
      'PROJECT_DELETED',
      'CLIENT_TOO_OLD',
      'MESSAGE_TOO_LARGE',
    ] as const)
      expect(isPermanentClose(DOC_CLOSE_CODES[reason]), reason).toBe(true);
    expect(new Set(Object.values(DOC_CLOSE_CODES)).size).toBe(Object.keys(DOC_CLOSE_CODES).length);
  });

  it('treats only 4400–4499 as permanent (as y-websocket does)', () => {
    expect([1000, 1006, 3999, 4000, 4399, 4400, 4499, 4500].map(isPermanentClose)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      false,
    ]);
  });
});
