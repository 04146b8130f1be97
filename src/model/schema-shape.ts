/**
 * JSON Schema (OpenAPI 3.0/3.1 schema objects, a tool YAML's `output_schema`) → `TypeShape`.
 * A schema is read through the one normalisation (`src/schema/normalize.ts`, which the
 * TypeScript types and validators read too), so both targets agree on what it means: the
 * dialect's `$ref` siblings, `nullable`, implied types, tuples. The shape is the coarse
 * part of it a target without full JSON Schema fidelity renders; each part has one small
 * converter (the tables `BY_TYPE` and `shapeOfNormal`'s order). `$ref`s become `ref`
 * shapes to named shapes, looked up where the `RefResolver` allows (inside the document, or
 * files beside the spec when opted in); what cannot be typed honestly (a `$ref` not
 * followed, a budget overrun) is `any`, never a guess.
 */
import type { RefResolver } from '../load/external-refs.js';
import type { LoadedDocument } from '../load/read-document.js';
import type { Scalar, Value } from '../load/value.js';
import { dialectOf, impliedTypes, normalize, type JsonType, type NormalSchema } from '../schema/normalize.js';
import type { PropertyShape, TypeShape } from './tool-model.js';

/** Where a schema is read: its document and, for `$ref`s, the resolver (none: refs are `any`). */
export interface ShapeContext {
  document: LoadedDocument | undefined;
  refs?: RefResolver;
  /** Schema nodes left to convert in this module; past it, schemas are `any`. */
  budget: { remaining: number };
}

const ANY: TypeShape = { kind: 'any' };
const NULL: TypeShape = { kind: 'null' };

/**
 * `shape` with the bounds of `part` that are set, in `keys`' order (`shape` itself is fresh:
 * it is completed in place). The bound keys are the part's own (`maxLength`, `minItems`, …):
 * no object is made per schema to carry them.
 */
function withBounds<T extends TypeShape, P extends object>(shape: T, part: P | undefined, keys: ReadonlyArray<keyof P>): T {
  if (part === undefined) return shape;
  for (const key of keys) {
    const bound = part[key];
    if (bound !== undefined) (shape as Record<PropertyKey, unknown>)[key] = bound;
  }
  return shape;
}

const STRING_BOUNDS = ['maxLength', 'minLength'] as const;
const NUMBER_BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const;
const ARRAY_BOUNDS = ['minItems', 'maxItems'] as const;

function oneOrUnion(members: TypeShape[]): TypeShape {
  return members.length === 0 ? ANY : members.length === 1 ? members[0]! : { kind: 'union', members };
}

function refShape(ref: string, ctx: ShapeContext): TypeShape {
  if (ctx.refs === undefined || ctx.document === undefined) return ANY;
  const target = ctx.refs.resolve(ctx.document, ref);
  return target.kind === 'schema' && target.value !== undefined ? { kind: 'ref', key: target.key } : ANY;
}

/** An enum (or const) of JSON scalars: those values, each once; one with objects or arrays cannot be a literal. */
function enumShape(values: readonly Value[]): TypeShape {
  for (const v of values) if (v instanceof Map || Array.isArray(v)) return ANY;
  return { kind: 'literal', values: distinct(values as readonly Scalar[]) };
}

/** Each value once, at its first place (as a `Set` keeps them: SameValueZero); most enums are short, and a scan beats a set there. */
function distinct(values: readonly Scalar[]): Scalar[] {
  if (values.length > 16) return [...new Set(values)];
  const out: Scalar[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

function objectShape(n: NormalSchema, ctx: ShapeContext): TypeShape {
  const part = n.object;
  const properties: PropertyShape[] = (part?.properties ?? []).map(({ key, child, required }) => {
    const description = child.schema instanceof Map ? child.schema.get('description') : undefined;
    const property: PropertyShape = { name: key, type: schemaShape(child.schema, ctx), required };
    if (typeof description === 'string') property.description = description;
    return property;
  });
  const shape: TypeShape = { kind: 'object', properties };
  const additional = part?.additional ?? { kind: 'any', explicit: false };
  if (additional.kind === 'schema') shape.additional = schemaShape(additional.child.schema, ctx);
  else if (additional.kind === 'any' && (additional.explicit || properties.length === 0)) shape.additional = ANY;
  return shape;
}

function arrayShape(n: NormalSchema, ctx: ShapeContext): TypeShape {
  const part = n.array;
  // A tuple's positions differ in type: its items are typed as any value.
  const rest = part?.rest ?? { kind: 'any' };
  const items = part !== undefined && part.prefix.length > 0 ? ANY : rest.kind === 'schema' ? schemaShape(rest.child.schema, ctx) : rest.kind === 'none' ? ({ kind: 'never' } as const) : ANY;
  return withBounds({ kind: 'array', items }, part, ARRAY_BOUNDS);
}

/** One JSON type of a schema, with the keywords of that type. */
const BY_TYPE: Record<JsonType, (n: NormalSchema, ctx: ShapeContext) => TypeShape> = {
  string: (n) => withBounds({ kind: 'string' }, n.string, STRING_BOUNDS),
  // A number's bounds, exclusive ones apart (normalize reads both spellings of those).
  number: (n) => withBounds({ kind: 'number', integer: false }, n.number, NUMBER_BOUNDS),
  integer: (n) => withBounds({ kind: 'number', integer: true }, n.number, NUMBER_BOUNDS),
  boolean: () => ({ kind: 'boolean' }),
  null: () => NULL,
  array: arrayShape,
  object: objectShape,
};

/**
 * The shape of a normalised schema. Its parts are read in this order, the first present
 * one giving the shape: `$ref` (siblings are not typed), `enum`/`const`, `allOf`,
 * `oneOf`/`anyOf`, then the (declared or implied) types. Where `nullable: true` is
 * written, null is admitted beside any of them (leniently: real APIs send null for
 * nullable enums and `$ref`s).
 */
function shapeOfNormal(n: NormalSchema, ctx: ShapeContext): TypeShape {
  if (n.never) return { kind: 'never' };
  const shape = n.ref !== undefined ? refShape(n.ref, ctx) : partsShape(n, ctx);
  return n.nullable && shape.kind !== 'any' && shape.kind !== 'null' ? { kind: 'union', members: [shape, NULL] } : shape;
}

/** The shape of the declared or implied types, but the null `nullable` added (it is admitted once, by `shapeOfNormal`). */
function typesShape(n: NormalSchema, ctx: ShapeContext): TypeShape {
  const types = n.types ?? impliedTypes(n);
  if (types === undefined) return ANY;
  const withoutNull = n.nullable && types.size > 1;
  const members: TypeShape[] = [];
  for (const t of types) if (!(withoutNull && t === 'null')) members.push(BY_TYPE[t](n, ctx));
  return oneOrUnion(members);
}

function partsShape(n: NormalSchema, ctx: ShapeContext): TypeShape {
  let shape: TypeShape;
  if (n.enum !== undefined) shape = enumShape(n.enum);
  else if (n.allOf.length > 0) {
    const members = n.allOf.map((c) => schemaShape(c.schema, ctx));
    shape = members.length === 1 ? members[0]! : { kind: 'allOf', members };
  } else if (n.oneOf.length > 0 || n.anyOf.length > 0) shape = oneOrUnion((n.oneOf.length > 0 ? n.oneOf : n.anyOf).map((c) => schemaShape(c.schema, ctx)));
  else shape = typesShape(n, ctx);
  return shape;
}

/** The shape of a schema, read in its document's dialect. */
export function schemaShape(schema: Value | undefined, ctx: ShapeContext): TypeShape {
  if (ctx.budget.remaining-- <= 0) return ANY;
  return shapeOfNormal(normalize(schema, dialectOf(ctx.document?.value)), ctx);
}
