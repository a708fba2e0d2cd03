import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as layout from '../doc/layout.ts';
import * as ops from '../sync/ops.ts';
import * as pull from '../sync/pull.ts';
import * as docSocket from './doc-socket.ts';
import * as docUpload from './doc-upload.ts';
import { PROTOCOL_VERSION } from './protocol-version.ts';

// Node's WebCrypto and TextEncoder: shared's tsconfig has neither DOM nor Node types, on purpose
// (the package is pure), so the two globals this test uses are declared here.
declare const crypto: {
  subtle: { digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer> };
};
declare class TextEncoder {
  encode(input: string): Uint8Array;
}

/**
 * The modules that are the wire. Every export of each enters its fingerprint except functions
 * (behaviour, tested where it lives): a new schema or constant in one of them is a protocol change.
 */
const WIRE = {
  /** Op payloads, the op envelope, the sync batch request and response. */
  ops,
  pull,
  /** Message types, close reasons and codes, the client-version parameter, the frame cap. */
  docSocket,
  docUpload,
  /** DOC_SCHEMA_VERSION, the root names, the entity schemas. */
  docEntities: layout,
};
type WirePart = keyof typeof WIRE;

/**
 * The fingerprint of each part for each protocol version, oldest first. Append a version; never
 * edit an earlier one. A zod upgrade that only changes how `z.toJSONSchema` spells a schema also
 * trips the test: then record the new fingerprints under the same version, saying so in the commit.
 */
const RECORDED: Record<number, Record<WirePart, string>> = {
  1: {
    ops: '07150eafd92bb6b51f1618c11d10a98e6a323b2822e184b349712e8c67067c52',
    pull: 'f5126d2516ce9cd6e3e88cb3b0f1d7e8e7f21c2f72fca610f6298fdc0bc04c9e',
    docSocket: '585f270efbdfe257c3a590ff5a81fa7aa6cc9064d64c0624f0ec316490cecb06',
    docUpload: '46e7a7253df34e1c9fcab8b7e3c909a08ec9d4970aacafd2ff2f546d028b7ccb',
    docEntities: '1d810a99a6d81fa8058efb0edbec01b4c59e5bcac6ae63efc5c2bc2626c7047b',
  },
  2: {
    ops: '07150eafd92bb6b51f1618c11d10a98e6a323b2822e184b349712e8c67067c52',
    pull: 'f5126d2516ce9cd6e3e88cb3b0f1d7e8e7f21c2f72fca610f6298fdc0bc04c9e',
    docSocket: '585f270efbdfe257c3a590ff5a81fa7aa6cc9064d64c0624f0ec316490cecb06',
    docUpload: '46e7a7253df34e1c9fcab8b7e3c909a08ec9d4970aacafd2ff2f546d028b7ccb',
    docEntities: '4faedf5773b7e934de7ea987f244fdcf828def73e18b13d0fd01778c7e0ef639',
  },
  3: {
    ops: '8ef60b0ef58b54736db0f68ac8697d3e841f5465f3c06e49f0b2921df0237d08',
    pull: 'f5126d2516ce9cd6e3e88cb3b0f1d7e8e7f21c2f72fca610f6298fdc0bc04c9e',
    docSocket: '585f270efbdfe257c3a590ff5a81fa7aa6cc9064d64c0624f0ec316490cecb06',
    docUpload: '46e7a7253df34e1c9fcab8b7e3c909a08ec9d4970aacafd2ff2f546d028b7ccb',
    docEntities: '4faedf5773b7e934de7ea987f244fdcf828def73e18b13d0fd01778c7e0ef639',
  },
  4: {
    ops: '4e9e7808d483187748743091998a01dc80322adf1ae806fe978a07ddaef2eaed',
    pull: 'f5126d2516ce9cd6e3e88cb3b0f1d7e8e7f21c2f72fca610f6298fdc0bc04c9e',
    docSocket: 'd799aa79cd3be142dc8b7cfeeb34a0d066ad4eb6b6a47c4b9b2978bd69372869',
    docUpload: '46e7a7253df34e1c9fcab8b7e3c909a08ec9d4970aacafd2ff2f546d028b7ccb',
    docEntities: 'ef700f8360b08122ddcf8126ace3774fb5fc36cf0911ba011e7145ae9aa461aa',
  },
  5: {
    ops: '9d36e80cfad095fb21a0a76930878fa67da5cde29908ebc668a9a30e2e03f7e3',
    pull: 'f5126d2516ce9cd6e3e88cb3b0f1d7e8e7f21c2f72fca610f6298fdc0bc04c9e',
    docSocket: 'd799aa79cd3be142dc8b7cfeeb34a0d066ad4eb6b6a47c4b9b2978bd69372869',
    docUpload: '46e7a7253df34e1c9fcab8b7e3c909a08ec9d4970aacafd2ff2f546d028b7ccb',
    docEntities: '9a19377cb6348fe79574192c1a1dfc8dede365e66a6973fc181e5e6db9d19829',
  },
  6: {
    ops: '5dc69b1a66176f7499ec92914459779392b2b4d8c488b8e42679ef6e133718e9',
    pull: 'f5126d2516ce9cd6e3e88cb3b0f1d7e8e7f21c2f72fca610f6298fdc0bc04c9e',
    docSocket: 'd799aa79cd3be142dc8b7cfeeb34a0d066ad4eb6b6a47c4b9b2978bd69372869',
    docUpload: '46e7a7253df34e1c9fcab8b7e3c909a08ec9d4970aacafd2ff2f546d028b7ccb',
    docEntities: '9a19377cb6348fe79574192c1a1dfc8dede365e66a6973fc181e5e6db9d19829',
  },
};

/** A schema as JSON Schema, both as parsed (input) and as produced (output: defaults applied). */
function describeSchema(schema: z.ZodType): unknown {
  return {
    input: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
    output: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }),
  };
}

/**
 * A JSON value standing for `value`: schemas as JSON Schema, objects with sorted keys (and sorted
 * `required` lists: the order of an object's fields is not a wire change), functions dropped.
 */
function canonical(value: unknown): unknown {
  if (value instanceof z.ZodType) return canonical(describeSchema(value));
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const entry = (value as Record<string, unknown>)[key];
      if (typeof entry === 'function') continue;
      out[key] =
        key === 'required' && Array.isArray(entry)
          ? [...(entry as string[])].sort()
          : canonical(entry);
    }
    return out;
  }
  return value;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function fingerprints(): Promise<Record<WirePart, string>> {
  const out = {} as Record<WirePart, string>;
  for (const part of Object.keys(WIRE) as WirePart[])
    out[part] = await sha256Hex(JSON.stringify(canonical({ ...WIRE[part] })));
  return out;
}

describe('protocol version', () => {
  it('has a recorded fingerprint for PROTOCOL_VERSION, the newest recorded', () => {
    const versions = Object.keys(RECORDED).map(Number);
    expect(
      Math.max(...versions),
      `record the wire fingerprints for PROTOCOL_VERSION ${PROTOCOL_VERSION} in RECORDED`,
    ).toBe(PROTOCOL_VERSION);
  });

  it('the wire schemas are the ones recorded for PROTOCOL_VERSION', async () => {
    const current = await fingerprints();
    const recorded = RECORDED[PROTOCOL_VERSION] ?? {};
    const changed = (Object.keys(WIRE) as WirePart[]).filter(
      (part) => current[part] !== recorded[part as keyof typeof recorded],
    );
    expect(
      changed,
      `wire schemas changed (${changed.join(', ')}): bump PROTOCOL_VERSION, add an op adapter or ` +
        `a note, and record the new fingerprint:\n${JSON.stringify(current, null, 2)}`,
    ).toEqual([]);
  });

  it('the fingerprint sees a change to a nested payload field, and not a reordering of fields', () => {
    const a = z.object({ id: z.string(), patch: z.object({ name: z.string() }) });
    const renamed = z.object({ id: z.string(), patch: z.object({ title: z.string() }) });
    const reordered = z.object({ patch: z.object({ name: z.string() }), id: z.string() });
    const json = (s: z.ZodType) => JSON.stringify(canonical({ s }));
    expect(json(renamed)).not.toBe(json(a));
    expect(json(reordered)).toBe(json(a));
  });
});
