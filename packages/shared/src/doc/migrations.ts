import type * as Y from 'yjs';
import { DOC_SCHEMA_VERSION, DocRoot } from './layout.ts';

/** Stamps the schema version on a new document; an older one is migrated by `migrateDoc`. */
export function ensureDocSchema(doc: Y.Doc) {
  const meta = doc.getMap<number>(DocRoot.meta);
  if (meta.get('schemaVersion') === undefined) meta.set('schemaVersion', DOC_SCHEMA_VERSION);
}

/**
 * The first version a client migrates from. A version-1 document is split by the server, in one
 * storage transaction, before it serves it ([R18], docs/doc-model-v2.md): a client migrating its
 * own v1 copy would write the split a second time, as new content. It leaves the copy as it is;
 * the carry-over of its offline edits (`unsyncedV1Edits`) and the server's version arrive instead.
 */
export const FIRST_CLIENT_MIGRATED_VERSION = 2;

/**
 * The first web build that reads document model v2 (web 0.3.0). An older build keeps checklist
 * content in the project document; served a project the server has split ([R18]), its copy takes
 * the split's deletions and, with them, every answer and note it typed offline, before its own
 * update is refused ([R19]). So the relay refuses an older build's document traffic as
 * CLIENT_TOO_OLD whatever `minSupportedClient` says ([R11]): it upgrades first, and the new build
 * carries those edits over (carry-over.ts in the web app).
 */
export const FIRST_DOC_V2_CLIENT = '0.3.0';

/**
 * One-time layout migrations a client runs, keyed by the version they upgrade from. Empty while
 * the layout is at version 2; a future change adds `2: (doc) => { … }` and bumps
 * DOC_SCHEMA_VERSION.
 */
export const DOC_MIGRATIONS: Record<number, (doc: Y.Doc) => void> = {};

export function migrateDoc(doc: Y.Doc, migrations = DOC_MIGRATIONS, target = DOC_SCHEMA_VERSION) {
  const meta = doc.getMap<number>(DocRoot.meta);
  let version = meta.get('schemaVersion') ?? target;
  if (version < FIRST_CLIENT_MIGRATED_VERSION) return;
  // Up to date: write nothing. Every Y.Map set is a new update, even with the same value, and
  // this runs on every load: it would grow the document and count as an unsent local change.
  if (version >= target) return;
  doc.transact(() => {
    while (version < target) {
      const step = migrations[version];
      if (!step) throw new Error(`no document migration from schema version ${version}`);
      step(doc);
      version++;
    }
    meta.set('schemaVersion', version);
  });
}
