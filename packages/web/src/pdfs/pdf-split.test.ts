import { describe, expect, it } from 'vitest';
import {
  KEY_STEP,
  MIN_CHECKLIST_WIDTH,
  MIN_PDF_WIDTH,
  clampPdfWidth,
  parseStoredWidth,
  pdfWidth,
  widthAfterKey,
} from './pdf-split.ts';

describe('clampPdfWidth', () => {
  it('keeps a width both sides have room for', () => {
    expect(clampPdfWidth(500, 1300)).toBe(500);
  });

  it('keeps the PDF at least its minimum', () => {
    expect(clampPdfWidth(100, 1300)).toBe(MIN_PDF_WIDTH);
  });

  it('leaves the checklist its minimum', () => {
    expect(clampPdfWidth(1200, 1300)).toBe(1300 - MIN_CHECKLIST_WIDTH);
  });

  it('gives the PDF its minimum when the split is too narrow for both', () => {
    expect(clampPdfWidth(400, 500)).toBe(MIN_PDF_WIDTH);
  });

  it('fits a width remembered on a wider window', () => {
    expect(pdfWidth(1400, 1000)).toBe(1000 - MIN_CHECKLIST_WIDTH);
  });

  it('starts at 45% of the split', () => {
    expect(pdfWidth(undefined, 1320)).toBe(594);
  });
});

describe('widthAfterKey', () => {
  it('widens the PDF with ← and narrows it with →, Shift for bigger steps', () => {
    expect(widthAfterKey('ArrowLeft', false, 500, 1300)).toBe(500 + KEY_STEP);
    expect(widthAfterKey('ArrowRight', false, 500, 1300)).toBe(500 - KEY_STEP);
    expect(widthAfterKey('ArrowLeft', true, 500, 1300)).toBe(500 + 4 * KEY_STEP);
  });

  it('goes to the ends with Home and End', () => {
    expect(widthAfterKey('Home', false, 500, 1300)).toBe(1300 - MIN_CHECKLIST_WIDTH);
    expect(widthAfterKey('End', false, 500, 1300)).toBe(MIN_PDF_WIDTH);
  });

  it('stops at the limits', () => {
    expect(widthAfterKey('ArrowRight', false, MIN_PDF_WIDTH, 1300)).toBe(MIN_PDF_WIDTH);
  });

  it('ignores other keys', () => {
    expect(widthAfterKey('Enter', false, 500, 1300)).toBeNull();
  });
});

describe('parseStoredWidth', () => {
  it('reads a number of pixels', () => {
    expect(parseStoredWidth('612')).toBe(612);
  });

  it('ignores nothing, junk, zero and negatives', () => {
    expect(parseStoredWidth(null)).toBeUndefined();
    expect(parseStoredWidth('wide')).toBeUndefined();
    expect(parseStoredWidth('0')).toBeUndefined();
    expect(parseStoredWidth('-5')).toBeUndefined();
  });
});
