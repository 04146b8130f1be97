/**
 * The loaded document, as Python would hold it after `json.loads` / `yaml.safe_load`.
 *
 * Mappings are `Map`s, never plain objects: a `Map` keeps document order for every key,
 * integer-like ones included (`"10"` stays after `"2"`), keeps non-string YAML keys apart
 * from strings (`200` vs `"200"`), and cannot be polluted through `__proto__`.
 */

export type Key = string | number | boolean | null;
export type Scalar = string | number | boolean | null;
export type Mapping = Map<Key, Value>;
export type Value = Scalar | Value[] | Mapping;

/** A JSON pointer as segments: mapping keys and array indexes. */
export type PointerPath = readonly Key[];

export function isMapping(value: unknown): value is Mapping {
  return value instanceof Map;
}

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** RFC 6901 rendering, with `#` in front: `#/paths/~1pets~1{id}/get`. */
export function formatPointer(path: PointerPath): string {
  let out = '#';
  for (const segment of path) out += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

/** Converts a loaded value to plain JSON-compatible data (mappings become objects). */
export function toPlain(value: Value, seen = new Set<object>()): unknown {
  if (value instanceof Map) {
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    const out: Record<string, unknown> = Object.create(null);
    for (const [k, v] of value) out[String(k)] = toPlain(v, seen);
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
  return value;
}

/** Walks a mapping's entries; the one place spec maps are iterated, always in document order. */
export function entries(mapping: Mapping): IterableIterator<[Key, Value]> {
  return mapping.entries();
}
