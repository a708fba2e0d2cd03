import fc from 'fast-check';

/**
 * fast-check arbitraries from JSON Schema — the subset the OpenAPI document and `z.toJSONSchema`
 * of our Zod schemas use — so the route fuzzer derives its inputs from the contract instead of a
 * hand-kept list. `validValue` honours the constraints; `hostileValue` is anything a client could
 * send instead.
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

export type Resolve = (ref: string) => JsonSchema;

/** Resolves `#/components/schemas/X` (or `#/$defs/X`) refs against a document. */
export function refResolver(document: unknown): Resolve {
  return (ref) => {
    let node: unknown = document;
    for (const part of ref.replace(/^#\//, '').split('/')) {
      node = (node as Record<string, unknown> | undefined)?.[part];
    }
    if (!node) throw new Error(`unresolved $ref ${ref}`);
    return node as JsonSchema;
  };
}

/** Strings that have broken parsers, databases and renderers somewhere. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202Eevil\u202C',
  '\uFEFF',
  '\u200B',
  '<script>alert(1)</script>',
  "'; DROP TABLE projects; --",
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '\uD800',
  '💥'.repeat(300),
  'x'.repeat(70_000),
  '__proto__',
  'constructor',
  '1e309',
  '-0',
  'null',
  'NaN',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Any JSON value, biased to the shapes that trip validation (wrong types, deep nesting). */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{}}}')),
  fc.constant(Array.from({ length: 2_000 }, (_, i) => i)),
  fc.constant(JSON.parse(`${'['.repeat(500)}${']'.repeat(500)}`)),
  fc.jsonValue({ maxDepth: 3 }),
);

function typesOf(schema: JsonSchema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** A value the schema accepts (as far as JSON Schema can say; refinements are the server's). */
export function validValue(schema: JsonSchema, resolve: Resolve, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return validValue(resolve(schema.$ref), resolve, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validValue(s, resolve, depth)));
  if (schema.allOf)
    return validValue(Object.assign({}, ...schema.allOf) as JsonSchema, resolve, depth);
  const types = typesOf(schema);
  if (types.length > 1) {
    return fc.oneof(...types.map((type) => validValue({ ...schema, type }, resolve, depth)));
  }
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: Math.ceil(schema.minimum ?? schema.exclusiveMinimum ?? -1_000),
        max: Math.floor(schema.maximum ?? schema.exclusiveMaximum ?? 1_000),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1_000,
        max: schema.maximum ?? 1_000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'string':
      return validString(schema);
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 3, min + 3);
      return fc.array(
        schema.items ? validValue(schema.items, resolve, depth + 1) : fc.jsonValue(),
        {
          minLength: min,
          maxLength: max,
        },
      );
    }
    case 'object':
    default: {
      if (!schema.properties)
        return depth > 2
          ? fc.constant({})
          : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), {
              maxKeys: 3,
            });
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, prop] of Object.entries(schema.properties)) {
        record[key] = validValue(prop, resolve, depth + 1);
      }
      return fc.record(record, {
        requiredKeys: Object.keys(record).filter((k) => required.has(k)),
      });
    }
  }
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 40, Math.max(min, 40));
  const fits = (s: string) => s.length >= min && s.length <= (schema.maxLength ?? Infinity);
  switch (schema.format) {
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  return fc.string({ minLength: min, maxLength: max });
}

/**
 * A value that breaks the schema somewhere: a required field dropped, a field of the wrong type,
 * an unknown field, or a wholly hostile value.
 */
export function invalidValue(schema: JsonSchema, resolve: Resolve): fc.Arbitrary<unknown> {
  const resolved = schema.$ref ? resolve(schema.$ref) : schema;
  const valid = validValue(resolved, resolve);
  const props = Object.keys(resolved.properties ?? {});
  const mutations: fc.Arbitrary<unknown>[] = [hostileValue];
  if (props.length > 0) {
    mutations.push(
      fc.tuple(valid, fc.constantFrom(...props), hostileValue).map(([v, key, bad]) => ({
        ...(v as object),
        [key]: bad,
      })),
      fc.tuple(valid, fc.constantFrom(...props)).map(([v, key]) => {
        const copy = { ...(v as Record<string, unknown>) };
        delete copy[key];
        return copy;
      }),
      fc.tuple(valid, hostileString).map(([v, key]) => ({ ...(v as object), [key || 'x']: 1 })),
    );
  }
  return fc.oneof(...mutations);
}
