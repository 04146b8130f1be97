/**
 * JSON Schema (OpenAPI 3.0/3.1 schema objects, a tool YAML's `output_schema`) → `TypeShape`.
 * A schema is classified into one kind and each kind has one small converter (the table
 * `CONVERTERS`). `$ref`s become `ref` shapes to named shapes, looked up where the
 * `RefResolver` allows (inside the document, or files beside the spec when opted in); what
 * cannot be typed honestly (a `$ref` not followed, a budget overrun) is `any`, never a guess.
 */
import type { RefResolver } from '../load/external-refs.js';
import type { LoadedDocument } from '../load/read-document.js';
import type { Mapping, Scalar, Value } from '../load/value.js';
import type { PropertyShape, TypeShape } from './tool-model.js';

/** Where a schema is read: its document and, for `$ref`s, the resolver (none: refs are `any`). */
export interface ShapeContext {
  document: LoadedDocument | undefined;
  refs?: RefResolver;
  /** Schema nodes left to convert in this module; past it, schemas are `any`. */
  budget: { remaining: number };
}

const ANY: TypeShape = { kind: 'any' };

type Converter = (schema: Mapping, ctx: ShapeContext) => TypeShape;

function list(schema: Mapping, key: string): Value[] | undefined {
  const value = schema.get(key);
  return Array.isArray(value) && value.length > 0 ? value : undefined;
}

function finite(value: Value | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function withBounds<T extends TypeShape>(shape: T, bounds: Record<string, number | undefined>): T {
  const out: Record<string, unknown> = { ...shape };
  for (const [key, value] of Object.entries(bounds)) if (value !== undefined) out[key] = value;
  return out as T;
}

function scalars(values: readonly Value[]): Scalar[] | undefined {
  return values.every((v) => v === null || typeof v !== 'object') ? [...new Set(values as Scalar[])] : undefined;
}

const CONVERTERS: Record<string, Converter> = {
  ref(schema, ctx) {
    if (ctx.refs === undefined || ctx.document === undefined) return ANY;
    const target = ctx.refs.resolve(ctx.document, schema.get('$ref') as string);
    return target.kind === 'schema' && target.value !== undefined ? { kind: 'ref', key: target.key } : ANY;
  },
  const(schema) {
    const values = scalars([schema.get('const')!]);
    return values ? { kind: 'literal', values } : ANY;
  },
  enum(schema) {
    const values = scalars(list(schema, 'enum')!);
    return values ? { kind: 'literal', values } : ANY;
  },
  allOf(schema, ctx) {
    const members = list(schema, 'allOf')!.map((s) => schemaShape(s, ctx));
    return members.length === 1 ? members[0]! : { kind: 'allOf', members };
  },
  union(schema, ctx) {
    const members = (list(schema, 'oneOf') ?? list(schema, 'anyOf')!).map((s) => schemaShape(s, ctx));
    return members.length === 1 ? members[0]! : { kind: 'union', members };
  },
  multiType(schema, ctx) {
    const types = (schema.get('type') as Value[]).filter((t): t is string => typeof t === 'string');
    const members = [...new Set(types)].map((type) => schemaShape(new Map([...schema, ['type', type]]), ctx));
    return members.length === 0 ? ANY : members.length === 1 ? members[0]! : { kind: 'union', members };
  },
  string: (schema) => withBounds({ kind: 'string' }, { maxLength: finite(schema.get('maxLength')), minLength: finite(schema.get('minLength')) }),
  number: (schema) => withBounds({ kind: 'number', integer: schema.get('type') === 'integer' }, { minimum: finite(schema.get('minimum')), maximum: finite(schema.get('maximum')) }),
  boolean: () => ({ kind: 'boolean' }),
  null: () => ({ kind: 'null' }),
  array: (schema, ctx) => withBounds({ kind: 'array', items: schemaShape(schema.get('items'), ctx) }, { maxItems: finite(schema.get('maxItems')) }),
  object(schema, ctx) {
    const properties = schema.get('properties');
    const required = new Set((Array.isArray(schema.get('required')) ? (schema.get('required') as Value[]) : []).filter((r) => typeof r === 'string'));
    const props: PropertyShape[] = [];
    if (properties instanceof Map) {
      for (const [name, value] of properties) {
        if (typeof name !== 'string') continue;
        const description = value instanceof Map && typeof value.get('description') === 'string' ? (value.get('description') as string) : undefined;
        props.push({ name, type: schemaShape(value, ctx), required: required.has(name), ...(description !== undefined ? { description } : {}) });
      }
    }
    const extra = schema.get('additionalProperties');
    const shape: TypeShape = { kind: 'object', properties: props };
    if (extra instanceof Map) shape.additional = schemaShape(extra, ctx);
    else if (extra === true || (extra === undefined && props.length === 0)) shape.additional = ANY;
    return shape;
  },
};

/** The kind of a schema: which converter handles it. */
export function schemaKind(schema: Value | undefined): string {
  if (schema === false) return 'never';
  if (!(schema instanceof Map)) return 'any';
  if (typeof schema.get('$ref') === 'string') return 'ref';
  if (schema.has('const')) return 'const';
  if (list(schema, 'enum')) return 'enum';
  if (list(schema, 'allOf')) return 'allOf';
  if (list(schema, 'oneOf') || list(schema, 'anyOf')) return 'union';
  const type = schema.get('type');
  if (Array.isArray(type)) return 'multiType';
  if (type === 'integer' || type === 'number') return 'number';
  if (typeof type === 'string' && type in CONVERTERS) return type;
  if (schema.has('properties') || schema.has('additionalProperties')) return 'object';
  if (schema.has('items')) return 'array';
  return 'any';
}

/** The shape of a schema; OpenAPI 3.0's `nullable: true` adds `null`. */
export function schemaShape(schema: Value | undefined, ctx: ShapeContext): TypeShape {
  if (ctx.budget.remaining-- <= 0) return ANY;
  const kind = schemaKind(schema);
  if (kind === 'never') return { kind: 'never' };
  const converter = CONVERTERS[kind];
  if (converter === undefined) return ANY;
  const shape = converter(schema as Mapping, ctx);
  const nullable = (schema as Mapping).get('nullable') === true && shape.kind !== 'any' && shape.kind !== 'null';
  return nullable ? { kind: 'union', members: [shape, { kind: 'null' }] } : shape;
}
