import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBlindReviewers, setBlindReviewers } from './settings.ts';
import { stripV1Content } from './checklist-doc.ts';

describe('project settings: blind reviewers', () => {
  it('a new project is blinded (absent = on); an owner turns it off and on again', () => {
    const doc = new Y.Doc();
    expect(readBlindReviewers(doc)).toBe(true);
    setBlindReviewers(doc, false);
    expect(readBlindReviewers(doc)).toBe(false);
    setBlindReviewers(doc, true);
    expect(readBlindReviewers(doc)).toBe(true);
  });

  it('a migrated v1 project is not blinded', () => {
    const doc = new Y.Doc();
    stripV1Content(doc);
    expect(readBlindReviewers(doc)).toBe(false);
  });

  it('a value that is not a boolean reads as blinded (only an explicit false unblinds)', () => {
    const doc = new Y.Doc();
    doc.getMap('settings').set('blindReviewers', 'no');
    expect(readBlindReviewers(doc)).toBe(true);
  });
});
