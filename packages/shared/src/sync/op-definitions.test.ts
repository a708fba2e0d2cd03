import { describe, expect, it } from 'vitest';
import {
  OP_DEFINITIONS,
  describeOpPayload,
  projectOfOp,
  type OpDefinitions,
} from './op-definitions.ts';
import { OP_TYPES, opPayloadSchemas } from './ops.ts';

describe('op definitions', () => {
  it('define every op type, each with the payload schema of the wire', () => {
    expect(Object.keys(OP_DEFINITIONS).sort()).toEqual([...OP_TYPES].sort());
    for (const type of OP_TYPES) expect(OP_DEFINITIONS[type].payload).toBe(opPayloadSchemas[type]);
  });

  it('an op type without a definition, or a definition reading a field its payload lacks, does not compile', () => {
    const { 'pdf.delete': _dropped, ...rest } = OP_DEFINITIONS;
    // @ts-expect-error pdf.delete has no definition
    const incomplete: OpDefinitions = rest;
    expect(Object.keys(incomplete)).not.toContain('pdf.delete');

    const misread: OpDefinitions = {
      ...OP_DEFINITIONS,
      'project.delete': {
        payload: opPayloadSchemas['project.delete'],
        // @ts-expect-error project.delete's payload names its project `id`, not `projectId`
        projectOf: (p) => String(p.projectId),
        describe: () => 'Delete a project',
      },
    };
    expect(misread['project.delete'].describe({})).toBe('Delete a project');
  });

  it('name the project an op changes, none for settings, from a payload not yet parsed', () => {
    expect(projectOfOp('project.update', { id: 'p1', name: 'A' })).toBe('p1');
    expect(projectOfOp('member.remove', { projectId: 'p2', userId: 'u' })).toBe('p2');
    expect(projectOfOp('pdf.update', { projectId: 'p3', id: 'f', patch: {} })).toBe('p3');
    expect(projectOfOp('settings.update', { changes: { theme: 'dark' } })).toBeUndefined();
    // A malformed payload names no real project (and does not throw).
    expect(projectOfOp('pdf.delete', null)).toBe('undefined');
  });

  it('describe a queued op in words, whatever its payload holds', () => {
    expect(describeOpPayload('member.add', { email: 'b@example.org', role: 'editor' })).toBe(
      'Invite b@example.org as editor',
    );
    expect(describeOpPayload('pdf.update', { patch: { fileName: 'Final.pdf' } })).toBe(
      'Rename a PDF to “Final.pdf”',
    );
    expect(describeOpPayload('pdf.update', { patch: { tag: 'primary' } })).toBe(
      'Mark a PDF as primary',
    );
    expect(describeOpPayload('settings.update', 'not an object')).toBe('Change settings ()');
    expect(describeOpPayload('project.create', { name: 42 })).toBe('Create project “”');
  });
});
