import { describe, expect, it } from 'vitest';
import { ZOOM_STEPS, canZoom, zoomKey, zoomLabel, zoomStep } from './pdf-zoom.ts';

describe('zoomStep', () => {
  it('goes to the neighbouring level from a level', () => {
    expect(zoomStep(1, 'in')).toBe(1.1);
    expect(zoomStep(1, 'out')).toBe(0.9);
  });

  it('goes on from a fitted scale to the next level in that direction', () => {
    expect(zoomStep(1.18, 'in')).toBe(1.25);
    expect(zoomStep(1.18, 'out')).toBe(1.1);
  });

  it('treats a scale a hair off a level as that level', () => {
    expect(zoomStep(1.2500001, 'in')).toBe(1.5);
    expect(zoomStep(1.2499999, 'out')).toBe(1.1);
  });

  it('stops at the ends', () => {
    expect(zoomStep(4, 'in')).toBe(4);
    expect(zoomStep(9, 'in')).toBe(4);
    expect(zoomStep(0.5, 'out')).toBe(0.5);
    expect(zoomStep(0.2, 'out')).toBe(0.5);
    expect(canZoom(4, 'in')).toBe(false);
    expect(canZoom(0.5, 'out')).toBe(false);
    expect(canZoom(0.5, 'in')).toBe(true);
  });

  it('walks every level in order', () => {
    const seen: number[] = [ZOOM_STEPS[0]];
    while (canZoom(seen.at(-1)!, 'in')) seen.push(zoomStep(seen.at(-1)!, 'in'));
    expect(seen).toEqual([...ZOOM_STEPS]);
  });
});

describe('zoomLabel', () => {
  it('shows a percentage', () => {
    expect(zoomLabel(1.25)).toBe('125%');
    expect(zoomLabel(0.6666)).toBe('67%');
  });
});

describe('zoomKey', () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }>) =>
    zoomKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  it('reads Ctrl or Cmd with +, =, − and 0', () => {
    expect(key('+', { ctrlKey: true })).toBe('in');
    expect(key('=', { metaKey: true })).toBe('in');
    expect(key('-', { ctrlKey: true })).toBe('out');
    expect(key('0', { metaKey: true })).toBe('fit');
  });

  it('leaves plain keys and other chords alone', () => {
    expect(key('+', {})).toBeNull();
    expect(key('-', { ctrlKey: true, altKey: true })).toBeNull();
    expect(key('f', { ctrlKey: true })).toBeNull();
  });
});
