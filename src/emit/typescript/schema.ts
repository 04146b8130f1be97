/**
 * JSON Schema (OpenAPI 3.0/3.1 schema objects) → TypeScript types and zod validators.
 *
 * One mapping: each schema is normalised (`schema/normalize.ts`: its types, enum, object
 * part, array part, string and number constraints, allOf/anyOf/oneOf/not), and each part
 * and each JSON type has one entry in a table that gives both its type and its validator,
 * so the two read the same parts and cannot drift apart. The README lists what the types
 * cannot express and what the validators do not check. A validator is built as a tree of
 * builder calls (`schemaZod`); a module holds it as data (`validatorConst`).
 *
 * `$ref`s become named types (named by the module plan): to schemas inside the document,
 * and, when the provider opts in, to schemas in files beside the spec (`RefResolver`
 * decides what may be read). Anything that cannot be typed honestly (a `$ref` not followed,
 * a cycle of aliases, a budget overrun) is `unknown`, never a guess; the model warns about
 * each, once for every target (`src/schema/warnings.ts`).
 */
import { RefResolver, resolvePointer, type SchemaRef } from '../../load/external-refs.js';
import type { LoadedDocument } from '../../load/read-document.js';
import { formatPointer, PyBytes, scalarText, type PointerPath, type Value } from '../../load/value.js';
import { allowsValue, dialectOf, impliedTypes, normalize, type ArrayPart, type Child, type Dialect, type JsonType, type NormalSchema, type NumberPart, type ObjectPart, type StringPart } from '../../schema/normalize.js';
import { patternProblem } from '../../schema/warnings.js';
import type { Expression, PropertySignature, TypeNode, Statement } from './ast.js';
import { commentLines } from '../escape.js';

export { resolvePointer };

/** The named schemas of a module: `SchemaRef.key` (the pointer, for the spec itself) → identifier. */
export type SchemaNames = ReadonlyMap<string, string>;

export interface SchemaEmitContext {
  document: LoadedDocument;
  names: SchemaNames;
  /** Schema nodes left to emit in this module; past it, schemas become `unknown`. */
  budget: { remaining: number };
  /** Keys of named schemas on a cycle of pure aliases: typed as unknown. */
  cyclic?: ReadonlySet<string>;
  /** Where `$ref`s lead; default: inside `document` only. */
  refs?: RefResolver;
  /** Check `format`s with a standard meaning (default true; the manifest's `formats: false` turns it off). */
  formats?: boolean;
  /** References that close a cycle TypeScript cannot type (`from → to` named-schema keys), computed on first use. */
  cuts?: Set<string>;
}

const UNKNOWN: TypeNode & { kind: 'keyword' } = { kind: 'keyword', name: 'unknown' };

// ---------------------------------------------------------------------------------------

interface Walk {
  ctx: SchemaEmitContext;
  refs: RefResolver;
  /** The document being walked (the spec, or a file it refers to): refs resolve from it. */
  document: LoadedDocument;
  /** Mappings on the current path, to stop at cycles made with YAML aliases. */
  active: Set<object>;
  dialect: Dialect;
  /** Where the walk started: its named schema (`ownerOf`) is looked up only when a cycle must be cut. */
  at: PointerPath;
  /** The key of the named schema the walk started at, `null` when it started elsewhere; unset until `ownerOf` asks. */
  owner?: string | null;
  /** Inside an object or array type, where TypeScript allows a type to refer to itself. */
  guarded: boolean;
  /** The same walk inside an object or array type (`guarded`), made on the first step inside (`insideOf`). */
  inside?: Walk;
}

/** The walk into a subschema inside an object or array type: made once per walk, so stepping in allocates nothing. */
function insideOf(walk: Walk): Walk {
  if (walk.guarded) return walk;
  return (walk.inside ??= { ...walk, guarded: true });
}

/** The key of the named schema a walk started at, or undefined: looked up once, when first asked. */
function ownerOf(walk: Walk): string | undefined {
  if (walk.owner === undefined) {
    const key = walk.refs.keyAt(walk.document, formatPointer(walk.at).slice(1));
    walk.owner = walk.ctx.names.has(key) ? key : null;
  }
  return walk.owner ?? undefined;
}

/** One schema node off the module's budget; past it, schemas are typed as unknown (the model warned where). */
function spend(walk: Walk): boolean {
  const { budget } = walk.ctx;
  if (budget.remaining <= 0) return false;
  budget.remaining--;
  return true;
}

export function call(callee: string, ...args: Expression[]): Expression {
  return { kind: 'call', callee, args };
}

const NEVER: TypeNode & { kind: 'keyword' } = { kind: 'keyword', name: 'never' };
const NULL: TypeNode = { kind: 'keyword', name: 'null' };
const STRING: TypeNode = { kind: 'keyword', name: 'string' };
const NUMBER: TypeNode = { kind: 'keyword', name: 'number' };
const BOOLEAN: TypeNode = { kind: 'keyword', name: 'boolean' };

function isKeyword(type: TypeNode, name: string): boolean {
  return type.kind === 'keyword' && type.name === name;
}

/** A union of types: flattened, deduplicated, `unknown` when a member is, `never` when empty. */
function union(members: readonly TypeNode[]): TypeNode {
  return combined('union', members, UNKNOWN, NEVER);
}

/** An intersection of types: flattened, deduplicated, without `unknown`s, `never` when a member is. */
function intersection(members: readonly TypeNode[]): TypeNode {
  return combined('intersection', members, NEVER, UNKNOWN);
}

/** Types combined as `kind`: flattened, deduplicated, without `identity` members, `absorbing` when a member is, `identity` when none is left. */
function combined(kind: 'union' | 'intersection', members: readonly TypeNode[], absorbing: TypeNode & { kind: 'keyword' }, identity: TypeNode & { kind: 'keyword' }): TypeNode {
  // One member not of the kind: itself (most calls; the same type as the general case gives).
  if (members.length === 1 && members[0]!.kind !== kind) return members[0]!;
  const flat: TypeNode[] = [];
  for (const m of members) {
    if (m.kind === kind) flat.push(...m.members);
    else flat.push(m);
  }
  const unique = dedupeTypes(flat.filter((m) => !isKeyword(m, identity.name)));
  if (unique.some((m) => isKeyword(m, absorbing.name))) return absorbing;
  if (unique.length === 0) return identity;
  return unique.length === 1 ? unique[0]! : { kind, members: unique };
}

/**
 * Types without repeats, the first of each kept; equal when their JSON is (a TypeNode holds
 * no `Map` and no big int). Types of different kinds never are, so a type alone of its kind
 * is kept without writing its JSON (an object type's can be long).
 */
function dedupeTypes(types: TypeNode[]): TypeNode[] {
  if (types.length < 2) return types;
  const kinds = new Map<TypeNode['kind'], number>();
  for (const type of types) kinds.set(type.kind, (kinds.get(type.kind) ?? 0) + 1);
  if (kinds.size === types.length) return types;
  const seen = new Set<string>();
  return types.filter((type) => {
    if (kinds.get(type.kind) === 1) return true;
    const key = typeKey(type);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What tells a type from others of its kind: its JSON, or for the small kinds the part of it that differs (never starting with `{`). */
function typeKey(type: TypeNode): string {
  if (type.kind === 'keyword') return type.name;
  if (type.kind === 'literal') return JSON.stringify(type.value);
  if (type.kind === 'reference' && type.args === undefined) return type.name;
  return JSON.stringify(type);
}

/**
 * Values without repeats, the first of each kept: strings (most enums) compared as
 * themselves, other values by their JSON text (mappings by their entries, as JSON.stringify
 * writes every Map as {}; big ints by their digits), in a set of their own so that `"1"` and
 * `1` stay apart.
 */
function dedupeValues(values: readonly Value[]): readonly Value[] {
  if (values.length < 2) return values;
  const strings = new Set<string>();
  const others = new Set<string>();
  // The list given when nothing repeats (most enums), a copy from the first repeat on.
  let kept: Value[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (typeof value === 'string' ? addedNew(strings, value) : addedNew(others, valueKey(value))) kept?.push(value);
    else kept ??= values.slice(0, i);
  }
  return kept ?? values;
}

/** Adds `key` to `set`; false when it was there already. */
function addedNew(set: Set<string>, key: string): boolean {
  if (set.has(key)) return false;
  set.add(key);
  return true;
}

/** A value that is not a string as JSON text, mappings as their entries and big ints as their digits (a scalar but a big int needs no replacer). */
function valueKey(value: Value): string {
  if (value === null || (typeof value !== 'object' && typeof value !== 'bigint')) return JSON.stringify(value);
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item instanceof Map ? { entries: [...item] } : item));
}

// ---------------------------------------------------------------------------------------
// Validators as data, written as text during the walk
// ---------------------------------------------------------------------------------------

declare const VALIDATOR_TEXT: unique symbol;

/**
 * A validator as validator data: JSON text in the encoding of templates/validators.ts (a
 * builder called without arguments is its name, `"string"`; any other call `["name",
 * ...arguments]`; a reference `"#Name"`), what `validatorConst` writes. The walks write it
 * directly rather than building a tree of builder calls and encoding it: the same text, with
 * no tree to allocate (docs/performance.md, "Sixth pass").
 */
export type ValidatorText = string & { readonly [VALIDATOR_TEXT]: true };

/** A builder call of templates/validators.ts as validator data: its name alone, or `["name",…]` with its arguments (JSON text). */
export function validatorCall(name: string, ...args: readonly string[]): ValidatorText {
  let quoted = BUILDER_NAMES.get(name);
  if (quoted === undefined) BUILDER_NAMES.set(name, (quoted = JSON.stringify(name)));
  if (args.length === 0) return quoted as ValidatorText;
  let text = `[${quoted}`;
  for (const arg of args) text += `,${arg}`;
  return `${text}]` as ValidatorText;
}

/** Builder names as JSON strings, written once each (a few dozen names, fixed by templates/validators.ts). */
const BUILDER_NAMES = new Map<string, string>();

/** The validator data of a reference to a module's named validator (`v.lazy(() => Name)` as a builder call). */
export function validatorReference(name: string): ValidatorText {
  return JSON.stringify(`#${name}`) as ValidatorText;
}

/** A JSON object's text from its keys and its values' JSON text, in the order given. */
export function jsonObjectText(entries: ReadonlyArray<readonly [string, string]>): string {
  let text = '';
  for (const [key, value] of entries) text += `${text === '' ? '' : ','}${JSON.stringify(key)}:${value}`;
  return `{${text}}`;
}

/** A JSON array's text from its items' JSON text. */
export function jsonArrayText(items: readonly string[]): string {
  return `[${items.join(',')}]`;
}

/** A finite number as JSON text (the encoding has no `NaN` or infinity). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`internal: ${value} has no JSON encoding`);
  return JSON.stringify(value);
}

const V_UNKNOWN = validatorCall('unknown');
const V_NEVER = validatorCall('never');
const V_NULL = validatorCall('null');
const V_BOOLEAN = validatorCall('boolean');

/** `v.union([…])` of validators, or the one validator. */
function anyValidator(members: readonly ValidatorText[], name = 'union'): ValidatorText {
  const unique = members.length < 2 ? members : [...new Set(members)];
  if (unique.length === 0) return V_NEVER;
  return unique.length === 1 ? unique[0]! : validatorCall(name, jsonArrayText(unique));
}

/** `v.allOf([…])` of validators, or the one validator. */
function allValidator(members: readonly ValidatorText[]): ValidatorText {
  if (members.length === 1) return members[0]!;
  const unique = [...new Set(members)].filter((m) => m !== V_UNKNOWN);
  if (unique.length === 0) return V_UNKNOWN;
  return unique.length === 1 ? unique[0]! : validatorCall('allOf', jsonArrayText(unique));
}

/** A constraints argument, `{"min":1,"max":5}`, or nothing when there is none. */
function constraintsArg(entries: ReadonlyArray<readonly [string, string | undefined]>): string[] {
  const present = entries.filter((e): e is [string, string] => e[1] !== undefined);
  return present.length ? [jsonObjectText(present)] : [];
}

function numberArg(value: number | undefined): string | undefined {
  return value === undefined ? undefined : numberText(value);
}

// ---------------------------------------------------------------------------------------
// Literals (enum, const)
// ---------------------------------------------------------------------------------------

/** The literal type of an enum/const value (objects and arrays too), or undefined when it has none. */
function literalType(value: Value): TypeNode | undefined {
  if (value === null) return NULL;
  // An int beyond 2^53 has no exact literal: any number (bytes that are not text: none).
  if (typeof value === 'bigint') return { kind: 'keyword', name: 'number' };
  if (typeof value === 'string' || typeof value === 'boolean') return { kind: 'literal', value };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'literal', value } : undefined;
  if (Array.isArray(value)) {
    const elements = value.map(literalType);
    return elements.every((e) => e !== undefined) ? { kind: 'tuple', elements: (elements as TypeNode[]).map((type) => ({ type, optional: false })) } : undefined;
  }
  // Normalised enum values hold no dates (they are JSON text by then); bytes that are not text have no literal.
  if (!(value instanceof Map)) return undefined;
  const members: PropertySignature[] = [];
  for (const [key, item] of value) {
    const type = literalType(item);
    if (type === undefined) return undefined;
    members.push({ key: scalarText(key), optional: false, type });
  }
  return { kind: 'object', members };
}

/** A JSON value as JSON text, mappings' keys in document order (for `v.literal` and `v.values([…])`). */
function jsonValueText(value: Value): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return numberText(value);
  // The nearest double: the value a JavaScript caller can pass.
  if (typeof value === 'bigint') return numberText(Number(value));
  if (Array.isArray(value)) return jsonArrayText(value.map(jsonValueText));
  if (!(value instanceof Map)) return 'null';
  return jsonObjectText([...value].map(([key, item]) => [scalarText(key), jsonValueText(item)] as const));
}

function isScalar(value: Value): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** Whether a value is JSON: no `NaN` or infinity anywhere in it (YAML and Python's json.loads allow them). */
function isJson(value: Value): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value instanceof PyBytes) return false;
  if (Array.isArray(value)) return value.every(isJson);
  if (value instanceof Map) return [...value.values()].every(isJson);
  return true;
}

/** The enum values a value may take: those of the allowed types (default: the schema's) that JSON can carry. */
function enumValues(n: NormalSchema, types: ReadonlySet<JsonType> | undefined = n.types): readonly Value[] {
  const all = n.enum ?? NO_VALUES;
  // The document's list when every value is kept (most enums), a copy from the first left out on.
  let kept: Value[] | undefined;
  for (let i = 0; i < all.length; i++) {
    const value = all[i]!;
    if (allowsValue(types, value) && isJson(value)) kept?.push(value);
    else kept ??= all.slice(0, i);
  }
  return dedupeValues(kept ?? all);
}

const NO_VALUES: readonly Value[] = Object.freeze([]);

/** Literal types of the enum values; `integer` is `number` in a type, so `2.5` stays beside it. */
function enumType(n: NormalSchema): TypeNode {
  const types = n.types?.has('integer') ? new Set([...n.types, 'number' as const]) : n.types;
  const members = enumValues(n, types).map(literalType);
  return members.every((m) => m !== undefined) ? union(members as TypeNode[]) : UNKNOWN;
}

function enumValidator(n: NormalSchema): ValidatorText {
  const values = enumValues(n);
  if (values.length === 0) return V_NEVER;
  if (values.every((v): v is string => typeof v === 'string')) return validatorCall('enum', jsonArrayText(values.map((value) => JSON.stringify(value))));
  if (values.every(isScalar)) return anyValidator(values.map((v) => (v === null ? V_NULL : validatorCall('literal', jsonValueText(v)))));
  return validatorCall('values', jsonArrayText(values.map(jsonValueText)));
}

// ---------------------------------------------------------------------------------------
// The mapping: one entry per JSON type, one per part of a normalised schema
// ---------------------------------------------------------------------------------------

/** What a part of a schema becomes: a type and a validator, both read from the same normalised schema. */
interface PartMapping {
  type(n: NormalSchema, walk: Walk): TypeNode | undefined;
  validator(n: NormalSchema, walk: Walk): ValidatorText | undefined;
}

const EMPTY_OBJECT: ObjectPart = { properties: [], requiredOnly: [], additional: { kind: 'any', explicit: false }, patterns: [] };
const EMPTY_ARRAY: ArrayPart = { prefix: [], rest: { kind: 'any' }, uniqueItems: false };

/** Each JSON type of a schema's `type` (or implied by its keywords). */
const BY_JSON_TYPE: Record<JsonType, PartMapping> = {
  string: { type: () => STRING, validator: (n, walk) => validatorCall('string', ...stringConstraints(n.string, walk)) },
  number: { type: () => NUMBER, validator: (n) => validatorCall('number', ...numberConstraints(n.number)) },
  integer: { type: () => NUMBER, validator: (n) => validatorCall('integer', ...numberConstraints(n.number)) },
  boolean: { type: () => BOOLEAN, validator: () => V_BOOLEAN },
  null: { type: () => NULL, validator: () => V_NULL },
  array: { type: (n, walk) => arrayType(n.array ?? EMPTY_ARRAY, walk), validator: (n, walk) => arrayValidator(n.array ?? EMPTY_ARRAY, walk) },
  object: { type: (n, walk) => objectType(n.object ?? EMPTY_OBJECT, walk), validator: (n, walk) => objectValidator(n.object ?? EMPTY_OBJECT, walk) },
};

/** The types in `type` order; `integer` beside `number` adds nothing. One list per set (`normalize` shares a set per list of types). */
function typeList(types: ReadonlySet<JsonType>): readonly JsonType[] {
  let list = TYPE_LISTS.get(types);
  if (list !== undefined) return list;
  const listed: JsonType[] = [];
  const number = types.has('number');
  for (const t of types) if (!(number && t === 'integer')) listed.push(t);
  TYPE_LISTS.set(types, (list = listed));
  return list;
}

/** `typeList`'s lists, by set. */
const TYPE_LISTS = new WeakMap<ReadonlySet<JsonType>, readonly JsonType[]>();

/** Keywords of a schema without `type` apply to values of their own type only. */
const OPEN_PARTS: ReadonlyArray<[keyof NormalSchema & ('object' | 'array' | 'string' | 'number'), 'object' | 'array' | 'string' | 'number']> = [
  ['object', 'object'],
  ['array', 'array'],
  ['string', 'string'],
  ['number', 'number'],
];

/** The parts of a normalised schema, in the order they are combined (all must hold). */
const PARTS: PartMapping[] = [
  // $ref: a named type (alone in OpenAPI 3.0, beside the other parts in 3.1).
  {
    type: (n, walk) => {
      if (n.ref === undefined) return undefined;
      const name = refTarget(n.ref, walk);
      return name === undefined ? UNKNOWN : { kind: 'reference', name };
    },
    validator: (n, walk) => {
      if (n.ref === undefined) return undefined;
      const name = refTarget(n.ref, walk);
      return name === undefined ? V_UNKNOWN : validatorReference(name);
    },
  },
  // type and enum, with the keywords of each type.
  {
    type: (n, walk) => {
      if (n.enum !== undefined) return enumType(n);
      const types = n.types ?? impliedTypes(n);
      if (types === undefined) return undefined;
      const list = typeList(types);
      // One type (most schemas): its type as `union` returns it, without a list of one.
      if (list.length === 1) {
        const type = BY_JSON_TYPE[list[0]!].type(n, walk)!;
        return type.kind === 'union' ? union([type]) : type;
      }
      return union(list.map((t) => BY_JSON_TYPE[t].type(n, walk)!));
    },
    validator: (n, walk) => {
      const listed = n.enum === undefined ? undefined : enumValidator(n);
      if (n.types !== undefined) {
        const typed = typeList(n.types).map((t) => BY_JSON_TYPE[t].validator(n, walk)!);
        const constrained = n.object || n.array || n.string || n.number || n.integer;
        if (listed !== undefined && !constrained) return listed;
        // `[T, null]` or `[null, T]`: `nullable(T)` (two nulls stay a union).
        const one = typed.length === 2 && (typed[0] === V_NULL) !== (typed[1] === V_NULL) ? validatorCall('nullable', typed[typed[0] === V_NULL ? 1 : 0]!) : anyValidator(typed);
        return listed === undefined ? one : allValidator([listed, one]);
      }
      const all: ValidatorText[] = listed === undefined ? [] : [listed];
      for (const [part, type] of OPEN_PARTS) if (n[part] !== undefined) all.push(validatorCall('ifType', JSON.stringify(type), BY_JSON_TYPE[type].validator(n, walk)!));
      return all.length === 0 ? undefined : allValidator(all);
    },
  },
  {
    type: (n, walk) => (n.allOf.length === 0 ? undefined : intersection(n.allOf.map((c) => schemaType(c.schema, walk)))),
    validator: (n, walk) => (n.allOf.length === 0 ? undefined : allValidator(n.allOf.map((c) => schemaZod(c.schema, walk)))),
  },
  {
    type: (n, walk) => (n.anyOf.length === 0 ? undefined : union(n.anyOf.map((c) => schemaType(c.schema, walk)))),
    validator: (n, walk) => (n.anyOf.length === 0 ? undefined : anyValidator(n.anyOf.map((c) => schemaZod(c.schema, walk)))),
  },
  {
    type: (n, walk) => (n.oneOf.length === 0 ? undefined : union(n.oneOf.map((c) => schemaType(c.schema, walk)))),
    validator: (n, walk) => (n.oneOf.length === 0 ? undefined : anyValidator(n.oneOf.map((c) => schemaZod(c.schema, walk)), 'oneOf')),
  },
  // not: no TypeScript type says "anything but".
  { type: () => undefined, validator: (n, walk) => (n.not === undefined ? undefined : validatorCall('not', schemaZod(n.not.schema, walk))) },
];

/** `Record<string, unknown>`: what an object part without members or value types is typed as. */
function isOpenRecord(type: TypeNode): boolean {
  return type.kind === 'reference' && type.name === 'Record' && type.args?.length === 2 && isKeyword(type.args[0]!, 'string') && isKeyword(type.args[1]!, 'unknown');
}

const OBJECT: TypeNode = { kind: 'keyword', name: 'object' };

function closedRecord(type: TypeNode): TypeNode {
  if (isOpenRecord(type)) return OBJECT;
  return type.kind === 'union' ? { kind: 'union', members: type.members.map(closedRecord) } : type;
}

/** Whether a subschema is typed as an object only (declared or implied), following `$ref`s a few steps. */
function isObjectTyped(schema: Value | undefined, walk: Walk, document: LoadedDocument = walk.document, depth = 0): boolean {
  const n = normalize(schema, walk.dialect);
  if (n.ref !== undefined && n.types === undefined && n.object === undefined) {
    const target = walk.refs.resolve(document, n.ref);
    return depth < 8 && target.kind === 'schema' && isObjectTyped(target.value, walk, target.document, depth + 1);
  }
  const types = n.types ?? impliedTypes(n);
  return n.enum === undefined && !n.orNull && types !== undefined && types.size === 1 && types.has('object');
}

/** A bare `type: object` adds nothing beside members that are objects already. */
function objectImplied(n: NormalSchema, walk: Walk): boolean {
  const objects = (children: readonly Child[]) => children.length > 0 && children.every((c) => isObjectTyped(c.schema, walk));
  return n.allOf.some((c) => isObjectTyped(c.schema, walk)) || ((n.anyOf.length > 0 || n.oneOf.length > 0) && (n.anyOf.length === 0 || objects(n.anyOf)) && (n.oneOf.length === 0 || objects(n.oneOf)));
}

function typeOfNormal(n: NormalSchema, walk: Walk): TypeNode {
  if (n.never) return NEVER;
  // One list, filled in a loop (a map then a filter made two per node).
  let parts: TypeNode[] = [];
  for (const p of PARTS) {
    const t = p.type(n, walk);
    if (t !== undefined) parts.push(t);
  }
  // `type: object` beside allOf/oneOf/…: nothing when the members are objects already (an
  // intersection with a union of many members is costly to check), else `object`; never an
  // index signature, which would let any key through the members' excess-property checks.
  if (parts.length > 1 && objectImplied(n, walk)) parts = parts.filter((t) => !isOpenRecord(t));
  const type = intersection(parts.length > 1 ? parts.map(closedRecord) : parts);
  return n.orNull ? union([type, NULL]) : type;
}

function validatorOfNormal(n: NormalSchema, walk: Walk): ValidatorText {
  if (n.never) return V_NEVER;
  const validators: ValidatorText[] = [];
  for (const p of PARTS) {
    const v = p.validator(n, walk);
    if (v !== undefined) validators.push(v);
  }
  const validator = allValidator(validators);
  return n.orNull ? validatorCall('nullable', validator) : validator;
}

/** The TypeScript type of a schema. */
export function schemaType(schema: Value | undefined, walk: Walk): TypeNode {
  if (!(schema instanceof Map)) return typeOfNormal(normalize(schema, walk.dialect), walk);
  if (walk.active.has(schema) || !spend(walk)) return UNKNOWN;
  walk.active.add(schema);
  try {
    return typeOfNormal(normalize(schema, walk.dialect), walk);
  } finally {
    walk.active.delete(schema);
  }
}

/** The validator of a schema, as validator data (the builders of templates/validators.ts, the generated validators module). */
export function schemaZod(schema: Value | undefined, walk: Walk): ValidatorText {
  if (!(schema instanceof Map)) return validatorOfNormal(normalize(schema, walk.dialect), walk);
  if (walk.active.has(schema) || !spend(walk)) return V_UNKNOWN;
  walk.active.add(schema);
  try {
    return validatorOfNormal(normalize(schema, walk.dialect), walk);
  } finally {
    walk.active.delete(schema);
  }
}

// ---------------------------------------------------------------------------------------
// Strings and numbers
// ---------------------------------------------------------------------------------------

/** Formats with a standard meaning that the validators check (others are annotations, as in JSON Schema). */
export const CHECKED_FORMATS: ReadonlySet<string> = new Set(['date-time', 'date', 'email', 'uuid', 'uri', 'ipv4', 'ipv6']);

/** A pattern the validators can compile, or undefined (the model warned about it; it is not checked). */
function checkedPattern(pattern: string): string | undefined {
  return patternProblem(pattern) === undefined ? pattern : undefined;
}

function stringConstraints(part: StringPart | undefined, walk: Walk): string[] {
  if (part === undefined) return [];
  const pattern = part.pattern === undefined ? undefined : checkedPattern(part.pattern);
  const format = part.format !== undefined && CHECKED_FORMATS.has(part.format) && walk.ctx.formats !== false ? part.format : undefined;
  return constraintsArg([
    ['minLength', numberArg(part.minLength)],
    ['maxLength', numberArg(part.maxLength)],
    ['pattern', pattern === undefined ? undefined : JSON.stringify(pattern)],
    ['format', format === undefined ? undefined : JSON.stringify(format)],
  ]);
}

function numberConstraints(part: NumberPart | undefined): string[] {
  if (part === undefined) return [];
  return constraintsArg([
    ['min', numberArg(part.minimum)],
    ['max', numberArg(part.maximum)],
    ['exclusiveMin', numberArg(part.exclusiveMinimum)],
    ['exclusiveMax', numberArg(part.exclusiveMaximum)],
    ['multipleOf', numberArg(part.multipleOf)],
  ]);
}

// ---------------------------------------------------------------------------------------
// Arrays
// ---------------------------------------------------------------------------------------

function restType(rest: ArrayPart['rest'], walk: Walk): TypeNode {
  if (rest.kind === 'any') return UNKNOWN;
  if (rest.kind === 'none') return NEVER;
  return schemaType(rest.child.schema, insideOf(walk));
}

function restValidator(rest: ArrayPart['rest'], walk: Walk): ValidatorText {
  if (rest.kind === 'any') return V_UNKNOWN;
  if (rest.kind === 'none') return V_NEVER;
  return schemaZod(rest.child.schema, insideOf(walk));
}

/** `T[]`, or a tuple `[A, B?, ...R[]]` whose first `minItems` positions are required and that ends at `maxItems` when it can. */
function arrayType(part: ArrayPart, walk: Walk): TypeNode {
  if (part.prefix.length === 0) return { kind: 'array', element: restType(part.rest, walk) };
  const required = Math.min(part.minItems ?? 0, part.prefix.length);
  // `maxItems` within the prefix ends the tuple there; past it, no type can count the rest.
  const closed = part.rest.kind === 'none' || (part.maxItems !== undefined && part.maxItems <= part.prefix.length);
  const prefix = part.maxItems !== undefined && part.maxItems < part.prefix.length ? part.prefix.slice(0, part.maxItems) : part.prefix;
  const elements = prefix.map((c, i) => ({ type: schemaType(c.schema, insideOf(walk)), optional: i >= required }));
  const rest = closed ? undefined : restType(part.rest, walk);
  return { kind: 'tuple', elements, ...(rest === undefined ? {} : { rest }) };
}

function arrayValidator(part: ArrayPart, walk: Walk): ValidatorText {
  const constraints = constraintsArg([
    ['minItems', numberArg(part.minItems)],
    ['maxItems', numberArg(part.maxItems)],
    ['uniqueItems', part.uniqueItems ? 'true' : undefined],
  ]);
  if (part.prefix.length === 0) return validatorCall('array', restValidator(part.rest, walk), ...constraints);
  const prefix = jsonArrayText(part.prefix.map((c) => schemaZod(c.schema, insideOf(walk))));
  const rest = part.rest.kind === 'none' ? 'null' : restValidator(part.rest, walk);
  return validatorCall('tuple', prefix, rest, ...constraints);
}

// ---------------------------------------------------------------------------------------
// Objects
// ---------------------------------------------------------------------------------------

/** A property's doc comment: its schema's `description`. */
function propertyDoc(schema: Value | undefined): string[] {
  const description = schema instanceof Map ? schema.get('description') : undefined;
  return typeof description === 'string' ? commentLines(description) : [];
}

/** The patterns of `patternProperties` that are regular expressions (others are left out; the model warned about them). */
function patternsOf(part: ObjectPart): Array<{ pattern: string; child: Child }> {
  return part.patterns.length === 0 ? part.patterns : part.patterns.filter((p) => checkedPattern(p.pattern) !== undefined);
}

/** The members of an object type: declared properties (documented by their `description`), then `required` names no property declares (any value). */
function memberSignatures(part: ObjectPart, walk: Walk): PropertySignature[] {
  const members: PropertySignature[] = [];
  for (const { key, child: c, required } of part.properties) {
    const type = schemaType(c.schema, insideOf(walk));
    const doc = propertyDoc(c.schema);
    members.push(doc.length ? { key, optional: !required, type, doc } : { key, optional: !required, type });
  }
  for (const key of part.requiredOnly) members.push({ key, optional: false, type: UNKNOWN });
  return members;
}

/**
 * An object type: its members, and an index signature when other keys may hold values
 * (`additionalProperties` true or a schema beside properties, `patternProperties`), whose
 * type takes every value type of the object (TypeScript checks declared members against it).
 */
function objectType(part: ObjectPart, walk: Walk): TypeNode {
  const members = memberSignatures(part, walk);
  const values: TypeNode[] = [];
  if (part.additional.kind === 'schema') values.push(schemaType(part.additional.child.schema, insideOf(walk)));
  for (const p of patternsOf(part)) values.push(schemaType(p.child.schema, insideOf(walk)));
  // Absent `additionalProperties` beside `patternProperties` lets any other key through: the index is open.
  const anyOther = part.additional.kind === 'any' && (part.additional.explicit || members.length === 0 || part.patterns.length > 0);
  if (members.length === 0) {
    const value = anyOther ? UNKNOWN : union(values);
    return { kind: 'reference', name: 'Record', args: [STRING, value] };
  }
  if (!anyOther && values.length === 0) return { kind: 'object', members };
  const optional = members.some((m) => m.optional) ? [UNDEFINED] : [];
  const index = anyOther ? UNKNOWN : union([...values, ...members.map((m) => m.type), ...optional]);
  return { kind: 'object', members, index };
}

const UNDEFINED: TypeNode = { kind: 'keyword', name: 'undefined' };
const V_PRESENT = validatorCall('present');
const FALSE_TEXT = 'false';

function objectValidator(part: ObjectPart, walk: Walk): ValidatorText {
  const additional = part.additional.kind === 'none' ? FALSE_TEXT : part.additional.kind === 'schema' ? schemaZod(part.additional.child.schema, insideOf(walk)) : undefined;
  const patterns = patternsOf(part).map((p) => jsonArrayText([JSON.stringify(p.pattern), schemaZod(p.child.schema, insideOf(walk))]));
  const constraints = constraintsArg([
    ['additional', additional],
    ['patterns', patterns.length ? jsonArrayText(patterns) : undefined],
    ['minProperties', numberArg(part.minProperties)],
    ['maxProperties', numberArg(part.maxProperties)],
  ]);
  const memberCount = part.properties.length + part.requiredOnly.length;
  // A map of one value type, as before: `v.record(V)`.
  if (memberCount === 0 && patterns.length === 0 && part.minProperties === undefined && part.maxProperties === undefined && part.additional.kind !== 'none') {
    return validatorCall('record', additional ?? V_UNKNOWN);
  }
  // The shape's JSON object text written as the members are walked (`jsonObjectText` without a list of pairs).
  let shape = '';
  for (const { key, child: c, required } of part.properties) {
    const value = schemaZod(c.schema, insideOf(walk));
    shape += `${shape === '' ? '{' : ','}${JSON.stringify(key)}:${required ? value : validatorCall('optional', value)}`;
  }
  for (const key of part.requiredOnly) shape += `${shape === '' ? '{' : ','}${JSON.stringify(key)}:${V_PRESENT}`;
  return validatorCall('object', shape === '' ? '{}' : `${shape}}`, ...constraints);
}

// ---------------------------------------------------------------------------------------
// Validator consts: the builder tree as data
// ---------------------------------------------------------------------------------------

/** The type of every validator const: the validators module's opaque `Validator`. */
const VALIDATOR_TYPE: TypeNode = { kind: 'reference', name: 'v.Validator' };

/** How each kind of expression in a builder call's arguments is written as JSON text (see `validatorConst`); keys in document order. */
const ENCODERS: { [K in Expression['kind']]: (e: Extract<Expression, { kind: K }>) => string } = {
  call: (e) => encodeValidator(e),
  object: (e) => {
    let text = '';
    for (const p of e.properties) text += `${text === '' ? '{' : ','}${JSON.stringify(p.key)}:${jsonText(p.value)}`;
    return text === '' ? '{}' : `${text}}`;
  },
  array: (e) => {
    let text = '';
    for (const element of e.elements) text += `${text === '' ? '[' : ','}${jsonText(element)}`;
    return text === '' ? '[]' : `${text}]`;
  },
  string: (e) => JSON.stringify(e.value),
  boolean: (e) => String(e.value),
  null: () => 'null',
  number: (e) => {
    if (!Number.isFinite(e.value)) throw new Error(`internal: ${e.value} has no JSON encoding`);
    return JSON.stringify(e.value);
  },
  identifier: (e) => notEncodable(e),
  arrow: (e) => notEncodable(e),
  asConst: (e) => notEncodable(e),
};

function notEncodable(e: Expression): never {
  throw new Error(`internal: a ${e.kind} expression outside v.lazy has no encoding as validator data`);
}

/**
 * An expression of plain data (objects, arrays, strings, finite numbers, booleans, null) as
 * JSON text, object keys in document order; a builder call in it is written as validator data.
 */
export function jsonText(e: Expression): string {
  return (ENCODERS[e.kind] as (e: Expression) => string)(e);
}

/** A builder call as JSON text: its name alone, `[name, ...arguments]`, or (`v.lazy(() => X)`) the reference `"#X"`. */
function encodeValidator(e: Extract<Expression, { kind: 'call' }>): string {
  if (!e.callee.startsWith('v.')) throw new Error(`internal: ${e.callee} is not a validator builder`);
  const name = JSON.stringify(e.callee.slice(2));
  if (name !== '"lazy"') return e.args.length === 0 ? name : `[${[name, ...e.args.map(jsonText)].join(',')}]`;
  const getter = e.args[0];
  if (getter?.kind !== 'arrow' || getter.body.kind !== 'identifier') throw new Error('internal: v.lazy takes () => <validator name>');
  return JSON.stringify(`#${getter.body.name}`);
}

/**
 * The name of a module's validator registry (`const $validators = v.registry();`): with a `$`,
 * which the one sanitiser never puts in an identifier, so no name from a spec meets it.
 */
export const REGISTRY = '$validators';

/** `const $validators = v.registry();`: the registry a module's validator consts are defined in; it must precede them. */
export function registryConst(): Statement {
  return { kind: 'const', name: REGISTRY, exported: false, type: { kind: 'reference', name: 'v.Registry' }, init: call('v.registry') };
}

/** Whether a statement is a validator const made by `validatorConst` (its module then needs `registryConst`). */
export function definesValidator(statement: Statement): boolean {
  return statement.kind === 'const' && statement.init.kind === 'call' && statement.init.callee === `${REGISTRY}.define`;
}

/**
 * A tree of builder calls of templates/validators.ts (`v.object({ a: v.string() })` as an
 * expression) as validator data: the text the walks write directly, which the validators
 * tests hold against the builders called directly. Throws (a bug, not a user's mistake) on
 * what has no encoding: anything but a `v.` call at the root, functions but `v.lazy`'s.
 */
export function validatorText(validator: Expression): ValidatorText {
  if (validator.kind !== 'call') notEncodable(validator);
  return encodeValidator(validator) as ValidatorText;
}

/**
 * The statement of a validator const, its validator data (`validator`: as `schemaZod` and
 * `shapeZod` write it, see `ValidatorText`):
 * `export const Name: v.Validator = $validators.define("Name", '<JSON>');`. The JSON is the
 * encoding documented at the top of templates/validators.ts: a builder called without
 * arguments is its name (`"string"`), any other call `[name, ...arguments]` (objects and
 * arrays as JSON, validators in them encoded the same way), and `v.lazy(() => A)` the
 * reference `"#A"`, which the module's registry resolves by name on first use (so order and
 * cycles do not matter, and a name never reaches another module's validators). The name and
 * the text enter the code through the printer's one string escaper.
 *
 * Why: users' type-checker resolves one call per validator instead of every builder call
 * (checking GitHub's module: 7.2 → 4.6 s CPU), and no function per reference (the earlier
 * `() => [A, B]`: −0.3 s more); the module builds no zod schema before it is used
 * (docs/performance.md, "Validators as data", "References by name, requests as text").
 */
export function validatorConst(name: string, validator: ValidatorText): Statement {
  return { kind: 'const', name, exported: true, type: VALIDATOR_TYPE, init: call(`${REGISTRY}.define`, { kind: 'string', value: name }, { kind: 'string', value: validator }) };
}

// ---------------------------------------------------------------------------------------
// $refs and the cycles TypeScript cannot type
// ---------------------------------------------------------------------------------------

/** The name of the named type and validator a `$ref` leads to, or undefined (unknown; the model warned where due). */
function refTarget(ref: string, walk: Walk): string | undefined {
  const target = walk.refs.resolve(walk.document, ref);
  if (target.kind !== 'schema') return undefined;
  const name = target.value === undefined ? undefined : walk.ctx.names.get(target.key);
  if (name === undefined || walk.ctx.cyclic?.has(target.key)) return undefined;
  if (!walk.guarded && cutEdges(walk).size > 0) {
    const owner = ownerOf(walk);
    if (owner !== undefined && cutEdges(walk).has(edgeKey(owner, target.key))) return undefined;
  }
  return name;
}

function edgeKey(from: string, to: string): string {
  return JSON.stringify([from, to]);
}

/** The named schemas a schema refers to outside any object or array (through $ref, allOf, anyOf, oneOf, not, map values). */
function unguardedRefs(schema: Value | undefined, document: LoadedDocument, walk: Walk, seen = new Set<object>()): SchemaRef[] {
  if (!(schema instanceof Map) || seen.has(schema)) return [];
  seen.add(schema);
  const n = normalize(schema, walk.dialect);
  const out: SchemaRef[] = [];
  if (n.ref !== undefined) {
    const target = walk.refs.resolve(document, n.ref);
    if (target.kind === 'schema' && target.value !== undefined) out.push(target);
  }
  const children = [...n.allOf, ...n.anyOf, ...n.oneOf, ...(n.not ? [n.not] : [])];
  if (n.object?.additional.kind === 'schema') children.push(n.object.additional.child);
  for (const p of n.object?.patterns ?? []) children.push(p.child);
  for (const c of children) out.push(...unguardedRefs(c.schema, document, walk, seen));
  return out;
}

/**
 * The references that close a cycle of named schemas through intersections and unions only
 * (`Animal {oneOf: [Cat]}`, `Cat {allOf: [Animal, …]}`): TypeScript cannot type such a cycle
 * (TS2456) and a validator following it never reaches the data. Each is typed `unknown`, in
 * the type and in the validator alike. Found by a depth-first search from every named schema
 * in identifier order, so the cut does not depend on the order of the spec.
 */
function cutEdges(walk: Walk): ReadonlySet<string> {
  if (walk.ctx.cuts !== undefined) return walk.ctx.cuts;
  const cuts = new Set<string>();
  walk.ctx.cuts = cuts;
  const byName = [...walk.ctx.names].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const state = new Map<string, 'active' | 'done'>();
  const visit = (start: SchemaRef) => {
    const stack: Array<{ ref: SchemaRef; next: SchemaRef[] }> = [{ ref: start, next: unguardedRefs(start.value, start.document, walk) }];
    state.set(start.key, 'active');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const target = top.next.shift();
      if (target === undefined) {
        state.set(top.ref.key, 'done');
        stack.pop();
      } else if (state.get(target.key) === 'active') cuts.add(edgeKey(top.ref.key, target.key));
      else if (state.get(target.key) === undefined && walk.ctx.names.has(target.key)) {
        state.set(target.key, 'active');
        stack.push({ ref: target, next: unguardedRefs(target.value, target.document, walk) });
      }
    }
  };
  for (const [key] of byName) {
    if (state.has(key)) continue;
    // A key is the pointer for the spec itself, `<file>#<pointer>` for another file.
    const ref = walk.refs.resolve(walk.refs.main, key === '' || key.startsWith('/') ? `#${key}` : key);
    if (ref.kind === 'schema' && ref.value !== undefined) visit(ref);
  }
  return cuts;
}

/**
 * Starts a walk at a pointer of a document: the context's own, unless another is given.
 * A walk that starts at a named schema knows it (to cut the cycles TypeScript cannot type).
 */
export function startWalk(ctx: SchemaEmitContext, at: PointerPath, document: LoadedDocument = ctx.document): Walk {
  const refs = ctx.refs ?? new RefResolver(ctx.document);
  return { ctx, refs, document, active: new Set<object>(), dialect: dialectOf(ctx.document.value), at, guarded: false };
}

// ---------------------------------------------------------------------------------------
// Walks from where a schema lives, each schema object walked once per module
// ---------------------------------------------------------------------------------------

/** A schema where it lives: its value, its pointer segments, and the document (default: the context's). */
export interface SchemaAt {
  value: Value | undefined;
  at: PointerPath;
  document?: LoadedDocument;
}

/** What a walk from a schema object made, and the budget it spent. */
interface Walked<T> {
  document: LoadedDocument;
  result: T;
  spent: number;
}

/** The walks of a module's context, by schema object, then by the named schema they started at when that matters (`walkKey`). */
interface WalkMemo {
  types: WeakMap<object, Map<string, Walked<TypeNode>>>;
  validators: WeakMap<object, Map<string, Walked<ValidatorText>>>;
}

const MEMOS = new WeakMap<SchemaEmitContext, WalkMemo>();

/** Where a walk started matters only to cut a cycle (`refTarget`): with no cycle to cut, every start is the same. */
function walkKey(walk: Walk): string {
  if (cutEdges(walk).size === 0) return '';
  const owner = ownerOf(walk);
  return owner === undefined ? '-' : `+${owner}`;
}

/**
 * A walk from a schema object, or what the same walk made before in this context (GitHub's
 * spec: 6,380 walks of parameters and results, 3,673 of them of an object walked already,
 * mostly shared `components/parameters`). The same object, document and start give the same
 * result, and spend the same budget: a repeat spends it too, and walks again when the budget
 * left could not pay for it, so that the budget runs out where it did without the memo. A
 * walk the budget cut short is not kept.
 */
function walkedOnce<T>(table: WeakMap<object, Map<string, Walked<T>>>, walk: Walk, schema: Value | undefined, run: (schema: Value | undefined, walk: Walk) => T): T {
  if (!(schema instanceof Map)) return run(schema, walk);
  const { budget } = walk.ctx;
  const key = walkKey(walk);
  let byKey = table.get(schema);
  const known = byKey?.get(key);
  if (known !== undefined && known.document === walk.document && budget.remaining >= known.spent) {
    budget.remaining -= known.spent;
    return known.result;
  }
  const before = budget.remaining;
  const result = run(schema, walk);
  if (budget.remaining > 0) {
    if (byKey === undefined) table.set(schema, (byKey = new Map()));
    byKey.set(key, { document: walk.document, result, spent: before - budget.remaining });
  }
  return result;
}

function memoOf(ctx: SchemaEmitContext): WalkMemo {
  let memo = MEMOS.get(ctx);
  if (memo === undefined) MEMOS.set(ctx, (memo = { types: new WeakMap(), validators: new WeakMap() }));
  return memo;
}

/** The TypeScript type of a schema, walked from where it lives (`schemaType` from `startWalk`), once per schema object and start in a context. The type may be shared: never change it. */
export function typeAt(ctx: SchemaEmitContext, { value, at, document }: SchemaAt): TypeNode {
  return walkedOnce(memoOf(ctx).types, startWalk(ctx, at, document), value, schemaType);
}

/** The validator of a schema, walked from where it lives (`schemaZod` from `startWalk`), once per schema object and start in a context. */
export function validatorAt(ctx: SchemaEmitContext, { value, at, document }: SchemaAt): ValidatorText {
  return walkedOnce(memoOf(ctx).validators, startWalk(ctx, at, document), value, schemaZod);
}
