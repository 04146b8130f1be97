/**
 * YAML read the way Dify reads it: PyYAML's `safe_load`, which is YAML 1.1.
 *
 * The `yaml` package parses the text (with positions); this module then builds the values
 * itself with PyYAML's rules, because a YAML 1.2 reading gives other values:
 * - plain scalars are resolved with PyYAML's implicit resolvers (`on`/`off`/`yes`/`no` are
 *   booleans, `0x10` is 16, `010` is 8, `1_000` is 1000, `1:30` is 90, `1e5` is a string);
 * - duplicate keys: the last value wins, at the first key's position;
 * - merge keys (`<<`) are flattened as PyYAML's SafeLoader does;
 * - only the tags SafeLoader knows are accepted (`!!python/object` and local tags refuse);
 * - a duplicate anchor, an undefined alias, more than one document refuse.
 * Alias expansions, nesting depth and node counts are bounded (see `limits.ts`).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node, type Scalar as YamlScalar } from 'yaml';
import type { Limits } from './limits.js';
import { refusedTabOffset, TAB_MESSAGE } from './yaml-tabs.js';
import type { ContainerPositions, PositionTable } from './positions.js';
import { markIntegralFloat, PyBytes, PyDate, PyDateTime, pyInt, type Key, type Mapping, type Value } from './value.js';

/** A problem PyYAML (or the Python code right after it) would raise, at a text offset. */
export class YamlLoadError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code = 'yaml-syntax',
  ) {
    super(message);
    this.name = 'YamlLoadError';
  }
}

/** A configured limit was hit. */
export class LimitError extends Error {
  constructor(
    readonly limit: keyof Limits,
    readonly value: number,
    message: string,
    readonly offset = 0,
  ) {
    super(message);
    this.name = 'LimitError';
  }
}

const TAG = 'tag:yaml.org,2002:';

// PyYAML's implicit resolvers (yaml/resolver.py), applied to plain scalars only.
const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const MERGE = /^(?:<<)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const VALUE = /^(?:=)$/;

/** The tag PyYAML's resolver gives a plain scalar. */
export function resolvePlainTag(text: string): string {
  if (BOOL.test(text)) return `${TAG}bool`;
  if (FLOAT.test(text)) return `${TAG}float`;
  if (INT.test(text)) return `${TAG}int`;
  if (MERGE.test(text)) return `${TAG}merge`;
  if (NULL.test(text)) return `${TAG}null`;
  if (TIMESTAMP.test(text)) return `${TAG}timestamp`;
  if (VALUE.test(text)) return `${TAG}value`;
  return `${TAG}str`;
}

/**
 * PyYAML's `construct_yaml_int`: Python's `int`, exact at any size (a `bigint` beyond 2^53).
 * A malformed value raises ValueError in Python.
 */
export function constructInt(text: string): number | bigint {
  let value = text.replace(/_/g, '');
  let sign = 1n;
  if (value[0] === '-') sign = -1n;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  let result: bigint;
  if (value === '0') return 0;
  else if (value.startsWith('0b')) result = parseDigits(value.slice(2), 2);
  else if (value.startsWith('0x')) result = parseDigits(value.slice(2), 16);
  else if (value[0] === '0') result = parseDigits(value, 8);
  else if (value.includes(':')) result = sexagesimalInt(value);
  else result = parseDigits(value, 10);
  return pyInt(sign * result);
}

/** PyYAML's `construct_yaml_float`. */
export function constructFloat(text: string): number {
  let value = text.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (value[0] === '-') sign = -1;
  if (value[0] === '-' || value[0] === '+') value = value.slice(1);
  if (value === '.inf') return sign * Infinity;
  if (value === '.nan') return NaN;
  if (value.includes(':')) return sign * sexagesimal(value, (part) => parseFloatStrict(part));
  return sign * parseFloatStrict(value);
}

function sexagesimal(value: string, parse: (part: string) => number): number {
  let result = 0;
  let base = 1;
  for (const part of value.split(':').reverse()) {
    result += parse(part) * base;
    base *= 60;
  }
  return result;
}

function sexagesimalInt(value: string): bigint {
  let result = 0n;
  let base = 1n;
  for (const part of value.split(':').reverse()) {
    result += parseDigits(part, 10) * base;
    base *= 60n;
  }
  return result;
}

const PREFIX: Record<2 | 8 | 10 | 16, string> = { 2: '0b', 8: '0o', 10: '', 16: '0x' };

function parseDigits(digits: string, radix: 2 | 8 | 10 | 16): bigint {
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix];
  if (!valid.test(digits)) throw new Error(`invalid literal for int() with base ${radix}: '${digits}'`);
  return BigInt(PREFIX[radix] + digits);
}

function parseFloatStrict(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || Number.isNaN(n)) throw new Error(`could not convert string to float: '${text}'`);
  return n;
}

const BOOL_VALUES: Record<string, boolean> = { yes: true, no: false, true: true, false: false, on: true, off: false };

/** Builds the Python value of a scalar of a known tag, as SafeConstructor does. */
function constructScalar(tag: string, text: string, offset: number): Value {
  try {
    switch (tag) {
      case `${TAG}str`:
      case '!':
        return text;
      case `${TAG}null`:
        return null;
      case `${TAG}bool`: {
        const key = text.toLowerCase();
        if (!Object.hasOwn(BOOL_VALUES, key)) throw new Error(`'${text}' is not a YAML boolean`);
        return BOOL_VALUES[key]!;
      }
      case `${TAG}int`:
        return constructInt(text);
      case `${TAG}float`:
        return constructFloat(text);
      case `${TAG}timestamp`:
        return constructTimestamp(text);
      case `${TAG}binary`:
        return constructBinary(text);
      default:
        throw new YamlLoadError(`could not determine a constructor for the tag '${tag}'`, offset, 'yaml-tag');
    }
  } catch (e) {
    if (e instanceof YamlLoadError) throw e;
    throw new YamlLoadError((e as Error).message, offset, 'yaml-scalar');
  }
}

// PyYAML's SafeConstructor.timestamp_regexp (looser than the implicit resolver's).
const TIMESTAMP_PARTS =
  /^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/;

/**
 * PyYAML's `construct_yaml_timestamp`: a `datetime.date`, or a `datetime.datetime` (aware
 * when a zone is given; the fraction cut to microseconds). Python's range checks raise
 * ValueError, which Dify does not catch as a YAML error: the schema is refused.
 */
export function constructTimestamp(text: string): PyDate | PyDateTime {
  const m = TIMESTAMP_PARTS.exec(text);
  if (!m) throw new Error("'NoneType' object has no attribute 'groupdict'");
  const date = pyDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m[4] === undefined) return date;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23) throw new Error('hour must be in 0..23');
  if (minute > 59) throw new Error('minute must be in 0..59');
  if (second > 59) throw new Error('second must be in 0..59');
  const microsecond = Number((m[7] ?? '').slice(0, 6).padEnd(6, '0'));
  let offset: number | null = null;
  if (m[9] !== undefined) {
    offset = (Number(m[10]) * 60 + Number(m[11] ?? 0)) * (m[9] === '-' ? -1 : 1);
    if (Math.abs(offset) >= 24 * 60) throw new Error('offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24)');
  } else if (m[8] !== undefined) offset = 0;
  return new PyDateTime(date, hour, minute, second, microsecond, offset);
}

function pyDate(year: number, month: number, day: number): PyDate {
  if (year < 1) throw new Error(`year ${year} is out of range`);
  if (month < 1 || month > 12) throw new Error('month must be in 1..12');
  const days = new Date(Date.UTC(2000, month, 0)).getUTCDate() - (month === 2 && !isLeap(year) ? 1 : 0);
  if (day < 1 || day > days) throw new Error('day is out of range for month');
  return new PyDate(year, month, day);
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * PyYAML's `construct_yaml_binary`: ASCII only, then `base64.decodebytes`, which skips
 * characters outside the alphabet and stops at a complete padding (CPython's `a2b_base64`).
 */
export function constructBinary(text: string): PyBytes {
  if (/[^\x00-\x7f]/.test(text)) throw new Error('failed to convert base64 data into ascii characters');
  const out: number[] = [];
  let quad = 0;
  let pads = 0;
  let bits = 0;
  let nbits = 0;
  let data = 0;
  for (const ch of text) {
    if (ch === '=') {
      if (quad >= 2 && quad + ++pads >= 4) {
        quad = 0;
        break;
      }
      continue;
    }
    const v = BASE64.indexOf(ch);
    if (v < 0) continue;
    data++;
    quad = (quad + 1) % 4;
    bits = (bits << 6) | v;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      out.push((bits >> nbits) & 0xff);
      bits &= (1 << nbits) - 1;
    }
  }
  if (quad === 1) throw new Error(`failed to decode base64 data: Invalid base64-encoded string: number of data characters (${data}) cannot be 1 more than a multiple of 4`);
  if (quad !== 0) throw new Error('failed to decode base64 data: Incorrect padding');
  return new PyBytes(Uint8Array.from(out));
}

export interface YamlReadOptions {
  limits: Limits;
  positions: PositionTable;
}

export function readYaml(text: string, options: YamlReadOptions): { value: Value; nodes: number } {
  const tab = refusedTabOffset(text);
  if (tab !== undefined) throw new YamlLoadError(TAB_MESSAGE, tab);
  const docs = parseAllDocuments(text, {
    version: '1.1',
    schema: 'failsafe',
    uniqueKeys: false,
    merge: false,
    strict: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) throw new YamlLoadError(err.message.split('\n')[0] ?? err.message, err.pos[0]);
  }
  if (list.length > 1) {
    throw new YamlLoadError('expected a single document in the stream, but found another document', list[1]!.range[0]);
  }
  const doc = list[0];
  if (!doc || doc.contents === null) return { value: null, nodes: 0 };
  const builder = new ValueBuilder(options);
  const value = builder.build(doc.contents as Node, 0);
  return { value, nodes: builder.nodes };
}

class ValueBuilder {
  nodes = 0;
  /** Whether the last value built is a scalar of the float tag (a Python float). */
  private lastFloat = false;
  private aliases = 0;
  private readonly anchors = new Map<string, Value>();
  /** Node counts of anchored values, so that an alias costs what it expands to. */
  private readonly sizes = new WeakMap<object, number>();

  constructor(private readonly options: YamlReadOptions) {}

  build(node: Node | null, depth: number): Value {
    if (node === null) return null;
    if (depth > this.options.limits.maxDepth) {
      const { maxDepth } = this.options.limits;
      throw new LimitError('maxDepth', maxDepth, `nesting is deeper than ${maxDepth} levels`, node.range?.[0] ?? 0);
    }
    if (isAlias(node)) return this.alias(node.source, node.range?.[0] ?? 0);
    this.count(1, node.range?.[0] ?? 0);
    const before = this.nodes;
    let value: Value;
    if (isScalar(node)) value = this.scalar(node);
    else if (isMap(node)) value = this.mapping(node, depth);
    else if (isSeq(node)) value = this.sequence(node, depth);
    else throw new YamlLoadError('unexpected YAML node', (node as Node).range?.[0] ?? 0);
    if (node.anchor && typeof value === 'object' && value !== null) this.sizes.set(value, this.nodes - before + 1);
    return value;
  }

  private count(n: number, offset: number): void {
    this.nodes += n;
    if (this.nodes > this.options.limits.maxNodes) {
      const { maxNodes } = this.options.limits;
      throw new LimitError('maxNodes', maxNodes, `the document expands to more than ${maxNodes} nodes (YAML aliases count once per use)`, offset);
    }
  }

  private register(anchor: string | undefined, value: Value, offset: number): void {
    if (!anchor) return;
    if (this.anchors.has(anchor)) throw new YamlLoadError(`found duplicate anchor '${anchor}'`, offset);
    this.anchors.set(anchor, value);
  }

  private alias(name: string, offset: number): Value {
    if (!this.anchors.has(name)) throw new YamlLoadError(`found undefined alias '${name}'`, offset);
    if (++this.aliases > this.options.limits.maxAliases) {
      const { maxAliases } = this.options.limits;
      throw new LimitError('maxAliases', maxAliases, `the document uses more than ${maxAliases} YAML aliases`, offset);
    }
    const target = this.anchors.get(name)!;
    this.count(typeof target === 'object' && target !== null ? (this.sizes.get(target) ?? 1) : 1, offset);
    return target;
  }

  /** A whole-valued float built from a scalar node (not an alias) just now. */
  private isIntegralFloat(node: Node | null, value: Value): boolean {
    return node !== null && isScalar(node) && typeof value === 'number' && Number.isInteger(value) && this.lastFloat;
  }

  private scalar(node: YamlScalar): Value {
    const text = String(node.value ?? '');
    const offset = node.range?.[0] ?? 0;
    let tag = node.tag;
    if (tag === undefined) tag = node.type === 'PLAIN' || node.type === undefined ? resolvePlainTag(text) : `${TAG}str`;
    if (tag === `${TAG}merge` || tag === `${TAG}value`) {
      throw new YamlLoadError(`could not determine a constructor for the tag '${tag}'`, offset, 'yaml-tag');
    }
    const value = constructScalar(tag, text, offset);
    this.lastFloat = tag === `${TAG}float`;
    this.register(node.anchor, value, offset);
    return value;
  }

  private sequence(node: import('yaml').YAMLSeq, depth: number): Value {
    const offset = node.range?.[0] ?? 0;
    const tag = node.tag;
    if (tag !== undefined && tag !== '!' && tag !== `${TAG}seq` && tag !== `${TAG}omap` && tag !== `${TAG}pairs`) {
      throw new YamlLoadError(`could not determine a constructor for the tag '${tag}'`, offset, 'yaml-tag');
    }
    const list: Value[] = [];
    const positions: ContainerPositions = { start: offset, keys: new Map(), values: new Map() };
    this.options.positions.set(list, positions);
    this.register(node.anchor, list, offset);
    for (const item of node.items) {
      positions.values.set(list.length, (item as Node | null)?.range?.[0] ?? offset);
      if (tag === `${TAG}omap` || tag === `${TAG}pairs`) {
        // A list of one-entry mappings becomes a list of (key, value) pairs.
        const pair = this.build(item as Node, depth + 1);
        if (!(pair instanceof Map) || pair.size !== 1) throw new YamlLoadError('expected a mapping of length 1', offset, 'yaml-tag');
        list.push([...pair.entries()][0]! as Value[]);
      } else {
        const value = this.build(item as Node, depth + 1);
        if (this.isIntegralFloat(item as Node | null, value)) markIntegralFloat(list, list.length);
        list.push(value);
      }
    }
    return list;
  }

  private mapping(node: import('yaml').YAMLMap, depth: number): Value {
    const offset = node.range?.[0] ?? 0;
    const tag = node.tag;
    if (tag !== undefined && tag !== '!' && tag !== `${TAG}map` && tag !== `${TAG}set`) {
      throw new YamlLoadError(`could not determine a constructor for the tag '${tag}'`, offset, 'yaml-tag');
    }
    const map: Mapping = new Map();
    const positions: ContainerPositions = { start: offset, keys: new Map(), values: new Map() };
    this.options.positions.set(map, positions);
    this.register(node.anchor, map, offset);

    // PyYAML flattens merge keys first: merged entries come before the mapping's own, and
    // the own entries (set later) win.
    const merged: Array<[Key, Value]> = [];
    const own: Array<{ key: Key; value: Value; keyOffset: number; valueOffset: number; float: boolean }> = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const keyOffset = keyNode?.range?.[0] ?? offset;
      const valueOffset = valueNode?.range?.[0] ?? keyOffset;
      if (isMergeKey(keyNode)) {
        merged.push(...this.mergeSource(valueNode, depth, valueOffset));
        continue;
      }
      // PyYAML's flatten_mapping turns a `=` key (tag:yaml.org,2002:value) into a string.
      const key = isValueKey(keyNode) ? '=' : this.build(keyNode, depth + 1);
      if (key instanceof Map || Array.isArray(key)) throw new YamlLoadError('found unhashable key', keyOffset);
      const value = tag === `${TAG}set` ? null : this.build(valueNode, depth + 1);
      own.push({ key, value, keyOffset, valueOffset, float: this.isIntegralFloat(valueNode, value) });
    }
    for (const [key, value] of merged) map.set(pythonKey(map, key), value);
    for (const entry of own) {
      const key = pythonKey(map, entry.key);
      map.set(key, entry.value);
      markIntegralFloat(map, key, entry.float);
      if (!positions.keys.has(key)) positions.keys.set(key, entry.keyOffset);
      positions.values.set(key, entry.valueOffset);
    }
    if (tag === `${TAG}set`) return [...map.keys()];
    return map;
  }

  /** The entries a `<<` value contributes, in PyYAML's order (later mappings first). */
  private mergeSource(valueNode: Node | null, depth: number, offset: number): Array<[Key, Value]> {
    const isMappingNode = (n: Node | null) => n !== null && (isMap(n) || isAlias(n));
    if (valueNode !== null && isSeq(valueNode)) {
      const parts: Array<Array<[Key, Value]>> = [];
      for (const sub of valueNode.items as Array<Node | null>) {
        if (!isMappingNode(sub)) throw new YamlLoadError('expected a mapping for merging', offset);
        parts.push(this.mergeEntries(this.build(sub, depth + 1), offset));
      }
      return parts.reverse().flat();
    }
    if (!isMappingNode(valueNode)) throw new YamlLoadError('expected a mapping or list of mappings for merging', offset);
    return this.mergeEntries(this.build(valueNode, depth + 1), offset);
  }

  private mergeEntries(value: Value, offset: number): Array<[Key, Value]> {
    if (!(value instanceof Map)) throw new YamlLoadError('expected a mapping for merging', offset);
    return [...value.entries()];
  }
}

/** The key a Python dict would store: `True`, `1` and `1.0` are one key (the first seen). */
function pythonKey(map: Mapping, key: Key): Key {
  if (typeof key === 'boolean' && map.has(Number(key))) return Number(key);
  if (typeof key === 'number' && (key === 0 || key === 1) && map.has(key === 1)) return key === 1;
  if (typeof key === 'object' && key !== null) {
    // Dates, datetimes and bytes are equal by value in Python (aware datetimes by instant).
    const identity = keyIdentity(key);
    for (const existing of map.keys()) if (typeof existing === 'object' && existing !== null && keyIdentity(existing) === identity) return existing;
  }
  return key;
}

function keyIdentity(key: PyDate | PyDateTime | PyBytes): string {
  if (key instanceof PyDate) return `date:${key.isoformat()}`;
  if (key instanceof PyBytes) return `bytes:${[...key.bytes].join(',')}`;
  if (key.offsetMinutes === null) return `naive:${key.isoformat()}`;
  const { date } = key;
  const utc = Date.UTC(date.year, date.month - 1, date.day, key.hour, key.minute - key.offsetMinutes, key.second);
  return `aware:${utc}.${key.microsecond}`;
}

function isValueKey(node: Node | null): boolean {
  return node !== null && isScalar(node) && node.tag === undefined && node.type === 'PLAIN' && VALUE.test(String(node.value));
}

function isMergeKey(node: Node | null): boolean {
  if (node === null || !isScalar(node)) return false;
  if (node.tag === `${TAG}merge`) return true;
  return node.tag === undefined && node.type === 'PLAIN' && MERGE.test(String(node.value));
}
