/**
 * JSON Schema (OpenAPI 3.0/3.1 schema objects) → TypeScript types and zod validators.
 *
 * A schema is first classified into one kind; each kind has one small emitter for the type
 * and one for the zod expression. `$ref`s to schemas inside the document become named
 * types (settled beforehand in the plan); anything that cannot be typed honestly (a `$ref`
 * outside the document, a cycle through YAML aliases, a budget overrun) is `unknown`, with a
 * warning, never a guess.
 */
import { warning, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { quoted } from '../../diagnostics/printable.js';
import type { LoadedDocument } from '../../load/read-document.js';
import type { Key, Mapping, PointerPath, Value } from '../../load/value.js';
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

/** The named schemas of a module: document pointer (as text) → identifier. */
export type SchemaNames = ReadonlyMap<string, string>;

export interface SchemaEmitContext {
  document: LoadedDocument;
  names: SchemaNames;
  diagnostics: Diagnostic[];
  /** Schema nodes left to emit in this module; past it, schemas become `unknown`. */
  budget: { remaining: number; warned: boolean };
  /** Named pointers on a cycle of pure aliases: typed as unknown. */
  cyclic?: ReadonlySet<string>;
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

/** `#/components/schemas/Pet` → the pointer text used as key in `SchemaNames`. */
export function refTarget(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  return ref.slice(1);
}

/** Follows an internal `$ref` with RFC 6901 rules (`~1`, `~0`, percent-decoding). */
export function resolvePointer(root: Value, pointer: string): Value | undefined {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: Value | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if (node instanceof Map) {
      node = node.has(segment) ? node.get(segment) : /^-?\d+$/.test(segment) && node.has(Number(segment)) ? node.get(Number(segment)) : undefined;
    } else if (Array.isArray(node) && /^\d+$/.test(segment)) {
      node = node[Number(segment)];
    } else {
      return undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** Every internal `$ref` target reachable from the given schemas, in first-seen order. */
export function collectRefs(document: LoadedDocument, schemas: Iterable<Value | undefined>, maxNodes: number): string[] {
  const found = new Map<string, Value>();
  const stack: Value[] = [...schemas].filter((s): s is Value => s !== undefined).reverse();
  const seen = new Set<object>();
  let visited = 0;
  while (stack.length > 0 && visited++ < maxNodes) {
    const node = stack.pop()!;
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (node instanceof Map) {
      const ref = node.get('$ref');
      if (typeof ref === 'string') {
        const pointer = refTarget(ref);
        if (pointer !== undefined && !found.has(pointer)) {
          const target = resolvePointer(document.value, pointer);
          if (target !== undefined) {
            found.set(pointer, target);
            stack.push(target);
          }
        }
      }
      const children = [...node.values()];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push(node[i]!);
    }
  }
  return [...found.keys()];
}

/**
 * The cycle of pure aliases a pointer starts, if any: `A: {$ref: B}`, `B: {$ref: A}` never
 * reaches a schema (a TypeScript alias cycle, and a validator that recurses forever).
 * Returns the pointers of the cycle, in order, or undefined.
 */
export function aliasCycle(root: Value, pointer: string): string[] | undefined {
  const chain: string[] = [];
  let current: string | undefined = pointer;
  while (current !== undefined) {
    const seen = chain.indexOf(current);
    if (seen >= 0) return chain.slice(seen);
    chain.push(current);
    const schema = resolvePointer(root, current);
    if (!(schema instanceof Map) || classify(schema) !== 'ref') return undefined;
    current = refTarget(schema.get('$ref') as string);
  }
  return undefined;
}

/** The identifier a named schema would like: the last pointer segment. */
export function schemaBaseName(pointer: string): string {
  const last = pointer.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return last;
  }
}

// ---------------------------------------------------------------------------------------

interface Walk {
  ctx: SchemaEmitContext;
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
        location: walk.ctx.document.locate(walk.at),
        hint: 'narrow the manifest `tools` list to the operations the plugin calls',
      }),
    );
  }
  return false;
}

function refWarning(walk: Walk, ref: string, external: boolean): void {
  walk.ctx.diagnostics.push(
    warning(external ? 'external-ref' : 'unresolved-ref', `${external ? 'the $ref' : 'cannot resolve the $ref'} ${quoted(ref)}${external ? ' points outside this document' : ''}; it is typed as unknown`, {
      location: walk.ctx.document.locate([...walk.at, '$ref']),
      hint: external ? 'inline the referenced schema into the spec (Dify does not read other files either)' : 'point the $ref at a schema inside this document',
    }),
  );
}

/** Converts a literal enum/const value to a literal type, or undefined when it has none. */
function literalType(value: Value | undefined): TypeNode | undefined {
  if (value === null) return { kind: 'keyword', name: 'null' };
  if (typeof value === 'string' || typeof value === 'boolean') return { kind: 'literal', value };
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'literal', value };
  return undefined;
}

function literalExpression(value: Value | undefined): Expression | undefined {
  if (value === null) return call('v.null');
  if (typeof value === 'string') return call('v.literal', { kind: 'string', value });
  if (typeof value === 'boolean') return call('v.literal', { kind: 'boolean', value });
  if (typeof value === 'number' && Number.isFinite(value)) return call('v.literal', { kind: 'number', value });
  return undefined;
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
  const pointer = refTarget(ref);
  const name = pointer === undefined ? undefined : walk.ctx.names.get(pointer);
  if (name === undefined) refWarning(walk, ref, pointer === undefined);
  else if (walk.ctx.cyclic?.has(pointer!)) return undefined;
  return name;
}

/** Warns once per cycle of pure aliases, naming every step. */
export function cycleWarning(ctx: SchemaEmitContext, cycle: readonly string[]): Diagnostic {
  const steps = [...cycle, cycle[0]!].map((p) => `#${p}`).join(' → ');
  return warning('ref-cycle', `the $ref cycle ${quoted(steps, 300)} never reaches a schema; it is typed as unknown`, {
    location: ctx.document.locate(cycle[0]!.split('/').slice(1)),
    hint: 'make one of these schemas a real schema instead of a $ref',
  });
}

function objectMembers(schema: Mapping, walk: Walk): Array<{ key: string; optional: boolean; schema: Value; walk: Walk; doc: string[] }> {
  const properties = get(schema, 'properties');
  if (!(properties instanceof Map)) return [];
  const required = new Set(listOf(schema, 'required').filter((k): k is string => typeof k === 'string'));
  return [...properties].map(([key, value]) => ({
    key: String(key),
    optional: !required.has(String(key)),
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

/** Starts a walk at a pointer of the document. */
export function startWalk(ctx: SchemaEmitContext, at: PointerPath): Walk {
  return { ctx, active: new Set(), at };
}
