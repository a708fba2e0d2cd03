import { describe, expect, it } from 'vitest';
import { describeOp } from './describe-op.ts';

describe('describeOp', () => {
  it('names what each change does', () => {
    expect(
      describeOp({
        clientVersion: '0.2.0',
        type: 'project.create',
        payload: { id: 'x', name: 'Trial A' },
      }),
    ).toBe('Create project “Trial A”');
    expect(
      describeOp({
        clientVersion: '0.2.0',
        type: 'project.update',
        payload: { id: 'x', name: 'B' },
      }),
    ).toBe('Rename project to “B”');
    expect(
      describeOp({
        clientVersion: '0.2.0',
        type: 'project.update',
        payload: { id: 'x', description: 'd' },
      }),
    ).toBe('Change a project’s description');
    expect(
      describeOp({
        clientVersion: '0.2.0',
        type: 'member.setRole',
        payload: { projectId: 'p', userId: 'u', role: 'viewer' },
      }),
    ).toBe('Make a member viewer');
    expect(
      describeOp({
        clientVersion: '0.2.0',
        type: 'settings.update',
        payload: { changes: { theme: 'dark', showGuidance: false } },
      }),
    ).toBe('Change settings (theme, showGuidance)');
    // Queued by a 0.1.x build, in the shape it used.
    expect(
      describeOp({
        clientVersion: '0.1.4',
        type: 'settings.update',
        payload: { patch: { theme: 'dark' } },
      }),
    ).toBe('Change settings (theme)');
  });
});
