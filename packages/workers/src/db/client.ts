import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.ts';

export function createDatabase(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Database = ReturnType<typeof createDatabase>;

/** D1 binds at most this many parameters in one statement. */
export const D1_MAX_BOUND_PARAMETERS = 100;
export { schema };
