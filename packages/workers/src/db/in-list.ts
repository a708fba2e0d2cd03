import { sql, type SQL } from 'drizzle-orm';

/**
 * A key list as one bound parameter, for `column in ${inList(keys)}`: a list of any length stays
 * under D1_MAX_BOUND_PARAMETERS, and SQLite still looks each key up by the column's index.
 */
export function inList(list: readonly string[]): SQL {
  return sql`(select value from json_each(${JSON.stringify(list)}))`;
}

/** Key pairs as one bound parameter, for a row-value `(a, b) in ${inPairs(pairs)}`. */
export function inPairs(pairs: readonly (readonly [string, string])[]): SQL {
  return sql`(select json_extract(value, '$[0]'), json_extract(value, '$[1]') from json_each(${JSON.stringify(pairs)}))`;
}
