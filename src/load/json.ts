/**
 * A JSON reader that gives what Python's `json.loads` gives, which is what Dify tries first:
 * `NaN` and `Infinity` are accepted, integers are exact at any size (`bigint` beyond 2^53),
 * control characters inside strings are not, duplicate
 * keys keep the last value at the first key's position, and key order is document order
 * (mappings are `Map`s). It recurses only to a bounded depth, so it cannot overflow the
 * stack, and it records source positions only when asked (the fast path records none).
 */
import { SpanRecorder, type ContainerSpans } from './json-offsets.js';
import { detached } from './narrow.js';
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
  /**
   * The text holds a character beyond Latin-1, so V8 holds it two bytes per character, and
   * every string cut from it too: each distinct string is then kept as a copy one byte per
   * character when all its characters fit (most do), the others as copies of their own (so
   * that none keeps the whole text alive). Same values, less memory downstream.
   */
  narrowStrings?: boolean;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Reads one JSON text. `spans`: where each of its containers opens and closes (for locating
 * pointers later without a second pass over the text: json-offsets.ts).
 */
export function readJson(text: string, options: JsonReadOptions): { value: Value; nodes: number; spans: ContainerSpans } {
  const reader = new JsonReader(text, options);
  reader.skipWhitespace();
  const value = reader.value(0);
  reader.skipWhitespace();
  if (reader.i < text.length) throw new JsonSyntaxError('Extra data', reader.i);
  return { value, nodes: reader.nodes, spans: reader.spans.done() };
}

class JsonReader {
  i = 0;
  nodes = 0;
  /** Whether the last number read had a fraction or an exponent (a Python float). */
  private lastFloat = false;
  /**
   * One string per distinct text, keys and values: a spec repeats a few hundred keys (`type`,
   * `description`) and values (`string`, `$ref`s, whole descriptions) thousands of times.
   * Each text read maps to the string kept for it (itself, or its one-byte copy).
   */
  private readonly strings = new Map<string, string>();
  /** Where each container opens and closes, in the order they open. */
  readonly spans = new SpanRecorder();
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
    const c = t.charCodeAt(this.i);
    switch (c) {
      case 123: // {
        return this.object(depth + 1);
      case 91: // [
        return this.array(depth + 1);
      case 34: // "
        return this.interned(this.string());
      case 110: // n
        return this.literal('null', null);
      case 116: // t
        return this.literal('true', true);
      case 102: // f
        return this.literal('false', false);
      case 78: // N
        return this.literal('NaN', NaN);
      case 73: // I
        return this.literal('Infinity', Infinity);
      case 45: // -
        if (t.startsWith('-Infinity', this.i)) return this.literal('-Infinity', -Infinity);
        return this.number();
      default:
        if (c >= 48 && c <= 57) return this.number();
        throw new JsonSyntaxError('Expecting value', this.i);
    }
  }

  /** The one copy of a text this read holds (a loaded spec keeps every string it read). */
  private interned(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    const kept = this.options.narrowStrings ? detached(text) : text;
    this.strings.set(text, kept);
    return kept;
  }

  private literal<T extends Value>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.i)) throw new JsonSyntaxError('Expecting value', this.i);
    this.i += word.length;
    return value;
  }

  /**
   * Python's `int` for a number without fraction or exponent (exact at any size), else
   * `float`: the longest prefix that is a JSON number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`).
   * An integer of at most 15 digits is summed as it is scanned (exact below 2^53).
   */
  private number(): number | bigint {
    const t = this.text;
    const start = this.i;
    const negative = t.charCodeAt(start) === 45;
    let i = negative ? start + 1 : start;
    let c = t.charCodeAt(i);
    let whole = c - 48;
    if (c === 48) i++;
    else if (c >= 49 && c <= 57) {
      for (c = t.charCodeAt(++i); isDigit(c); c = t.charCodeAt(++i)) whole = whole * 10 + c - 48;
    } else throw new JsonSyntaxError('Expecting value', start);
    const integerEnd = i;
    if (t.charCodeAt(i) === 46 && isDigit(t.charCodeAt(i + 1))) i = digitsEnd(t, i + 2);
    c = t.charCodeAt(i);
    if (c === 101 || c === 69) {
      let e = i + 1;
      c = t.charCodeAt(e);
      if (c === 43 || c === 45) e++;
      if (isDigit(t.charCodeAt(e))) i = digitsEnd(t, e + 1);
    }
    this.i = i;
    const float = i !== integerEnd;
    this.lastFloat = float;
    if (!float && i - start <= 15) return negative ? -whole : whole;
    const literal = t.slice(start, i);
    const n = Number(literal);
    return !float && !Number.isSafeInteger(n) ? pyInt(BigInt(literal)) : n;
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
      if (c === 92 || !(c >= 32)) break; // also NaN: the text ended
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
    const t = this.text;
    const span = this.spans.open(this.i++);
    this.skipWhitespace();
    if (t.charCodeAt(this.i) === 125) {
      this.spans.close(span, this.i++);
      return map;
    }
    for (;;) {
      if (t.charCodeAt(this.i) !== 34) throw new JsonSyntaxError('Expecting property name enclosed in double quotes', this.i);
      const keyOffset = this.i;
      const key: Key = this.interned(this.string());
      this.skipWhitespace();
      if (t.charCodeAt(this.i) !== 58) throw new JsonSyntaxError("Expecting ':' delimiter", this.i);
      this.i++;
      this.skipWhitespace();
      const valueOffset = this.i;
      const value = this.value(depth);
      const float = this.isIntegralFloat(value);
      if (positions) {
        if (!positions.keys.has(key)) positions.keys.set(key, keyOffset);
        positions.values.set(key, valueOffset);
      }
      const size = map.size;
      map.set(key, value);
      // A duplicate key (the size did not grow) sets or clears the mark of the value it replaces.
      if (float || map.size === size) markIntegralFloat(map, key, float);
      this.skipWhitespace();
      const c = t.charCodeAt(this.i++);
      if (c === 125) {
        this.spans.close(span, this.i - 1);
        return map;
      }
      if (c !== 44) throw new JsonSyntaxError("Expecting ',' delimiter", this.i - 1);
      this.skipWhitespace();
    }
  }

  private array(depth: number): Value[] {
    const positions = this.enter(depth);
    const list: Value[] = [];
    if (positions) this.options.positions!.set(list, positions);
    const t = this.text;
    const span = this.spans.open(this.i++);
    this.skipWhitespace();
    if (t.charCodeAt(this.i) === 93) {
      this.spans.close(span, this.i++);
      return list;
    }
    for (;;) {
      positions?.values.set(list.length, this.i);
      const item = this.value(depth);
      if (this.isIntegralFloat(item)) markIntegralFloat(list, list.length);
      list.push(item);
      this.skipWhitespace();
      const c = t.charCodeAt(this.i++);
      if (c === 93) {
        this.spans.close(span, this.i - 1);
        return list;
      }
      if (c !== 44) throw new JsonSyntaxError("Expecting ',' delimiter", this.i - 1);
      this.skipWhitespace();
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The offset after the run of ASCII digits from `i` on. */
function digitsEnd(t: string, i: number): number {
  while (isDigit(t.charCodeAt(i))) i++;
  return i;
}
