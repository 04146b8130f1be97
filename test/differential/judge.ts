/**
 * The referee of the differential test: ajv, with draft-04 semantics plus OpenAPI 3.0's
 * `nullable` for OpenAPI 3.0 documents, and draft 2020-12 for OpenAPI 3.1 documents.
 *
 * Two projections of a schema say what each generated artefact promises (README, "What the
 * types cannot express" and "What the validators do not check"): the validator must agree
 * with ajv on `forValidators(schema)` and the type on `forTypes(schema)`, on every value.
 * Each projection step names its reason; nothing else is relaxed.
 */
import Ajv2020Module from 'ajv/dist/2020.js';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

export type Dialect = '3.0' | '3.1';
type Obj = { [key: string]: unknown };
type AjvLike = { compile(schema: unknown): (value: unknown) => boolean };

const Ajv2020 = (Ajv2020Module as unknown as { default: new (o: object) => AjvLike }).default ?? Ajv2020Module;
const Ajv04 = (Ajv04Module as unknown as { default: new (o: object) => AjvLike }).default ?? Ajv04Module;
const addFormats = ((addFormatsModule as unknown as { default: unknown }).default ?? addFormatsModule) as (ajv: AjvLike, formats: string[]) => void;

/** The formats the validators check (every other format is an annotation, as ajv treats unknown ones). */
export const CHECKED_FORMATS = ['date-time', 'date', 'email', 'uuid', 'uri', 'ipv4', 'ipv6'];

/**
 * A fresh ajv for a dialect; unknown keywords and formats are ignored, as the drafts say.
 * `unicodeRegExp: false` for schemas whose patterns are only valid without the `u` flag.
 */
export function ajvFor(dialect: Dialect, unicodeRegExp = true): AjvLike {
  const options = { strict: false, logger: false, allErrors: false, validateFormats: true, unicodeRegExp, ...(dialect === '3.0' ? { ignoreKeywordsWithRef: true } : {}) };
  const ajv = dialect === '3.0' ? new (Ajv04 as new (o: object) => AjvLike)(options) : new (Ajv2020 as new (o: object) => AjvLike)(options);
  addFormats(ajv, CHECKED_FORMATS);
  return ajv;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keywords whose values are schemas, maps of schemas or lists of schemas. */
const ONE = ['additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

/** Applies `f` to every schema of a document, bottom-up (children first), returning a copy. */
export function mapSchemas(schema: unknown, f: (s: Obj) => Obj, seen = new Map<object, unknown>()): unknown {
  if (!isObj(schema)) return schema;
  const done = seen.get(schema);
  if (done !== undefined) return done;
  const copy: Obj = { ...schema };
  seen.set(schema, copy);
  for (const key of ONE) if (key in copy) copy[key] = mapSchemas(copy[key], f, seen);
  for (const key of MAP) {
    if (isObj(copy[key])) copy[key] = Object.fromEntries(Object.entries(copy[key] as Obj).map(([k, v]) => [k, mapSchemas(v, f, seen)]));
  }
  for (const key of LIST) if (Array.isArray(copy[key])) copy[key] = (copy[key] as unknown[]).map((s) => mapSchemas(s, f, seen));
  if ('items' in copy) copy.items = Array.isArray(copy.items) ? copy.items.map((s) => mapSchemas(s, f, seen)) : mapSchemas(copy.items, f, seen);
  if (isObj(copy.components) && isObj((copy.components as Obj).schemas)) {
    copy.components = { schemas: Object.fromEntries(Object.entries((copy.components as Obj).schemas as Obj).map(([k, v]) => [k, mapSchemas(v, f, seen)])) };
  }
  const out = f(copy);
  seen.set(schema, out);
  return out;
}

/**
 * OpenAPI 3.0 fix-ups every judge applies: `nullable: true` without `type` allows null as
 * well (ajv refuses such a schema; OpenAPI 3.0.3 calls it ineffective; generators commonly
 * allow null, this one too), and siblings of `$ref` are ignored (draft-04).
 */
export function openApi30(schema: Obj): Obj {
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref };
  return nullableWithoutType(schema);
}

/** `nullable` without `type` (any dialect: ajv refuses it everywhere): null is allowed as well. */
export function nullableWithoutType(schema: Obj): Obj {
  if (schema.nullable !== undefined && schema.type === undefined) {
    const rest = { ...schema };
    const nullable = rest.nullable === true;
    delete rest.nullable;
    return nullable ? { anyOf: [rest, { type: 'null' }] } : rest;
  }
  return schema;
}

/** Keywords the validators deliberately do not check (README: "What the validators do not check"). */
export const UNCHECKED_KEYWORDS = ['if', 'then', 'else', 'dependencies', 'dependentRequired', 'dependentSchemas', 'contains', 'minContains', 'maxContains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'];

/** The schema the validators promise to check exactly. */
export function forValidators(schema: Obj): Obj {
  const out = { ...schema };
  for (const k of UNCHECKED_KEYWORDS) delete out[k];
  return out;
}

/** Keywords no TypeScript type can express (README: "What the types cannot express"). */
export const UNTYPED_KEYWORDS = [
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern', 'format',
  'uniqueItems', 'minProperties', 'maxProperties', 'not',
];

const OBJECT_KEYWORDS = ['properties', 'required', 'additionalProperties', 'patternProperties', 'minProperties', 'maxProperties'];
const ARRAY_KEYWORDS = ['items', 'prefixItems', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems'];

/** The schema the types promise to express, one schema at a time (see `typesProjection`). */
function forType(schema: Obj): Obj {
  const out = forValidators(schema);
  const tuple = Array.isArray(out.prefixItems) || Array.isArray(out.items);
  // Bounds on an array's length: only a tuple's are in its type, up to its prefix.
  const prefix = Array.isArray(out.prefixItems) ? out.prefixItems.length : Array.isArray(out.items) ? out.items.length : 0;
  if (!tuple) delete out.minItems, delete out.maxItems;
  if (typeof out.minItems === 'number' && out.minItems > prefix) out.minItems = prefix;
  if (typeof out.maxItems === 'number' && out.maxItems > prefix) delete out.maxItems;
  for (const k of UNTYPED_KEYWORDS) delete out[k];
  // `integer`: TypeScript has one number type.
  if (out.type === 'integer') out.type = 'number';
  if (Array.isArray(out.type)) out.type = [...new Set(out.type.map((t) => (t === 'integer' ? 'number' : t)))];
  // oneOf's "exactly one": a union type says "at least one".
  if (Array.isArray(out.oneOf)) {
    if (Array.isArray(out.anyOf)) out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { anyOf: out.oneOf }];
    else out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  // No `type`, only object (array) keywords: typed as an object (array), not as "anything else too".
  if (out.type === undefined && out.enum === undefined && out.const === undefined && out.$ref === undefined) {
    if (OBJECT_KEYWORDS.some((k) => k in out)) out.type = 'object';
    else if (ARRAY_KEYWORDS.some((k) => k in out)) out.type = 'array';
  }
  // An index signature takes every value type of the object (a declared property must fit
  // it), and `patternProperties` are an index signature over all keys.
  const patterns = isObj(out.patternProperties) ? Object.values(out.patternProperties) : [];
  delete out.patternProperties;
  const extra = out.additionalProperties;
  if (patterns.length > 0 || isObj(extra)) {
    const values = [...(extra === false ? [] : [extra === undefined || extra === true ? {} : extra]), ...patterns];
    const properties = isObj(out.properties) ? Object.values(out.properties) : [];
    out.additionalProperties = values.some((v) => isObj(v) && Object.keys(v).length === 0) ? true : { anyOf: [...values, ...properties] };
  }
  return out;
}

/**
 * The schema the types promise to express exactly, for a root document (`components` inside
 * it). Besides `forType` on every schema: an object type is closed (TypeScript's
 * excess-property check on literals: a typo in a key is an error) over every key its
 * intersection or union declares, unless a member has an index signature; so
 * `additionalProperties: false` inside an `allOf` does not close the other members' keys.
 */
export function forTypes(root: Obj, resolve: (ref: string, in_: Obj) => Obj | undefined): Obj {
  const relaxed = mapSchemas(root, forType) as Obj;
  const memo = new Map<object, Obj>();
  const close = (node: unknown, site: boolean): unknown => {
    if (!isObj(node)) return node;
    const key = memo.get(node);
    if (key !== undefined && !site) return key;
    const copy: Obj = { ...node };
    if (!site) memo.set(node, copy);
    if (copy.additionalProperties === false) delete copy.additionalProperties;
    for (const k of ['additionalProperties', 'additionalItems']) if (isObj(copy[k])) copy[k] = close(copy[k], true);
    for (const k of ['properties', 'patternProperties']) {
      if (isObj(copy[k])) copy[k] = Object.fromEntries(Object.entries(copy[k] as Obj).map(([n, v]) => [n, close(v, true)]));
    }
    if ('items' in copy) copy.items = Array.isArray(copy.items) ? copy.items.map((s) => close(s, true)) : close(copy.items, true);
    if (Array.isArray(copy.prefixItems)) copy.prefixItems = copy.prefixItems.map((s) => close(s, true));
    for (const k of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(copy[k])) copy[k] = (copy[k] as unknown[]).map((s) => close(s, false));
    if (Array.isArray(node.anyOf)) unionRules(node, copy, (ref) => resolve(ref, relaxed));
    if (!site) return copy;
    const shape = objectShape(node, (ref) => resolve(ref, relaxed), new Set());
    if (!shape.objectish || shape.open) return copy;
    const propertyNames = shape.keys.size > 0 ? { enum: [...shape.keys] } : { not: {} };
    return typeof copy.$ref === 'string' ? { allOf: [copy], propertyNames } : { ...copy, propertyNames };
  };
  const out = close(relaxed, true) as Obj;
  if (isObj(relaxed.components) && isObj((relaxed.components as Obj).schemas)) {
    const schemas = (relaxed.components as Obj).schemas as Obj;
    out.components = { schemas: Object.fromEntries(Object.entries(schemas).map(([k, v]) => [k, close(v, false)])) };
  }
  return out;
}

/**
 * TypeScript's checks of an object literal against a union of object types (TS 3.5+):
 * with a discriminant (a property whose type is a literal in every member), only the keys
 * of the members it selects are allowed; without one, every key must belong to some member
 * and have that member's type for it.
 */
function unionRules(node: Obj, copy: Obj, resolve: (ref: string) => Obj | undefined): void {
  const branches = (node.anyOf as unknown[]).map((b) => ({ schema: b, shape: objectShape(b, resolve, new Set()), props: declarations(b, resolve, new Set()) }));
  if (!branches.every((b) => b.shape.objectish && !b.shape.open)) return;
  const literal = (s: unknown) => {
    const target = isObj(s) && typeof s.$ref === 'string' ? resolve(s.$ref) : s;
    return isObj(target) && (Array.isArray(target.enum) || 'const' in target);
  };
  const discriminated = [...branches[0]!.props.keys()].some((k) => branches.every((b) => (b.props.get(k) ?? []).some(literal)));
  const context = objectShape({ ...node, anyOf: undefined, oneOf: undefined }, resolve, new Set());
  if (discriminated) {
    copy.anyOf = (copy.anyOf as unknown[]).map((b, i) => ({ allOf: [b], propertyNames: { enum: [...new Set([...branches[i]!.shape.keys, ...context.keys])] } }));
    return;
  }
  const keys = new Map<string, unknown[]>();
  for (const b of branches) for (const [k, schemas] of b.props) keys.set(k, [...(keys.get(k) ?? []), ...schemas]);
  const properties = Object.fromEntries([...keys].map(([k, schemas]) => [k, { anyOf: schemas }]));
  copy.allOf = [...(Array.isArray(copy.allOf) ? copy.allOf : []), { properties }];
}

/** The property schemas an object type declares (through allOf and $ref), by key. */
function declarations(node: unknown, resolve: (ref: string) => Obj | undefined, seen: Set<unknown>): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  if (!isObj(node) || seen.has(node)) return out;
  seen.add(node);
  const add = (from: Map<string, unknown[]>) => {
    for (const [k, v] of from) out.set(k, [...(out.get(k) ?? []), ...v]);
  };
  if (typeof node.$ref === 'string') add(declarations(resolve(node.$ref), resolve, seen));
  if (isObj(node.properties)) for (const [k, v] of Object.entries(node.properties)) out.set(k, [...(out.get(k) ?? []), v]);
  for (const member of Array.isArray(node.allOf) ? node.allOf : []) add(declarations(member, resolve, seen));
  return out;
}

/** The keys an object type declares across its intersection or union, and whether it has an index signature. */
function objectShape(node: unknown, resolve: (ref: string) => Obj | undefined, seen: Set<unknown>): { keys: Set<string>; open: boolean; objectish: boolean } {
  const shape = { keys: new Set<string>(), open: false, objectish: false };
  if (!isObj(node) || seen.has(node)) return shape;
  seen.add(node);
  if (typeof node.$ref === 'string') {
    // 3.1: the siblings of `$ref` count too (in 3.0 they were removed before).
    const target = objectShape(resolve(node.$ref), resolve, seen);
    const { $ref: _ref, ...own } = node;
    const rest = objectShape(own, resolve, seen);
    seen.delete(node);
    return { keys: new Set([...target.keys, ...rest.keys]), open: target.open || (rest.objectish && rest.open && !target.objectish), objectish: target.objectish || rest.objectish };
  }
  if ('enum' in node || 'const' in node) return shape;
  const types = node.type === undefined ? undefined : [node.type].flat();
  const object = types === undefined ? isObj(node.properties) || Array.isArray(node.required) || 'additionalProperties' in node : types.includes('object');
  if (object) {
    shape.objectish = true;
    const properties = isObj(node.properties) ? Object.keys(node.properties) : [];
    for (const k of properties) shape.keys.add(k);
    for (const k of Array.isArray(node.required) ? node.required : []) if (typeof k === 'string') shape.keys.add(k);
    const extra = node.additionalProperties;
    // A bare `type: object` is an open record, but beside allOf/oneOf/… it is typed `object` (no index signature).
    const composed = ['allOf', 'anyOf', 'oneOf', '$ref'].some((k) => k in node);
    if (extra === true || isObj(extra) || (extra === undefined && properties.length === 0 && !Array.isArray(node.required) && !composed)) shape.open = true;
  }
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    for (const member of Array.isArray(node[k]) ? (node[k] as unknown[]) : []) {
      const part = objectShape(member, resolve, seen);
      if (!part.objectish) continue;
      shape.objectish = true;
      shape.open ||= part.open;
      for (const key of part.keys) shape.keys.add(key);
    }
  }
  seen.delete(node);
  return shape;
}
