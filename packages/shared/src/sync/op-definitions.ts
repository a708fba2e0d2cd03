import { opPayloadSchemas, type OpPayload, type OpType } from './ops.ts';

/**
 * An op's payload as a queue may hold it before it is parsed: the payload's field names, values
 * unchecked (an op an older build queued, or one the server will refuse). A definition reads
 * fields by name, so renaming a payload field fails to compile here as well as on the wire.
 */
export type LoosePayload<T extends OpType> = { readonly [K in keyof OpPayload<T>]?: unknown };

/**
 * What both sides know of an op type. The server's part (what it loads, its rule, who may send
 * it) is `MUTATIONS` and `OP_ACCESS` in packages/workers; the client's (its optimistic effect on
 * the cache, the row it marks pending) is `CLIENT_OPS` in packages/web. All three are mapped over
 * `OpType`, so an op type missing a piece on either side does not compile.
 */
export interface OpDefinition<T extends OpType> {
  /** The payload's schema: the wire (ops.ts, fingerprinted by protocol-version.test.ts). */
  payload: (typeof opPayloadSchemas)[T];
  /**
   * The project whose rows the op changes; undefined when it changes none (the caller's own
   * settings). The server loads that project and checks the caller's role in it; the client keeps
   * its cached rows through a cache reset while the op waits in the queue.
   */
  projectOf(p: LoosePayload<T>): string | undefined;
  /** The op in words, for the sync panel ("Rename project to “Trial B”"). */
  describe(p: LoosePayload<T>): string;
}

export type OpDefinitions = { readonly [T in OpType]: OpDefinition<T> };

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export const OP_DEFINITIONS: OpDefinitions = {
  'project.create': {
    payload: opPayloadSchemas['project.create'],
    projectOf: (p) => String(p.id),
    describe: (p) => `Create project “${str(p.name)}”`,
  },
  'project.update': {
    payload: opPayloadSchemas['project.update'],
    projectOf: (p) => String(p.id),
    describe: (p) =>
      p.name !== undefined
        ? `Rename project to “${str(p.name)}”`
        : 'Change a project’s description',
  },
  'project.delete': {
    payload: opPayloadSchemas['project.delete'],
    projectOf: (p) => String(p.id),
    describe: () => 'Delete a project',
  },
  'member.add': {
    payload: opPayloadSchemas['member.add'],
    projectOf: (p) => String(p.projectId),
    describe: (p) => `Invite ${str(p.email)} as ${str(p.role)}`,
  },
  'member.setRole': {
    payload: opPayloadSchemas['member.setRole'],
    projectOf: (p) => String(p.projectId),
    describe: (p) => `Make a member ${str(p.role)}`,
  },
  'member.remove': {
    payload: opPayloadSchemas['member.remove'],
    projectOf: (p) => String(p.projectId),
    describe: () => 'Remove a member',
  },
  'settings.update': {
    payload: opPayloadSchemas['settings.update'],
    // The caller's own settings belong to no project.
    projectOf: () => undefined,
    describe: (p) => `Change settings (${Object.keys(record(p.changes)).join(', ')})`,
  },
  'pdf.update': {
    payload: opPayloadSchemas['pdf.update'],
    projectOf: (p) => String(p.projectId),
    describe: (p) => {
      const patch = record(p.patch);
      return patch.fileName !== undefined
        ? `Rename a PDF to “${str(patch.fileName)}”`
        : `Mark a PDF as ${str(patch.tag)}`;
    },
  },
  'pdf.delete': {
    payload: opPayloadSchemas['pdf.delete'],
    projectOf: (p) => String(p.projectId),
    describe: () => 'Delete a PDF',
  },
};

/** A payload of unknown shape as a definition reads it (anything but an object reads as `{}`). */
export function loosePayload<T extends OpType>(payload: unknown): LoosePayload<T> {
  return record(payload) as LoosePayload<T>;
}

/** `OP_DEFINITIONS[type].projectOf` for a payload not yet parsed. */
export function projectOfOp<T extends OpType>(type: T, payload: unknown): string | undefined {
  const definition: OpDefinition<T> = OP_DEFINITIONS[type];
  return definition.projectOf(loosePayload<T>(payload));
}

/** `OP_DEFINITIONS[type].describe` for a payload not yet parsed. */
export function describeOpPayload<T extends OpType>(type: T, payload: unknown): string {
  const definition: OpDefinition<T> = OP_DEFINITIONS[type];
  return definition.describe(loosePayload<T>(payload));
}
