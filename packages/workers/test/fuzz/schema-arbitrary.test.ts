import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { invalidValue, refResolver, validValue, type JsonSchema } from './schema-arbitrary.ts';

// The fuzzer is only as good as its generator: what `validValue` makes must pass the very Zod
// schema it was derived from, and `invalidValue` must mostly fail it.
const schema = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1).max(20),
  role: z.enum(['viewer', 'editor']),
  count: z.number().int().min(0).max(9),
  tags: z.array(z.string().regex(/^[a-z]{1,5}$/)).max(3),
  when: z.iso.datetime().optional(),
  note: z.string().nullable(),
});
const json = z.toJSONSchema(schema) as JsonSchema;
const resolve = refResolver(json);

describe('schema arbitraries', () => {
  it('valid values pass the Zod schema they came from', () => {
    fc.assert(
      fc.property(validValue(json, resolve), (v) => {
        expect(schema.safeParse(v).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('invalid values fail it almost always', () => {
    const values = fc.sample(invalidValue(json, resolve), { numRuns: 300, seed: 7 });
    const accepted = values.filter((v) => schema.safeParse(v).success).length;
    expect(accepted / values.length).toBeLessThan(0.05);
  });
});
