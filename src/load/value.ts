/**
 * The loaded document, as Python would hold it after `json.loads` / `yaml.safe_load`.
 *
 * Mappings are `Map`s, never plain objects: a `Map` keeps document order for every key,
 * integer-like ones included (`"10"` stays after `"2"`), keeps non-string YAML keys apart
 * from strings (`200` vs `"200"`), and cannot be polluted through `__proto__`.
 *
 * Scalars keep the Python type they have in Dify, because Dify's pydantic models accept or
 * refuse a value by its type: an integer beyond 2^53 is a `bigint` (exact, as Python's `int`),
 * and PyYAML's `datetime.date`, `datetime.datetime` and `bytes` (`!!binary`) are `PyDate`,
 * `PyDateTime` and `PyBytes`. `!!set` becomes a list of its members and `!!omap`/`!!pairs` a
 * list of `[key, value]` pairs: Dify never tells them from lists (pydantic turns a set into a
 * list, `jsonable_encoder` and `json.dumps` write tuples as lists).
 */

/** Python's `datetime.date`, as PyYAML's SafeLoader builds it from `2024-01-01`. */
export class PyDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}

  /** Python's `date.isoformat()`: what `jsonable_encoder` stores. */
  isoformat(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }
}

/** Python's `datetime.datetime` (PyYAML: naive without a zone, aware with one). */
export class PyDateTime {
  constructor(
    readonly date: PyDate,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly microsecond: number,
    /** Offset east of UTC in minutes; null for a naive datetime. */
    readonly offsetMinutes: number | null,
  ) {}

  /** Python's `datetime.isoformat()`: `2024-01-01T10:00:00+00:00`. */
  isoformat(): string {
    const time = `${pad(this.hour, 2)}:${pad(this.minute, 2)}:${pad(this.second, 2)}${this.microsecond ? `.${pad(this.microsecond, 6)}` : ''}`;
    let zone = '';
    if (this.offsetMinutes !== null) {
      const abs = Math.abs(this.offsetMinutes);
      zone = `${this.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
    }
    return `${this.date.isoformat()}T${time}${zone}`;
  }
}

/** Python's `bytes`, from `!!binary`. */
export class PyBytes {
  constructor(readonly bytes: Uint8Array) {}

  /** `bytes.decode()` (UTF-8, strict), or undefined where Python raises UnicodeDecodeError. */
  decode(): string | undefined {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(this.bytes);
    } catch {
      return undefined;
    }
  }
}

/**
 * A Python `float` whose value is whole (`1.0`): a JavaScript number cannot tell it from the
 * int `1`, so printers that must write what Python writes wrap it in this.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

// Entries of loaded containers that hold a whole-valued Python float (see `markIntegralFloat`).
const INTEGRAL_FLOATS = new WeakMap<object, Set<Key>>();

/**
 * Records whether `container[key]` holds a Python float with a whole value (`1.0`, `2e3`);
 * a later duplicate key clears or sets it again.
 */
export function markIntegralFloat(container: Mapping | Value[], key: Key, float = true): void {
  let keys = INTEGRAL_FLOATS.get(container);
  if (!float) {
    keys?.delete(key);
    return;
  }
  if (!keys) INTEGRAL_FLOATS.set(container, (keys = new Set()));
  keys.add(key);
}

/** Whether `container[key]` was loaded from a float with a whole value (JSON `1.0`, YAML `1.`). */
export function isIntegralFloat(container: Value | undefined, key: Key): boolean {
  return typeof container === 'object' && container !== null && (INTEGRAL_FLOATS.get(container)?.has(key) ?? false);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export type Key = string | number | bigint | boolean | null | PyDate | PyDateTime | PyBytes;
export type Scalar = string | number | bigint | boolean | null | PyDate | PyDateTime | PyBytes;
export type Mapping = Map<Key, Value>;
export type Value = Scalar | Value[] | Mapping;

/** A JSON pointer as segments: mapping keys and array indexes. */
export type PointerPath = readonly Key[];

export function isMapping(value: unknown): value is Mapping {
  return value instanceof Map;
}

export function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    value instanceof PyDate ||
    value instanceof PyDateTime ||
    value instanceof PyBytes
  );
}

/** An integer the way Python keeps it: a number while exact, a `bigint` beyond 2^53. */
export function pyInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** A key or scalar as text, for pointers and messages (dates in ISO form, bytes as `b'…'`). */
export function scalarText(value: Scalar): string {
  if (value instanceof PyDate || value instanceof PyDateTime) return value.isoformat();
  if (value instanceof PyBytes) return `b'${value.decode() ?? '…'}'`;
  return String(value);
}

/**
 * A value as it travels in JSON (what `jsonable_encoder` writes and a caller sends): dates as
 * ISO text, UTF-8 bytes as their text; everything else as it is.
 */
export function jsonScalar<T extends Value | undefined>(value: T): T | string {
  if (value instanceof PyDate || value instanceof PyDateTime) return value.isoformat();
  if (value instanceof PyBytes) return value.decode() ?? value;
  return value;
}

/** RFC 6901 rendering, with `#` in front: `#/paths/~1pets~1{id}/get`. */
export function formatPointer(path: PointerPath): string {
  let out = '#';
  for (const segment of path) {
    let text = typeof segment === 'string' ? segment : scalarText(segment);
    // Most segments need no escape: test before building a replaced copy (a hot path: every
    // located warning and every schema walk's start). `~` first, so `/` → `~1` stays two characters.
    if (text.includes('~')) text = text.replaceAll('~', '~0');
    if (text.includes('/')) text = text.replaceAll('/', '~1');
    out += '/' + text;
  }
  return out;
}

/**
 * Converts a loaded value to plain JSON-compatible data (mappings become objects), as Dify's
 * `jsonable_encoder` would: dates in ISO form, bytes decoded, big integers as numbers (the
 * nearest double: only JSON Schema tooling reads this).
 */
export function toPlain(value: Value, seen = new Set<object>()): unknown {
  if (value instanceof Map) {
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of value) out[scalarText(k)] = toPlain(v, seen);
    seen.delete(value);
    return out;
  }
  if (Array.isArray(value)) {
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    const out = value.map((v) => toPlain(v, seen));
    seen.delete(value);
    return out;
  }
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof PyDate || value instanceof PyDateTime) return value.isoformat();
  if (value instanceof PyBytes) return value.decode() ?? null;
  return value;
}

/**
 * JSON text of plain data (objects, arrays, strings, numbers, booleans, null), compact like
 * `JSON.stringify`, with numbers written the way Python's `json.dumps` writes them: `Infinity`,
 * `-Infinity`, `NaN` (Python's `json.loads` and Dify accept them), integers beyond 2^53
 * (`bigint`) exact, a `PyFloat` with its `.0`. Properties that are `undefined` are left out, as `JSON.stringify` does.
 */
export function pyJsonText(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return pyNumberText(value);
  if (value instanceof PyFloat) return Object.is(value.value, -0) ? '-0.0' : Number.isSafeInteger(value.value) ? `${value.value}.0` : pyNumberText(value.value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : pyJsonText(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const parts: string[] = [];
    for (const [k, v] of Object.entries(value)) if (v !== undefined) parts.push(`${JSON.stringify(k)}:${pyJsonText(v)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A number as Python's `json.dumps` writes it. Integers up to 2^53 print as integers (a
 * loaded document holds larger ints as `bigint`, so a larger whole number was a float);
 * floats use Python's `repr`: shortest digits, exponent form below 1e-4 and from 1e16 on,
 * with a sign and two digits (`1e-05`, `1e+16`).
 */
function pyNumberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isSafeInteger(value)) return String(value);
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const exp = Number(exponent);
  if (exp < -4 || exp >= 16) return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  // A whole number past 2^53 was a float (ints that large load as bigint): repr keeps its `.0`.
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** Walks a mapping's entries; the one place spec maps are iterated, always in document order. */
export function entries(mapping: Mapping): IterableIterator<[Key, Value]> {
  return mapping.entries();
}

/**
 * `path` with `keys` after it, in an array of exactly that length: `[...path, key]` leaves
 * room for about 16 more segments (258 bytes instead of 105 for six), and the model keeps a
 * path per parameter and result (Graph beta: 63,000).
 */
export function childPath(path: PointerPath, ...keys: Key[]): Key[] {
  const out = new Array<Key>(path.length + keys.length);
  for (let i = 0; i < path.length; i++) out[i] = path[i]!;
  for (let i = 0; i < keys.length; i++) out[path.length + i] = keys[i]!;
  return out;
}
