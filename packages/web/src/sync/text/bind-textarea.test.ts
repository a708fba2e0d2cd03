import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { type TextareaLike, bindTextarea } from './bind-textarea.ts';

type Kind = 'input' | 'compositionstart' | 'compositionend';

/** Behaves like a textarea where it matters: assigning `value` puts the caret at the end. */
class FakeTextarea implements TextareaLike {
  private text = '';
  selectionStart = 0;
  selectionEnd = 0;
  readonly ownerDocument: { activeElement: unknown } = { activeElement: null };
  private listeners = new Map<Kind, Set<() => void>>();

  get value() {
    return this.text;
  }
  set value(v: string) {
    this.text = v;
    this.selectionStart = this.selectionEnd = v.length;
  }
  setSelectionRange(start: number, end: number) {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  addEventListener(type: Kind, fn: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }
  removeEventListener(type: Kind, fn: () => void) {
    this.listeners.get(type)?.delete(fn);
  }
  emit(type: Kind) {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
  focus() {
    this.ownerDocument.activeElement = this;
  }
  /** The user types (or deletes the selection and types) at the caret. */
  type(s: string) {
    const start = this.selectionStart;
    this.text = this.text.slice(0, start) + s + this.text.slice(this.selectionEnd);
    this.selectionStart = this.selectionEnd = start + s.length;
    this.emit('input');
  }
}

/** A local and a remote replica of one note, kept in sync. */
function setup(initial = '') {
  const local = new Y.Doc();
  const remote = new Y.Doc();
  local.on(
    'update',
    (u: Uint8Array, o: unknown) => o !== 'sync' && Y.applyUpdate(remote, u, 'sync'),
  );
  remote.on(
    'update',
    (u: Uint8Array, o: unknown) => o !== 'sync' && Y.applyUpdate(local, u, 'sync'),
  );
  remote.getText('note').insert(0, initial);
  const el = new FakeTextarea();
  el.focus();
  const unbind = bindTextarea(el, local.getText('note'));
  return { el, unbind, remoteText: remote.getText('note'), localText: local.getText('note') };
}

describe('bindTextarea', () => {
  it('shows the current text and sends typing as inserts', () => {
    const { el, remoteText } = setup('hello');
    el.setSelectionRange(5, 5);
    el.type(' world');
    expect(remoteText.toString()).toBe('hello world');
  });

  it('keeps the caret in place when a peer inserts before it', () => {
    const { el, remoteText } = setup('hello world');
    el.setSelectionRange(6, 6); // before "world"
    remoteText.insert(0, '>> ');
    expect(el.value).toBe('>> hello world');
    expect([el.selectionStart, el.selectionEnd]).toEqual([9, 9]);
  });

  it('does not move the caret for a peer typing after it or exactly at it', () => {
    const { el, remoteText } = setup('abc');
    el.setSelectionRange(1, 1);
    remoteText.insert(3, 'XYZ');
    remoteText.insert(1, '!');
    expect(el.value).toBe('a!bcXYZ');
    expect(el.selectionStart).toBe(1);
  });

  it('a selection does not grow at its edges and shrinks with deleted text', () => {
    const { el, remoteText } = setup('0123456789');
    el.setSelectionRange(2, 6);
    remoteText.insert(2, 'a'); // at the start edge
    remoteText.insert(7, 'b'); // at the end edge (old 6)
    expect([el.selectionStart, el.selectionEnd]).toEqual([3, 7]);
    remoteText.delete(5, 4); // deletes "45b6": part of the selection and the text after it
    expect(el.value).toBe('01a23789');
    expect([el.selectionStart, el.selectionEnd]).toEqual([3, 5]);
  });

  it('concurrent typing by both sides is merged, not overwritten', () => {
    const { el, remoteText, localText } = setup('notes');
    el.setSelectionRange(0, 0);
    el.type('A: ');
    remoteText.insert(remoteText.length, ' (B)');
    el.type('x');
    expect(localText.toString()).toBe('A: xnotes (B)');
    expect(remoteText.toString()).toBe('A: xnotes (B)');
    expect(el.value).toBe('A: xnotes (B)');
    expect(el.selectionStart).toBe(4);
  });

  it('holds remote changes during an IME composition and maps the composed text through them', () => {
    const { el, remoteText, localText } = setup('ab');
    el.setSelectionRange(1, 1);
    el.emit('compositionstart');
    el.type('か'); // intermediate input while composing: not sent
    expect(localText.toString()).toBe('ab');
    remoteText.insert(0, 'Z');
    expect(el.value).toBe('aかb'); // untouched while composing
    el.emit('compositionend');
    expect(remoteText.toString()).toBe('Zaかb');
    expect(el.value).toBe('Zaかb');
    expect(el.selectionStart).toBe(3);
  });

  it('does not move the caret of an unfocused textarea, and stops after unbinding', () => {
    const { el, remoteText, unbind } = setup('abc');
    el.ownerDocument.activeElement = null;
    remoteText.insert(0, 'x');
    expect(el.value).toBe('xabc');
    unbind();
    remoteText.insert(0, 'y');
    expect(el.value).toBe('xabc');
  });
});
