import type { ChecklistContent } from '@corates/shared/doc';
import type { ChecklistContents } from '../rooms/checklist-contents.ts';

type Cached = Pick<ChecklistContent, 'answers' | 'judgements'>;

/**
 * Document model v2: which checklist documents changed since the relay last exported them to D1,
 * and what the project summary needs of each (its answers and judgements, from which the rating is
 * derived), in the project object's SQLite. So an export reads only the checklist documents that
 * changed, and the summary of a project with 600 checklists loads no room at all.
 *
 * A change bumps a checklist's `version`; an export records the version it read, so a change made
 * while the export was on its way to D1 is exported by the next alarm. The v1 → v2 split records
 * how many entries of each checklist's v1 content it could not carry (`skipped`).
 */
export class ChecklistExports {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(
      `CREATE TABLE IF NOT EXISTS checklist_export (doc TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1, exported INTEGER NOT NULL DEFAULT 0, summary TEXT, skipped INTEGER NOT NULL DEFAULT 0)`,
    );
  }

  /** The checklist's document changed: export it with the next alarm. */
  changed(doc: string) {
    this.sql.exec(
      `INSERT INTO checklist_export (doc) VALUES (?) ON CONFLICT(doc) DO UPDATE SET version = version + 1`,
      doc,
    );
  }

  /** The split wrote the checklist's document, leaving out `skipped` malformed entries. */
  split(doc: string, skipped: number) {
    this.sql.exec(
      `INSERT INTO checklist_export (doc, skipped) VALUES (?, ?) ON CONFLICT(doc) DO UPDATE SET version = version + 1, skipped = excluded.skipped`,
      doc,
      skipped,
    );
  }

  /** The checklist's document is gone (purged from the trash, [R21]): nothing to export or summarize. */
  forget(doc: string) {
    this.sql.exec('DELETE FROM checklist_export WHERE doc = ?', doc);
  }

  /** Of these checklists, the ones changed since their last export (or never exported), with the version to record. */
  pending(docs: readonly string[]): { doc: string; version: number }[] {
    const known = new Map<string, { version: number; exported: number }>();
    for (const row of this.sql.exec<{ doc: string; version: number; exported: number }>(
      'SELECT doc, version, exported FROM checklist_export',
    ))
      known.set(row.doc, row);
    return docs.flatMap((doc) => {
      const row = known.get(doc);
      if (!row) return [{ doc, version: 0 }];
      return row.version > row.exported ? [{ doc, version: row.version }] : [];
    });
  }

  /** The checklist was exported as it was at `version`; its summary part is kept for the next ones. */
  exported(doc: string, version: number, content: Cached) {
    const summary = JSON.stringify({ answers: content.answers, judgements: content.judgements });
    this.sql.exec(
      `INSERT INTO checklist_export (doc, version, exported, summary) VALUES (?1, ?2, ?2, ?3)
       ON CONFLICT(doc) DO UPDATE SET exported = max(exported, ?2), summary = ?3`,
      doc,
      version,
      summary,
    );
  }

  /** What the summary needs of these checklists (those never exported are left out). */
  contents(docs: readonly string[]): ChecklistContents {
    const wanted = new Set(docs);
    const byId = new Map<string, Cached>();
    let skipped = 0;
    for (const row of this.sql.exec<{ doc: string; summary: string | null; skipped: number }>(
      'SELECT doc, summary, skipped FROM checklist_export',
    )) {
      if (!wanted.has(row.doc)) continue;
      skipped += row.skipped;
      if (row.summary !== null) byId.set(row.doc, JSON.parse(row.summary) as Cached);
    }
    return { byId, skipped };
  }
}
