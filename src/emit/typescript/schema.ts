/**
 * JSON Schema (OpenAPI 3.0/3.1 schema objects) → TypeScript types and zod validators.
 *
 * A schema is first classified into one kind; each kind has one small emitter for the type
 * and one for the zod expression. `$ref`s become named types (settled beforehand in the
 * plan): to schemas inside the document, and, when the provider opts in, to schemas in files
 * beside the spec (`RefResolver` decides what may be read). Anything that cannot be typed
 * honestly (a `$ref` not followed, a cycle of aliases, a budget overrun) is `unknown`, with a
 * warning, never a guess.
 */
import { warning, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { quoted } from '../../diagnostics/printable.js';
import { pointerSegments, RefResolver, resolvePointer, type RefResolution, type SchemaRef } from '../../load/external-refs.js';
import type { LoadedDocument } from '../../load/read-document.js';
import { jsonScalar, scalarText, type Key, type Mapping, type PointerPath, type Value } from '../../load/value.js';
import type { Expression, PropertySignature, TypeNode, ObjectProperty } from './ast.js';
import { commentLines } from '../escape.js';

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

export { resolvePointer };

/** The named schemas of a module: `SchemaRef.key` (the pointer, for the spec itself) → identifier. */
export type SchemaNames = ReadonlyMap<string, string>;

export interface SchemaEmitContext {
  document: LoadedDocument;
  names: SchemaNames;
  diagnostics: Diagnostic[];
  /** Schema nodes left to emit in this module; past it, schemas become `unknown`. */
  budget: { remaining: number; warned: boolean };
  /** Keys of named schemas on a cycle of pure aliases: typed as unknown. */
  cyclic?: ReadonlySet<string>;
  /** Where `$ref`s lead; default: inside `document` only. */
  refs?: RefResolver;
  /** Locations already warned about a `$ref` (the type and the validator walk the same schemas). */
  warnedRefs?: Set<string>;
}

const UNKNOWN: TypeNode = { kind: 'keyword', name: 'unknown' };

function get(schema: Mapping, key: string): Value | undefined {
  return schema.get(key);
}

/** Decides which emitter handles a schema. */
export function classify(schema: Value | undefined): SchemaKind {
  if (schema === false) return 'never';
  if (!(schema instanceof Map)) return 'any';
  if (typeof get(schema, '$ref') === 'string') return 'ref';
  if (schema.has('const')) return 'const';
  if (Array.isArray(get(schema, 'enum')) && (get(schema, 'enum') as Value[]).length > 0) return 'enum';
  if (Array.isArray(get(schema, 'allOf')) && (get(schema, 'allOf') as Value[]).length > 0) return 'allOf';
  for (const key of ['oneOf', 'anyOf']) {
    if (Array.isArray(get(schema, key)) && (get(schema, key) as Value[]).length > 0) return 'union';
  }
  const type = get(schema, 'type');
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

/**
 * Every `$ref` target reachable from the given schemas of the spec, in first-seen order,
 * following refs into other files when the resolver may read them. Iterative, and each
 * target once: a cycle of refs, across files or not, ends.
 */
export function collectRefs(refs: RefResolver, schemas: Iterable<Value | undefined>, maxNodes: number): SchemaRef[] {
  const found = new Map<string, SchemaRef>();
  const stack: Array<[LoadedDocument, Value]> = [...schemas]
    .filter((s): s is Value => s !== undefined)
    .reverse()
    .map((s) => [refs.main, s]);
  const seen = new Set<object>();
  let visited = 0;
  while (stack.length > 0 && visited++ < maxNodes) {
    const [document, node] = stack.pop()!;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (node instanceof Map) {
      const ref = node.get('$ref');
      if (typeof ref === 'string') {
        const target = refs.resolve(document, ref);
        if (target.kind === 'schema' && target.value !== undefined && !found.has(target.key)) {
          found.set(target.key, target);
          stack.push([target.document, target.value]);
        }
      }
      const children = [...node.values()];
      for (let i = children.length - 1; i >= 0; i--) stack.push([document, children[i]!]);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([document, node[i]!]);
    }
  }
  return [...found.values()];
}

/**
 * The cycle of pure aliases a named schema starts, if any: `A: {$ref: B}`, `B: {$ref: A}`
 * never reaches a schema (a TypeScript alias cycle, and a validator that recurses forever),
 * whether A and B are in one file or in two. Returns the schemas of the cycle, in order.
 */
export function aliasCycle(refs: RefResolver, start: SchemaRef): SchemaRef[] | undefined {
  const chain: SchemaRef[] = [];
  let current: SchemaRef | undefined = start;
  while (current !== undefined) {
    const key = current.key;
    const seen = chain.findIndex((r) => r.key === key);
    if (seen >= 0) return chain.slice(seen);
    chain.push(current);
    const schema = current.value;
    if (!(schema instanceof Map) || classify(schema) !== 'ref') return undefined;
    const next = refs.resolve(current.document, schema.get('$ref') as string);
    current = next.kind === 'schema' && next.value !== undefined ? next : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------

interface Walk {
  ctx: SchemaEmitContext;
  refs: RefResolver;
  /** The document being walked (the spec, or a file it refers to): refs resolve from it. */
  document: LoadedDocument;
  /** Mappings on the current path, to stop at cycles made with YAML aliases. */
  active: Set<object>;
  at: PointerPath;
}

function spend(walk: Walk): boolean {
  const { budget } = walk.ctx;
  if (budget.remaining > 0) {
    budget.remaining--;
    return true;
  }
  if (!budget.warned) {
    budget.warned = true;
    walk.ctx.diagnostics.push(
      warning('schema-budget', 'the schemas of this provider are too large to type in full; the rest are typed as unknown', {
        location: walk.document.locate(walk.at),
        hint: 'narrow the manifest `tools` list to the operations the plugin calls',
      }),
    );
  }
  return false;
}

type RefProblem = Exclude<RefResolution, { kind: 'schema' }> | { kind: 'unresolved' };
type RefWarning<P extends RefProblem = RefProblem> = (ref: string, problem: P, walk: Walk) => { code: string; message: string; hint: string };

/** One warning per way a `$ref` can fail to become a named type. */
const REF_WARNINGS: { [K in RefProblem['kind']]: RefWarning<Extract<RefProblem, { kind: K }>> } = {
  unresolved: (ref) => ({
    code: 'unresolved-ref',
    message: `cannot resolve the $ref ${quoted(ref)}; it is typed as unknown`,
    hint: 'point the $ref at a schema inside this document',
  }),
  external: (ref, problem, walk) => ({
    code: 'external-ref',
    message: `the $ref ${quoted(ref)} points outside this document; it is typed as unknown`,
    hint:
      problem.relativeFile && walk.ctx.refs !== undefined
        ? "inline the referenced schema into the spec, or let dify-toolgen read files in the spec's folder for typing: `fileRefs: true` on this provider in the manifest, or --allow-file-refs (Dify itself never reads other files)"
        : 'inline the referenced schema into the spec (Dify does not read other files either)',
  }),
  refused: (ref, problem) => ({
    code: 'external-ref-refused',
    message: `the $ref ${quoted(ref)} is not followed: ${problem.reason}; it is typed as unknown`,
    hint: "refer to a file inside the spec's folder by a relative path (e.g. ./schemas/pet.yaml#/Pet), or inline the schema into the spec",
  }),
  unreadable: (ref, problem) => ({
    code: 'external-ref-unreadable',
    message: `cannot read the file of the $ref ${quoted(ref)}: ${problem.reason}; it is typed as unknown`,
    hint: 'fix the path or the file, or inline the schema into the spec',
  }),
};

function refWarning(walk: Walk, ref: string, problem: RefProblem): void {
  const location = walk.document.locate([...walk.at, '$ref']);
  const once = JSON.stringify([location.file, location.pointer, ref]);
  const warned = (walk.ctx.warnedRefs ??= new Set());
  if (warned.has(once)) return;
  warned.add(once);
  const { code, message, hint } = (REF_WARNINGS[problem.kind] as RefWarning)(ref, problem, walk);
  walk.ctx.diagnostics.push(warning(code, message, { location, hint }));
}

/** Converts a literal enum/const value to a literal type, or undefined when it has none. */
function literalType(raw: Value | undefined): TypeNode | undefined {
  const value = jsonScalar(raw);
  if (value === null) return { kind: 'keyword', name: 'null' };
  // An integer beyond 2^53 or a non-finite float has no exact literal: any number.
  if (inexactNumber(value)) return { kind: 'keyword', name: 'number' };
  if (typeof value === 'string' || typeof value === 'boolean') return { kind: 'literal', value };
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'literal', value };
  return undefined;
}

function literalExpression(raw: Value | undefined): Expression | undefined {
  const value = jsonScalar(raw);
  if (value === null) return call('v.null');
  if (inexactNumber(value)) return call('v.number');
  if (typeof value === 'string') return call('v.literal', { kind: 'string', value });
  if (typeof value === 'boolean') return call('v.literal', { kind: 'boolean', value });
  if (typeof value === 'number' && Number.isFinite(value)) return call('v.literal', { kind: 'number', value });
  return undefined;
}

function inexactNumber(value: unknown): boolean {
  return typeof value === 'bigint' || (typeof value === 'number' && !Number.isFinite(value));
}

export function call(callee: string, ...args: Expression[]): Expression {
  return { kind: 'call', callee, args };
}

function union(members: TypeNode[]): TypeNode {
  const unique: TypeNode[] = [];
  const seen = new Set<string>();
  for (const m of members.flatMap((m) => (m.kind === 'union' ? m.members : [m]))) {
    const key = JSON.stringify(m);
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(m);
    }
  }
  if (unique.some((m) => m.kind === 'keyword' && m.name === 'unknown')) return UNKNOWN;
  return unique.length === 1 ? unique[0]! : { kind: 'union', members: unique };
}

function zodUnion(members: Expression[]): Expression {
  if (members.length === 1) return members[0]!;
  return call('v.union', { kind: 'array', elements: members });
}

function isNullable(schema: Mapping): boolean {
  return get(schema, 'nullable') === true;
}

/** The TypeScript type of a schema. */
export function schemaType(schema: Value | undefined, walk: Walk): TypeNode {
  if (schema instanceof Map) {
    if (walk.active.has(schema) || !spend(walk)) return UNKNOWN;
    walk.active.add(schema);
    try {
      const type = TYPE_EMITTERS[classify(schema)](schema, walk);
      return isNullable(schema) && classify(schema) !== 'ref' ? union([type, { kind: 'keyword', name: 'null' }]) : type;
    } finally {
      walk.active.delete(schema);
    }
  }
  return TYPE_EMITTERS[classify(schema)](new Map(), walk);
}

/** The zod validator of a schema. */
export function schemaZod(schema: Value | undefined, walk: Walk): Expression {
  if (schema instanceof Map) {
    if (walk.active.has(schema) || !spend(walk)) return call('v.unknown');
    walk.active.add(schema);
    try {
      const expr = ZOD_EMITTERS[classify(schema)](schema, walk);
      return isNullable(schema) && classify(schema) !== 'ref' ? call('v.nullable', expr) : expr;
    } finally {
      walk.active.delete(schema);
    }
  }
  return ZOD_EMITTERS[classify(schema)](new Map(), walk);
}

function child(walk: Walk, ...segments: Key[]): Walk {
  return { ...walk, at: [...walk.at, ...segments] };
}

function listOf(schema: Mapping, key: string): Value[] {
  const v = get(schema, key);
  return Array.isArray(v) ? v : [];
}

function namedRef(schema: Mapping, walk: Walk): string | undefined {
  const ref = get(schema, '$ref') as string;
  const target = walk.refs.resolve(walk.document, ref);
  if (target.kind !== 'schema') {
    refWarning(walk, ref, target);
    return undefined;
  }
  const name = target.value === undefined ? undefined : walk.ctx.names.get(target.key);
  if (name === undefined) refWarning(walk, ref, { kind: 'unresolved' });
  return name === undefined || walk.ctx.cyclic?.has(target.key) ? undefined : name;
}

/** Warns once per cycle of pure aliases, naming every step (with its file when not the spec). */
export function cycleWarning(refs: RefResolver, cycle: readonly SchemaRef[]): Diagnostic {
  const steps = [...cycle, cycle[0]!].map((r) => refs.label(r)).join(' → ');
  return warning('ref-cycle', `the $ref cycle ${quoted(steps, 300)} never reaches a schema; it is typed as unknown`, {
    location: cycle[0]!.document.locate(pointerSegments(cycle[0]!.pointer)),
    hint: 'make one of these schemas a real schema instead of a $ref',
  });
}

function objectMembers(schema: Mapping, walk: Walk): Array<{ key: string; optional: boolean; schema: Value; walk: Walk; doc: string[] }> {
  const properties = get(schema, 'properties');
  if (!(properties instanceof Map)) return [];
  const required = new Set(listOf(schema, 'required').filter((k): k is string => typeof k === 'string'));
  return [...properties].map(([key, value]) => ({
    key: scalarText(key),
    optional: !required.has(scalarText(key)),
    schema: value,
    walk: child(walk, 'properties', key),
    doc: value instanceof Map && typeof value.get('description') === 'string' ? commentLines(value.get('description') as string) : [],
  }));
}

function additional(schema: Mapping): Value | undefined {
  const extra = get(schema, 'additionalProperties');
  return extra === undefined || extra === false ? undefined : extra;
}

function arrayItems(schema: Mapping): Value | undefined {
  const items = get(schema, 'items');
  return Array.isArray(items) ? undefined : items;
}

const TYPE_EMITTERS: Record<SchemaKind, (schema: Mapping, walk: Walk) => TypeNode> = {
  any: () => UNKNOWN,
  never: () => ({ kind: 'keyword', name: 'never' }),
  ref: (schema, walk) => {
    const name = namedRef(schema, walk);
    return name === undefined ? UNKNOWN : { kind: 'reference', name };
  },
  const: (schema) => literalType(get(schema, 'const')) ?? UNKNOWN,
  enum: (schema) => {
    const members = listOf(schema, 'enum').map(literalType);
    return members.every((m) => m !== undefined) ? union(members as TypeNode[]) : UNKNOWN;
  },
  allOf: (schema, walk) => {
    const parts = listOf(schema, 'allOf').map((s, i) => schemaType(s, child(walk, 'allOf', i)));
    const own = new Map(schema);
    own.delete('allOf');
    if (own.has('properties')) parts.unshift(TYPE_EMITTERS.object(own, walk));
    const kept = parts.filter((p) => !(p.kind === 'keyword' && p.name === 'unknown'));
    if (kept.length === 0) return UNKNOWN;
    return kept.length === 1 ? kept[0]! : { kind: 'intersection', members: kept };
  },
  union: (schema, walk) => {
    const key = schema.has('oneOf') && listOf(schema, 'oneOf').length > 0 ? 'oneOf' : 'anyOf';
    return union(listOf(schema, key).map((s, i) => schemaType(s, child(walk, key, i))));
  },
  multiType: (schema, walk) =>
    union(
      listOf(schema, 'type').map((t) => {
        const single = new Map(schema);
        single.set('type', t);
        return TYPE_EMITTERS[classify(single)](single, walk);
      }),
    ),
  string: () => ({ kind: 'keyword', name: 'string' }),
  number: () => ({ kind: 'keyword', name: 'number' }),
  boolean: () => ({ kind: 'keyword', name: 'boolean' }),
  null: () => ({ kind: 'keyword', name: 'null' }),
  array: (schema, walk) => ({ kind: 'array', element: schemaType(arrayItems(schema), child(walk, 'items')) }),
  object: (schema, walk) => {
    const members = objectMembers(schema, walk);
    const extra = additional(schema);
    if (members.length === 0) {
      const valueType = extra === undefined || extra === true ? UNKNOWN : schemaType(extra, child(walk, 'additionalProperties'));
      return { kind: 'reference', name: 'Record', args: [{ kind: 'keyword', name: 'string' }, valueType] };
    }
    return {
      kind: 'object',
      members: members.map(
        (m): PropertySignature => ({ key: m.key, optional: m.optional, type: schemaType(m.schema, m.walk), ...(m.doc.length ? { doc: m.doc } : {}) }),
      ),
    };
  },
};

const ZOD_EMITTERS: Record<SchemaKind, (schema: Mapping, walk: Walk) => Expression> = {
  any: () => call('v.unknown'),
  never: () => call('v.never'),
  ref: (schema, walk) => {
    const name = namedRef(schema, walk);
    return name === undefined ? call('v.unknown') : call('v.lazy', { kind: 'arrow', body: { kind: 'identifier', name } });
  },
  const: (schema) => literalExpression(get(schema, 'const')) ?? call('v.unknown'),
  enum: (schema) => {
    const values = listOf(schema, 'enum');
    if (values.every((v) => typeof v === 'string')) {
      const unique = [...new Set(values as string[])];
      return call('v.enum', { kind: 'array', elements: unique.map((value) => ({ kind: 'string', value })) });
    }
    const members = values.map(literalExpression);
    return members.every((m) => m !== undefined) ? zodUnion(dedupe(members as Expression[])) : call('v.unknown');
  },
  allOf: (schema, walk) => {
    const parts = listOf(schema, 'allOf').map((s, i) => schemaZod(s, child(walk, 'allOf', i)));
    const own = new Map(schema);
    own.delete('allOf');
    if (own.has('properties')) parts.unshift(ZOD_EMITTERS.object(own, walk));
    return parts.reduce((left, right) => call('v.intersection', left, right));
  },
  union: (schema, walk) => {
    const key = schema.has('oneOf') && listOf(schema, 'oneOf').length > 0 ? 'oneOf' : 'anyOf';
    return zodUnion(dedupe(listOf(schema, key).map((s, i) => schemaZod(s, child(walk, key, i)))));
  },
  multiType: (schema, walk) =>
    zodUnion(
      dedupe(
        listOf(schema, 'type').map((t) => {
          const single = new Map(schema);
          single.set('type', t);
          return ZOD_EMITTERS[classify(single)](single, walk);
        }),
      ),
    ),
  string: () => call('v.string'),
  number: () => call('v.number'),
  boolean: () => call('v.boolean'),
  null: () => call('v.null'),
  array: (schema, walk) => call('v.array', schemaZod(arrayItems(schema), child(walk, 'items'))),
  object: (schema, walk) => {
    const members = objectMembers(schema, walk);
    const extra = additional(schema);
    if (members.length === 0) {
      const value = extra === undefined || extra === true ? call('v.unknown') : schemaZod(extra, child(walk, 'additionalProperties'));
      return call('v.record', value);
    }
    return call('v.object', {
      kind: 'object',
      properties: members.map((m): ObjectProperty => {
        const value = schemaZod(m.schema, m.walk);
        return { key: m.key, value: m.optional ? call('v.optional', value) : value };
      }),
    });
  },
};

function dedupe(expressions: Expression[]): Expression[] {
  const seen = new Set<string>();
  return expressions.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Starts a walk at a pointer of a document: the context's own, unless another is given. */
export function startWalk(ctx: SchemaEmitContext, at: PointerPath, document: LoadedDocument = ctx.document): Walk {
  return { ctx, refs: ctx.refs ?? new RefResolver(ctx.document), document, active: new Set(), at };
}
