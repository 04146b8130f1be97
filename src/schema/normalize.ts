/**
 * One schema object (OpenAPI 3.0/3.1, Swagger 2.0, or a tool's JSON Schema), normalised into
 * the parts every target's types and validators are built from: the types it allows, its
 * enum, its object part, its array part, its string and number constraints, and its
 * `allOf`/`anyOf`/`oneOf`/`not`. Target-neutral: the TypeScript emitter and any later one
 * read only this. Shallow: children stay raw values with their pointer segments, so an
 * emitter walks them itself (and can stop at cycles and budgets).
 *
 * The dialect decides the one keyword whose meaning differs: the siblings of `$ref` (ignored
 * up to draft-07 and in OpenAPI 3.0; applied in 3.1, i.e. draft 2020-12). OpenAPI 3.0's
 * `nullable: true` adds `null` to `type` in every dialect, as ajv reads it (a 3.1 document
 * that still writes it means it). Both spellings of tuples (`items: [..]` + `additionalItems`, and
 * `prefixItems` + `items`) and of exclusive bounds (a boolean beside `minimum`, or a number)
 * are read in every dialect.
 */
import { jsonScalar, scalarText, type Key, type Mapping, type Value } from '../load/value.js';

/** Which JSON Schema the document speaks: see the module comment. */
export type Dialect = 'openapi-3.0' | 'openapi-3.1' | 'swagger-2.0' | 'json-schema';

/** JSON Schema's instance types, `integer` apart. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'array' | 'object';

/** A subschema: its raw value and the pointer segments from its parent. */
export interface Child {
  schema: Value | undefined;
  at: readonly Key[];
}

export interface ObjectPart {
  /** Declared properties in document order; `required` from the `required` list beside them. */
  properties: Array<{ key: string; child: Child; required: boolean }>;
  /** Names in `required` that no property declares (each must be present, any value). */
  requiredOnly: readonly string[];
  /** `additionalProperties`: a schema, `true`/absent (`any`: `explicit` says which), or `false`. */
  additional: { kind: 'any'; explicit: boolean } | { kind: 'none' } | { kind: 'schema'; child: Child };
  /** `patternProperties`, in document order. */
  patterns: Array<{ pattern: string; child: Child }>;
  minProperties?: number;
  maxProperties?: number;
}

export interface ArrayPart {
  /** Tuple positions: `prefixItems`, or `items` given as a list. */
  prefix: readonly Child[];
  /** Items after the prefix (every item without one): a schema, anything, or none allowed. */
  rest: { kind: 'any' } | { kind: 'none' } | { kind: 'schema'; child: Child };
  minItems?: number;
  maxItems?: number;
  uniqueItems: boolean;
}

export interface StringPart {
  /** In Unicode code points, as JSON Schema counts. */
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

export interface NumberPart {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
}

/**
 * A schema, normalised. A value is valid when it satisfies every present part (a part is
 * absent when undefined). Every field is always there, in one order: each normal form has
 * the same shape, so the walks that read millions of them read each field at one place in
 * memory (with the parts as optional keys, ~16 shapes met at every read made those reads
 * the walks' slowest lines; docs/performance.md, "Sixth pass").
 */
export interface NormalSchema {
  /** The `false` schema: nothing is valid. */
  never: boolean;
  /** A `$ref` (alone in OpenAPI 3.0 and older drafts; beside the other parts in 3.1). */
  ref: string | undefined;
  /** The allowed types (OpenAPI 3.0 `nullable: true` adds `null`); undefined when `type` is absent. */
  types: ReadonlySet<JsonType> | undefined;
  /** `nullable: true` without `type`: null is valid besides what the rest allows (OpenAPI 3.0.3 calls it ineffective; every generator allows null). */
  orNull: boolean;
  /**
   * `nullable: true` is written (beside `type`, `enum`, `$ref` or nothing). The types and
   * validators read it through `types` and `orNull`; a lenient target may admit null
   * wherever it is written, as real APIs send null there (GitHub's nullable enums).
   */
  nullable: boolean;
  /** `enum`, or `[const]`. */
  enum: readonly Value[] | undefined;
  object: ObjectPart | undefined;
  array: ArrayPart | undefined;
  string: StringPart | undefined;
  number: NumberPart | undefined;
  /** `type: integer` (alone or in a list). */
  integer: boolean;
  allOf: readonly Child[];
  anyOf: readonly Child[];
  oneOf: readonly Child[];
  not: Child | undefined;
}

const JSON_TYPES = new Set<string>(['string', 'number', 'integer', 'boolean', 'null', 'array', 'object']);

/** The dialect of a loaded document's root: `openapi: 3.1.x`, `3.0.x`, `swagger: "2.0"`, or plain JSON Schema. */
export function dialectOf(root: Value | undefined): Dialect {
  if (!(root instanceof Map)) return 'json-schema';
  const openapi = root.get('openapi');
  if (typeof openapi === 'string') return openapi.startsWith('3.1') ? 'openapi-3.1' : 'openapi-3.0';
  return root.has('swagger') ? 'swagger-2.0' : 'json-schema';
}

function finite(value: Value | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function count(value: Value | undefined): number | undefined {
  const n = finite(value);
  return n !== undefined && n >= 0 && Number.isInteger(n) ? n : undefined;
}

/** The one empty list of subschemas (most schemas have no `allOf`, `anyOf`, `oneOf`, tuple). */
const NO_CHILDREN: readonly Child[] = Object.freeze([]);

function children(schema: Mapping, key: string): readonly Child[] {
  const list = schema.get(key);
  return Array.isArray(list) && list.length > 0 ? list.map((s, i) => ({ schema: s, at: [key, i] })) : NO_CHILDREN;
}

/**
 * The type sets met so far, one per list of types in order (`string`, `string,null`, …):
 * a spec has a handful, and its every schema would otherwise hold a set of its own.
 */
const TYPE_SETS = new Map<string, ReadonlySet<JsonType>>();

function typesOf(schema: Mapping, nullable: boolean): ReadonlySet<JsonType> | undefined {
  const type = schema.get('type');
  // The common case, one type and no `nullable`, without building a set to look it up.
  if (typeof type === 'string' && !nullable && TYPE_SETS.has(type)) return TYPE_SETS.get(type);
  const listed = typeof type === 'string' ? [type] : Array.isArray(type) ? type : undefined;
  if (listed === undefined) return undefined;
  const types = new Set(listed.filter((t): t is JsonType => typeof t === 'string' && JSON_TYPES.has(t)));
  if (nullable) types.add('null');
  const key = [...types].join(',');
  const known = TYPE_SETS.get(key);
  if (known !== undefined) return known;
  TYPE_SETS.set(key, types);
  return types;
}

/** The one empty list of names (most objects require no undeclared property). */
const NO_NAMES: readonly string[] = Object.freeze([]);

function objectPart(schema: Mapping): ObjectPart | undefined {
  // A loaded mapping holds no `undefined`: a keyword is present when it has a value.
  const properties = schema.get('properties');
  const required = schema.get('required');
  const additional = schema.get('additionalProperties');
  const patterns = schema.get('patternProperties');
  const min = schema.get('minProperties');
  const max = schema.get('maxProperties');
  if (!(properties !== undefined || required !== undefined || additional !== undefined || patterns !== undefined || min !== undefined || max !== undefined)) return undefined;
  const requiredNames = new Set<string>();
  if (Array.isArray(required)) for (const k of required) if (typeof k === 'string') requiredNames.add(k);
  const declared: ObjectPart['properties'] = [];
  if (properties instanceof Map) {
    for (const [name, value] of properties) {
      const key = scalarText(name);
      declared.push({ key, child: { schema: value, at: ['properties', key] }, required: requiredNames.has(key) });
    }
  }
  const part: ObjectPart = {
    properties: declared,
    requiredOnly: requiredNames.size === 0 ? NO_NAMES : undeclared(requiredNames, declared),
    additional:
      additional === false
        ? { kind: 'none' }
        : additional instanceof Map
          ? { kind: 'schema', child: { schema: additional, at: ['additionalProperties'] } }
          : { kind: 'any', explicit: additional === true },
    patterns: patterns instanceof Map ? [...patterns].map(([pattern, value]) => ({ pattern: String(pattern), child: { schema: value, at: ['patternProperties', pattern] } })) : [],
  };
  const minimum = count(min);
  const maximum = count(max);
  if (minimum !== undefined) part.minProperties = minimum;
  if (maximum !== undefined) part.maxProperties = maximum;
  return part;
}

/** The required names no property declares, in `required` order. */
function undeclared(required: ReadonlySet<string>, declared: ObjectPart['properties']): readonly string[] {
  const keys = new Set(declared.map((p) => p.key));
  const out = [...required].filter((k) => !keys.has(k));
  return out.length === 0 ? NO_NAMES : out;
}

function restOf(value: Value | undefined, at: Key): ArrayPart['rest'] {
  if (value === false) return { kind: 'none' };
  if (value instanceof Map) return { kind: 'schema', child: { schema: value, at: [at] } };
  return { kind: 'any' };
}

function arrayPart(schema: Mapping): ArrayPart | undefined {
  // A loaded mapping holds no `undefined`: a keyword is present when it has a value.
  const items = schema.get('items');
  const prefixItems = schema.get('prefixItems');
  if (items === undefined && prefixItems === undefined && !schema.has('additionalItems') && !schema.has('minItems') && !schema.has('maxItems') && !schema.has('uniqueItems')) return undefined;
  const part: ArrayPart = Array.isArray(prefixItems)
    ? { prefix: children(schema, 'prefixItems'), rest: restOf(items, 'items'), uniqueItems: false }
    : Array.isArray(items)
      ? { prefix: children(schema, 'items'), rest: restOf(schema.get('additionalItems'), 'additionalItems'), uniqueItems: false }
      : { prefix: NO_CHILDREN, rest: restOf(items, 'items'), uniqueItems: false };
  const min = count(schema.get('minItems'));
  const max = count(schema.get('maxItems'));
  if (min !== undefined) part.minItems = min;
  if (max !== undefined) part.maxItems = max;
  part.uniqueItems = schema.get('uniqueItems') === true;
  return part;
}

function stringPart(schema: Mapping): StringPart | undefined {
  const min = count(schema.get('minLength'));
  const max = count(schema.get('maxLength'));
  const pattern = schema.get('pattern');
  const format = schema.get('format');
  if (min === undefined && max === undefined && typeof pattern !== 'string' && typeof format !== 'string') return undefined;
  const part: StringPart = {};
  if (min !== undefined) part.minLength = min;
  if (max !== undefined) part.maxLength = max;
  if (typeof pattern === 'string') part.pattern = pattern;
  if (typeof format === 'string') part.format = format;
  return part;
}

/** Bounds, with draft-04's boolean `exclusiveMinimum`/`exclusiveMaximum` turned into numbers. */
function numberPart(schema: Mapping): NumberPart | undefined {
  if (!schema.has('minimum') && !schema.has('maximum') && !schema.has('exclusiveMinimum') && !schema.has('exclusiveMaximum') && !schema.has('multipleOf')) return undefined;
  const part: NumberPart = {};
  const bound = (limit: 'minimum' | 'maximum', exclusive: 'exclusiveMinimum' | 'exclusiveMaximum') => {
    const value = finite(schema.get(limit));
    const flag = schema.get(exclusive);
    if (value !== undefined) part[flag === true ? exclusive : limit] = value;
    const number = finite(flag);
    if (number !== undefined) part[exclusive] = part[exclusive] === undefined ? number : limit === 'minimum' ? Math.max(part[exclusive]!, number) : Math.min(part[exclusive]!, number);
  };
  bound('minimum', 'exclusiveMinimum');
  bound('maximum', 'exclusiveMaximum');
  const multipleOf = finite(schema.get('multipleOf'));
  if (multipleOf !== undefined && multipleOf > 0) part.multipleOf = multipleOf;
  return Object.keys(part).length > 0 ? part : undefined;
}

/** Normalises one schema value (anything that is not a mapping or `false` allows everything). */
export function normalize(schema: Value | undefined, dialect: Dialect): NormalSchema {
  if (!(schema instanceof Map)) return normalizeSchema(schema, dialect);
  // A `$ref` alone (its siblings ignored) is cheaper to read again than to keep: a fifth of a
  // large spec's schemas (Graph beta: 22,000 of 99,000).
  if (dialect !== 'openapi-3.1' && typeof schema.get('$ref') === 'string') return normalizeSchema(schema, dialect);
  const normalized = NORMALIZED[dialect];
  let normal = normalized.get(schema);
  if (normal === undefined) normalized.set(schema, (normal = normalizeSchema(schema, dialect)));
  return normal;
}

/**
 * Each schema object's normal form, one table per dialect: the model, its warnings and the
 * TypeScript types and validators each read every schema, several of them more than once.
 * Loaded documents are never changed, and no reader changes a NormalSchema.
 */
const NORMALIZED: Record<Dialect, WeakMap<Mapping, NormalSchema>> = {
  'openapi-3.0': new WeakMap(),
  'openapi-3.1': new WeakMap(),
  'swagger-2.0': new WeakMap(),
  'json-schema': new WeakMap(),
};

/**
 * A schema that constrains nothing but what the flags say: a fresh literal (object spreads
 * allocate more) with every field set, so that all normal forms share one object shape and
 * the walks' field reads stay monomorphic.
 */
function plain(never: boolean, nullable: boolean, allOf: readonly Child[], anyOf: readonly Child[], oneOf: readonly Child[]): NormalSchema {
  return {
    never,
    ref: undefined,
    types: undefined,
    orNull: false,
    nullable,
    enum: undefined,
    object: undefined,
    array: undefined,
    string: undefined,
    number: undefined,
    integer: false,
    allOf,
    anyOf,
    oneOf,
    not: undefined,
  };
}

function normalizeSchema(schema: Value | undefined, dialect: Dialect): NormalSchema {
  if (schema === false) return plain(true, false, NO_CHILDREN, NO_CHILDREN, NO_CHILDREN);
  if (!(schema instanceof Map)) return plain(false, false, NO_CHILDREN, NO_CHILDREN, NO_CHILDREN);
  const ref = schema.get('$ref');
  const nullable = schema.get('nullable') === true;
  if (typeof ref === 'string' && dialect !== 'openapi-3.1') {
    const alone = plain(false, nullable, NO_CHILDREN, NO_CHILDREN, NO_CHILDREN);
    alone.ref = ref;
    return alone;
  }
  const out = plain(false, nullable, children(schema, 'allOf'), children(schema, 'anyOf'), children(schema, 'oneOf'));
  if (typeof ref === 'string') out.ref = ref;
  const types = typesOf(schema, nullable);
  if (types !== undefined) out.types = types;
  out.integer = types?.has('integer') ?? false;
  out.orNull = types === undefined && nullable;
  const enumValues = schema.get('enum');
  if (schema.has('const')) out.enum = [jsonValue(schema.get('const')!)];
  else if (Array.isArray(enumValues) && enumValues.length > 0) out.enum = jsonValues(enumValues);
  const object = objectPart(schema);
  const array = arrayPart(schema);
  const string = stringPart(schema);
  const number = numberPart(schema);
  if (object) out.object = object;
  if (array) out.array = array;
  if (string) out.string = string;
  if (number) out.number = number;
  if (schema.has('not')) out.not = { schema: schema.get('not'), at: ['not'] };
  return out;
}

/** The JSON type of a value, as JSON Schema sees it (an integer-valued number is both `integer` and `number`). */
export function jsonTypeOf(value: Value): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Map) return 'object';
  if (typeof value === 'bigint') return 'integer';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as 'string' | 'boolean';
}

/** Whether a literal value is of one of the allowed types (every value when `types` is undefined). */
export function allowsValue(types: ReadonlySet<JsonType> | undefined, value: Value): boolean {
  if (types === undefined) return true;
  const type = jsonTypeOf(value);
  return types.has(type) || (type === 'integer' && types.has('number'));
}

/** The types a schema without `type` is typed as, from the keywords it has: objects for object keywords, arrays for array keywords. */
export function impliedTypes(schema: NormalSchema): ReadonlySet<JsonType> | undefined {
  if (schema.types !== undefined || schema.enum !== undefined) return undefined;
  if (schema.object) return OBJECT_TYPES;
  if (schema.array) return ARRAY_TYPES;
  return undefined;
}

/** `impliedTypes`' two answers, one set each (as `typesOf` shares one set per list of types). */
const OBJECT_TYPES: ReadonlySet<JsonType> = new Set(['object']);
const ARRAY_TYPES: ReadonlySet<JsonType> = new Set(['array']);

/**
 * An enum/const value as it travels in JSON, the only way a caller can send it: PyYAML's
 * dates as ISO text and UTF-8 bytes as text (`jsonScalar`), deep; big ints stay exact
 * (`bigint`). Bytes that are not UTF-8 stay bytes: no literal has them.
 */
function jsonValue(value: Value): Value {
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, jsonValue(v)]));
  return jsonScalar(value) as Value;
}

/**
 * An enum's values as they travel in JSON (`jsonValue`): the document's own list when every
 * value already does (text and numbers: nearly every enum), so that no copy is kept per
 * schema (Graph beta: 18,000 enums of up to hundreds of property names).
 */
function jsonValues(values: readonly Value[]): readonly Value[] {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (typeof value === 'object' && value !== null) return values.map(jsonValue);
  }
  return values;
}

/** The coarse kinds of a schema (`classify`). */
export type SchemaKind =
  | 'any'
  | 'never'
  | 'ref'
  | 'const'
  | 'enum'
  | 'allOf'
  | 'union'
  | 'multiType'
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | 'array'
  | 'object';

/**
 * The coarse kind of a schema, for the callers that only need to know whether it types
 * anything (`any`: the parameter falls back to its Dify type) or is a pure alias (`ref`).
 */
export function classify(schema: Value | undefined): SchemaKind {
  if (schema === false) return 'never';
  if (!(schema instanceof Map)) return 'any';
  if (typeof schema.get('$ref') === 'string') return 'ref';
  if (schema.has('const')) return 'const';
  if (Array.isArray(schema.get('enum')) && (schema.get('enum') as Value[]).length > 0) return 'enum';
  if (Array.isArray(schema.get('allOf')) && (schema.get('allOf') as Value[]).length > 0) return 'allOf';
  for (const key of ['oneOf', 'anyOf']) {
    if (Array.isArray(schema.get(key)) && (schema.get(key) as Value[]).length > 0) return 'union';
  }
  const type = schema.get('type');
  if (Array.isArray(type)) return 'multiType';
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return 'array';
    case 'object':
      return 'object';
  }
  if (schema.has('properties') || schema.has('additionalProperties')) return 'object';
  if (schema.has('items')) return 'array';
  return 'any';
}
