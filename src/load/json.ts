/**
 * A JSON reader that gives what Python's `json.loads` gives, which is what Dify tries first:
 * `NaN` and `Infinity` are accepted, integers are exact at any size (`bigint` beyond 2^53),
 * control characters inside strings are not, duplicate
 * keys keep the last value at the first key's position, and key order is document order
 * (mappings are `Map`s). It recurses only to a bounded depth, so it cannot overflow the
 * stack, and it records source positions only when asked (the fast path records none).
 */
import type { ContainerPositions, PositionTable } from './positions.js';
import { markIntegralFloat, pyInt, type Key, type Mapping, type Value } from './value.js';

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** Nesting went past the limit: not a syntax error, so Dify would not fall back to YAML. */
export class JsonDepthError extends Error {
  constructor(
    readonly limit: number,
    readonly offset: number,
  ) {
    super(`nesting is deeper than ${limit} levels`);
    this.name = 'JsonDepthError';
  }
}

export interface JsonReadOptions {
  maxDepth: number;
  /** When given, every container's positions are recorded here. */
  positions?: PositionTable;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;

export function readJson(text: string, options: JsonReadOptions): { value: Value; nodes: number } {
  const reader = new JsonReader(text, options);
  reader.skipWhitespace();
  const value = reader.value(0);
  reader.skipWhitespace();
  if (reader.i < text.length) throw new JsonSyntaxError('Extra data', reader.i);
  return { value, nodes: reader.nodes };
}

class JsonReader {
  i = 0;
  nodes = 0;
  /** Whether the last number read had a fraction or an exponent (a Python float). */
  private lastFloat = false;
  constructor(
    private readonly text: string,
    private readonly options: JsonReadOptions,
  ) {}

  skipWhitespace(): void {
    const t = this.text;
    let i = this.i;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  value(depth: number): Value {
    this.nodes++;
    const t = this.text;
    const c = t[this.i];
    switch (c) {
      case '{':
        return this.object(depth + 1);
      case '[':
        return this.array(depth + 1);
      case '"':
        return this.string();
      case 'n':
        return this.literal('null', null);
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'N':
        return this.literal('NaN', NaN);
      case 'I':
        return this.literal('Infinity', Infinity);
      case '-':
        if (t.startsWith('-Infinity', this.i)) return this.literal('-Infinity', -Infinity);
        return this.number();
      default:
        if (c !== undefined && c >= '0' && c <= '9') return this.number();
        throw new JsonSyntaxError('Expecting value', this.i);
    }
  }

  private literal<T extends Value>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.i)) throw new JsonSyntaxError('Expecting value', this.i);
    this.i += word.length;
    return value;
  }

  /** Python's `int` for a number without fraction or exponent (exact at any size), else `float`. */
  private number(): number | bigint {
    NUMBER.lastIndex = this.i;
    const m = NUMBER.exec(this.text);
    if (!m) throw new JsonSyntaxError('Expecting value', this.i);
    this.i += m[0].length;
    this.lastFloat = m[1] !== undefined || m[2] !== undefined;
    const n = Number(m[0]);
    return m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n) ? pyInt(BigInt(m[0])) : n;
  }

  string(): string {
    const t = this.text;
    const start = ++this.i;
    // Fast path: no escapes and no control characters.
    let i = start;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 34) {
        this.i = i + 1;
        return t.slice(start, i);
      }
      if (c === 92 || c < 32 || Number.isNaN(c)) break;
      i++;
    }
    let out = t.slice(start, i);
    for (;;) {
      const c = t.charCodeAt(i);
      if (Number.isNaN(c)) throw new JsonSyntaxError('Unterminated string starting at', start - 1);
      if (c === 34) {
        this.i = i + 1;
        return out;
      }
      if (c < 32) throw new JsonSyntaxError('Invalid control character at', i);
      if (c === 92) {
        const e = t[i + 1];
        if (e === 'u') {
          const hex = t.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('Invalid \\uXXXX escape', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && e in ESCAPES) {
          out += ESCAPES[e];
          i += 2;
        } else {
          throw new JsonSyntaxError('Invalid \\escape', i);
        }
        continue;
      }
      out += t[i];
      i++;
    }
  }

  private isIntegralFloat(value: Value): boolean {
    return typeof value === 'number' && Number.isInteger(value) && this.lastFloat;
  }

  private enter(depth: number): ContainerPositions | undefined {
    if (depth > this.options.maxDepth) throw new JsonDepthError(this.options.maxDepth, this.i);
    return this.options.positions ? { start: this.i, keys: new Map(), values: new Map() } : undefined;
  }

  private object(depth: number): Mapping {
    const positions = this.enter(depth);
    const map: Mapping = new Map();
    if (positions) this.options.positions!.set(map, positions);
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === '}') {
      this.i++;
      return map;
    }
    for (;;) {
      if (this.text[this.i] !== '"') throw new JsonSyntaxError('Expecting property name enclosed in double quotes', this.i);
      const keyOffset = this.i;
      const key: Key = this.string();
      this.skipWhitespace();
      if (this.text[this.i] !== ':') throw new JsonSyntaxError("Expecting ':' delimiter", this.i);
      this.i++;
      this.skipWhitespace();
      const valueOffset = this.i;
      const value = this.value(depth);
      const float = this.isIntegralFloat(value);
      if (float || map.has(key)) markIntegralFloat(map, key, float);
      if (positions) {
        if (!positions.keys.has(key)) positions.keys.set(key, keyOffset);
        positions.values.set(key, valueOffset);
      }
      map.set(key, value);
      this.skipWhitespace();
      const c = this.text[this.i];
      this.i++;
      if (c === '}') return map;
      if (c !== ',') throw new JsonSyntaxError("Expecting ',' delimiter", this.i - 1);
      this.skipWhitespace();
    }
  }

  private array(depth: number): Value[] {
    const positions = this.enter(depth);
    const list: Value[] = [];
    if (positions) this.options.positions!.set(list, positions);
    this.i++;
    this.skipWhitespace();
    if (this.text[this.i] === ']') {
      this.i++;
      return list;
    }
    for (;;) {
      positions?.values.set(list.length, this.i);
      const item = this.value(depth);
      if (this.isIntegralFloat(item)) markIntegralFloat(list, list.length);
      list.push(item);
      this.skipWhitespace();
      const c = this.text[this.i];
      this.i++;
      if (c === ']') return list;
      if (c !== ',') throw new JsonSyntaxError("Expecting ',' delimiter", this.i - 1);
      this.skipWhitespace();
    }
  }
}
