import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.ts';

function build(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Database = ReturnType<typeof build>;

/**
 * One Drizzle instance per D1 binding and isolate: building one walks the whole schema
 * (`extractTablesRelationalConfig`), which profiling showed as a large share of a document
 * socket upgrade's CPU (issue 18). The instance holds no per-request state.
 */
const instances = new WeakMap<D1Database, Database>();

export function createDatabase(d1: D1Database): Database {
  let db = instances.get(d1);
  if (!db) {
    db = build(d1);
    instances.set(d1, db);
  }
  return db;
}

/** D1 binds at most this many parameters in one statement. */
export const D1_MAX_BOUND_PARAMETERS = 100;
export { schema };
