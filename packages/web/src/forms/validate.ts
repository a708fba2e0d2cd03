import type { z } from 'zod';

/** Field name → message; `form` holds issues that belong to no single field. */
export type FieldErrors = Record<string, string>;

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Validate form values with the same shared schema the server uses, keeping the first issue per
 * field. `messages` replaces Zod's generic wording ("Too small: expected string to have >=8
 * characters") with one sentence per field that tells the user what to do.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  values: unknown,
  messages: Readonly<Record<string, string>> = {},
): Validation<z.output<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const head = issue.path[0];
    const field = typeof head === 'string' ? head : 'form';
    if (!(field in errors)) errors[field] = messages[field] ?? issue.message;
  }
  return { ok: false, errors };
}
