/**
 * Values to judge a schema on: samples that try to satisfy it (one per union branch, type
 * and enum member) and mutations of them (a required key dropped, a property nulled or of
 * the wrong type, an extra key, boundary values, a broken pattern or format, a duplicated
 * array item, …). Whether a value is allowed is never decided here: ajv judges every value.
 * Everything is deterministic (document order, no randomness).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = boolean | { [key: string]: unknown };

/** Resolves `#/...` pointers inside one root document. */
export type Resolve = (ref: string) => Schema | undefined;

export function pointerResolver(root: unknown): Resolve {
  return (ref) => {
    if (!ref.startsWith('#')) return undefined;
    let node: unknown = root;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
      node = (node as Record<string, unknown>)[key];
    }
    return typeof node === 'boolean' || (typeof node === 'object' && node !== null && !Array.isArray(node)) ? (node as Schema) : undefined;
  };
}

const FORMAT_SAMPLES: Record<string, string[]> = {
  'date-time': ['2024-02-29T12:30:00Z', '2024-02-30T12:30:00Z', '2024-01-01 12:30:00', '2024-01-01T25:00:00+01:00'],
  date: ['2024-02-29', '2023-02-29', '2024-13-01', '2024/01/01'],
  email: ['ada@example.com', 'ada@', 'not an email'],
  uuid: ['123e4567-e89b-12d3-a456-426614174000', '123e4567e89b12d3a456426614174000', 'g23e4567-e89b-12d3-a456-426614174000'],
  uri: ['https://example.com/a?b=c#d', 'urn:isbn:0451450523', 'example.com/path', 'http://exa mple.com'],
  ipv4: ['192.168.0.1', '256.1.1.1', '01.2.3.4'],
  ipv6: ['::1', '2001:db8::8a2e:370:7334', '2001:db8:::1', '1:2:3:4:5:6:7:8:9'],
};

const STRING_CANDIDATES = ['abc', 'a', 'A1', 'x-1', 'abc123', 'ABC', '1', '12', 'a1b2', 'Ab_1', 'hello world', 'a@b.c', '2024-01-01', 'v1.2.3', 'aaaa-bbbb'];

type Obj = { [key: string]: unknown };

function isObj(s: unknown): s is Obj {
  return typeof s === 'object' && s !== null && !Array.isArray(s);
}

function list(s: Obj, key: string): Schema[] {
  const v = s[key];
  return Array.isArray(v) ? (v as Schema[]) : [];
}

function typesOf(s: Obj): string[] {
  const t = s.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  if ('properties' in s || 'additionalProperties' in s || 'required' in s || 'patternProperties' in s) return ['object'];
  if ('items' in s || 'prefixItems' in s) return ['array'];
  if ('minLength' in s || 'maxLength' in s || 'pattern' in s || 'format' in s) return ['string'];
  if ('minimum' in s || 'maximum' in s || 'multipleOf' in s) return ['number'];
  return [];
}

interface SampleContext {
  resolve: Resolve;
  /** Refs on the current path (to stop recursion). */
  active: string[];
  depth: number;
}

const MAX_DEPTH = 6;

/** Several values that try to satisfy `schema`: the first of each branch, type and enum member. */
export function samples(schema: Schema, resolve: Resolve): Json[] {
  const out: Json[] = [];
  const ctx: SampleContext = { resolve, active: [], depth: 0 };
  for (let variant = 0; variant < 4; variant++) {
    const v = sample(schema, ctx, variant);
    if (v !== undefined) out.push(v);
  }
  const full = sample(schema, ctx, 0, true);
  if (full !== undefined) out.push(full);
  return out;
}

/** One value; `variant` picks among union branches, types and enum members; `all` fills optional properties. */
function sample(schema: Schema, ctx: SampleContext, variant: number, all = false): Json | undefined {
  if (schema === true || schema === undefined) return variant % 2 === 0 ? 'any' : 1;
  if (schema === false || !isObj(schema)) return undefined;
  if (ctx.depth > MAX_DEPTH) return undefined;
  const inner: SampleContext = { ...ctx, depth: ctx.depth + 1 };
  if (typeof schema.$ref === 'string') {
    if (ctx.active.filter((r) => r === schema.$ref).length >= 2) return undefined;
    const target = ctx.resolve(schema.$ref);
    if (target === undefined) return undefined;
    const rest = { ...schema };
    delete rest.$ref;
    const fromRef = sample(target, { ...inner, active: [...ctx.active, schema.$ref] }, variant, all);
    return Object.keys(rest).some((k) => !['description', 'title', 'nullable', 'example', 'default'].includes(k)) ? merge(fromRef, sample(rest, inner, variant, all)) : fromRef;
  }
  if ('const' in schema) return schema.const as Json;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[variant % schema.enum.length] as Json;
  let value: Json | undefined = baseSample(schema, inner, variant, all);
  for (const part of list(schema, 'allOf')) value = merge(value, sample(part, inner, variant, all));
  for (const key of ['oneOf', 'anyOf']) {
    const branches = list(schema, key);
    if (branches.length > 0) value = merge(value, sample(branches[variant % branches.length]!, inner, variant, all));
  }
  return value;
}

function merge(a: Json | undefined, b: Json | undefined): Json | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (isObj(a) && isObj(b)) return { ...(a as Obj), ...(b as Obj) } as Json;
  return b;
}

function baseSample(s: Obj, ctx: SampleContext, variant: number, all: boolean): Json | undefined {
  const types = typesOf(s);
  if (types.length === 0) return list(s, 'allOf').length + list(s, 'oneOf').length + list(s, 'anyOf').length > 0 ? undefined : variant % 2 === 0 ? 'x' : 2;
  const type = types[variant % types.length]!;
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return variant % 2 === 0;
    case 'integer':
    case 'number':
      return numberSample(s, type === 'integer');
    case 'string':
      return stringSample(s);
    case 'array':
      return arraySample(s, ctx, variant, all);
    case 'object':
      return objectSample(s, ctx, variant, all);
    default:
      return undefined;
  }
}

function num(s: Obj, key: string): number | undefined {
  return typeof s[key] === 'number' ? (s[key] as number) : undefined;
}

function numberSample(s: Obj, integer: boolean): number {
  const lo = num(s, 'minimum') ?? num(s, 'exclusiveMinimum');
  const hi = num(s, 'maximum') ?? num(s, 'exclusiveMaximum');
  const step = num(s, 'multipleOf');
  let v = lo !== undefined ? lo + 1 : hi !== undefined ? hi - 1 : 3;
  if (hi !== undefined && v > hi) v = hi;
  if (step !== undefined && step > 0) v = Math.ceil(v / step) * step;
  return integer ? Math.ceil(v) : v;
}

function stringSample(s: Obj): string {
  const format = typeof s.format === 'string' ? FORMAT_SAMPLES[s.format]?.[0] : undefined;
  if (format !== undefined) return format;
  const min = num(s, 'minLength') ?? 0;
  const max = num(s, 'maxLength') ?? Infinity;
  if (typeof s.pattern === 'string') {
    let re: RegExp | undefined;
    try {
      re = new RegExp(s.pattern, 'u');
    } catch {
      re = undefined;
    }
    const hit = STRING_CANDIDATES.find((c) => re?.test(c) && c.length >= min && c.length <= max);
    if (hit !== undefined) return hit;
  }
  let text = 'abc';
  if (text.length < min) text = text.padEnd(min, 'x');
  if (text.length > max) text = text.slice(0, max);
  return text;
}

function arraySample(s: Obj, ctx: SampleContext, variant: number, all: boolean): Json[] | undefined {
  const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : Array.isArray(s.items) ? (s.items as Schema[]) : [];
  const rest = Array.isArray(s.items) ? (s.additionalItems as Schema | undefined) : (s.items as Schema | undefined);
  const out: Json[] = [];
  for (const p of prefix) {
    const v = sample(p, ctx, variant, all);
    if (v === undefined) return out;
    out.push(v);
  }
  const min = Math.max(num(s, 'minItems') ?? 0, prefix.length === 0 ? 1 : 0);
  const count = Math.min(Math.max(min - out.length, 0), 4);
  for (let i = 0; i < count && rest !== false; i++) {
    const v = sample(rest ?? true, ctx, variant + i, all);
    if (v === undefined) break;
    out.push(s.uniqueItems === true && typeof v === 'number' ? v + i : s.uniqueItems === true && typeof v === 'string' ? v + (i || '') : v);
  }
  return out;
}

function objectSample(s: Obj, ctx: SampleContext, variant: number, all: boolean): Json {
  const out: { [key: string]: Json } = {};
  const required = new Set((Array.isArray(s.required) ? s.required : []).filter((k): k is string => typeof k === "string"));
  const properties = isObj(s.properties) ? s.properties : {};
  for (const [key, prop] of Object.entries(properties)) {
    if (!required.has(key) && !all && variant % 2 === 1) continue;
    const v = sample(prop as Schema, ctx, variant, all);
    if (v !== undefined) out[key] = v;
  }
  for (const key of required) if (!(key in out)) out[key] = 'x';
  return out;
}

// ---------------------------------------------------------------------------------------

/** One step of a mutation: where it applies in a value and what it does. */
type Path = Array<string | number>;

function at(value: Json, path: Path): Json | undefined {
  let node: Json | undefined = value;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[k];
  }
  return node;
}

function replaced(value: Json, path: Path, by: (node: Json) => Json | undefined): Json | undefined {
  if (path.length === 0) return by(value);
  if (value === null || typeof value !== 'object') return undefined;
  const [head, ...rest] = path;
  const child = (value as Record<string | number, Json>)[head!];
  if (child === undefined) return undefined;
  const next = replaced(child, rest, by);
  if (Array.isArray(value)) {
    const copy = [...value];
    if (next === undefined) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy;
  }
  const copy: { [key: string]: Json } = {};
  for (const [k, v] of Object.entries(value)) {
    if (k !== head) copy[k] = v;
    else if (next !== undefined) copy[k] = next;
  }
  return copy;
}

/** Nodes of a value, depth-first, with their paths (bounded). */
function nodes(value: Json, path: Path = [], out: Array<[Path, Json]> = []): Array<[Path, Json]> {
  if (out.length > 60 || path.length > 6) return out;
  out.push([path, value]);
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out);
  return out;
}

function wrongType(node: Json): Json[] {
  if (typeof node === 'string') return [1, ['x'], {}];
  if (typeof node === 'number') return [String(node), node + 0.5, true];
  if (typeof node === 'boolean') return ['true', 0];
  if (Array.isArray(node)) return [{}, 'x'];
  if (node === null) return ['null', 0];
  return [[], 'x', 1];
}

function boundaries(node: Json): Json[] {
  if (typeof node === 'number') return [node - 1, node + 1, node * 10 + 0.5, -node, 0, 1e6, -1e6];
  if (typeof node === 'string') {
    const format = Object.values(FORMAT_SAMPLES).find((samples) => samples[0] === node) ?? [];
    return ['', node.repeat(40), `${node}!`, ` ${node}`, 'x', ...format.slice(1)];
  }
  if (Array.isArray(node)) return [[], node.length > 0 ? [...node, node[0]!] : [1], node.slice(1), [...node, ...node, ...node, ...node]];
  return [];
}

/** Mutations of one sample: at every node, values that a schema is likely to forbid. */
export function mutations(value: Json, extraKeys: readonly string[] = []): Json[] {
  const out: Json[] = [];
  for (const [path, node] of nodes(value)) {
    const put = (v: Json | undefined) => {
      const m = replaced(value, path, () => v);
      if (m !== undefined) out.push(m);
    };
    put(null);
    for (const v of wrongType(node)) put(v);
    for (const v of boundaries(node)) put(v);
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      for (const key of Object.keys(node)) {
        const dropped = replaced(value, [...path, key], () => undefined);
        if (dropped !== undefined) out.push(dropped);
      }
      put({ ...node, extra: 1 });
      put({ ...node, extra: 'x' });
      for (const key of extraKeys) put({ ...node, [key]: 'x' }), put({ ...node, [key]: 1 });
      put({});
    }
  }
  return out;
}

/** The keys a schema's `patternProperties` would match (to try them as extra keys). */
export function patternKeys(schema: unknown, seen = new Set<unknown>()): string[] {
  if (!isObj(schema) || seen.has(schema)) return [];
  seen.add(schema);
  const keys: string[] = [];
  if (isObj(schema.patternProperties)) {
    for (const pattern of Object.keys(schema.patternProperties)) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(pattern, 'u');
      } catch {
        continue;
      }
      const hit = ['x-a', 'X-Custom', 'a1', 'S_1', 'data_1', 'abc', 'foo', 'Abc', '1', '_a'].find((c) => re.test(c));
      if (hit !== undefined) keys.push(hit);
    }
  }
  for (const v of Object.values(schema)) {
    if (Array.isArray(v)) for (const x of v) keys.push(...patternKeys(x, seen));
    else keys.push(...patternKeys(v, seen));
  }
  return [...new Set(keys)];
}

/** Samples and their mutations, deduplicated, at most `limit`, spread evenly over the list. */
export function valuesFor(schema: Schema, resolve: Resolve, extra: readonly Json[] = [], limit = 80): Json[] {
  const found = samples(schema, resolve);
  const keys = patternKeys(schema);
  const all = [...extra, ...found, ...found.flatMap((s) => mutations(s, keys))];
  const seen = new Set<string>();
  const unique = all.filter((v) => {
    const key = JSON.stringify(v);
    if (key === undefined || key.includes('"__proto__"') || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length <= limit) return unique;
  const head = unique.slice(0, extra.length + found.length);
  const tail = unique.slice(head.length);
  const step = tail.length / (limit - head.length);
  return [...head, ...Array.from({ length: Math.max(limit - head.length, 0) }, (_, i) => tail[Math.floor(i * step)]!)];
}

export { at };
