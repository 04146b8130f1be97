/**
 * Located documents: a `Doc` is one declaration source (a YAML file of a plugin, a DSL, or
 * inline data of the manifest) with its loaded value and, for any path into it, the file,
 * line:column and pointer to show in messages. Also the plain helpers on loaded values
 * (`valueAt`, `kindOf`) and the conversion of already-parsed data (`plainDoc`, `fromPlain`).
 */
import { LineCounter } from 'yaml';
import { printable } from '../diagnostics/printable.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import { offsetOf, type PositionTable } from '../load/positions.js';
import { formatPointer, type Key, type Mapping, type PointerPath, type Value } from '../load/value.js';
import type { SourceLocation } from './model.js';

/** One declaration source: a YAML file of the plugin, a DSL, or inline data of the manifest. */
export interface Doc {
  readonly value: Value;
  /** file, line:column and pointer of the node at `path` (or the nearest container on the way). */
  locate(path: PointerPath, preferKey?: boolean): SourceLocation;
  /** The source text of the scalar at `path`, when it came from YAML. */
  rawText(path: PointerPath): string | undefined;
  /** The source line, escaped, for messages. */
  excerpt(line: number): string | undefined;
}

/** The value at `path`, or undefined where the path leaves the data. */
export function valueAt(root: Value, path: PointerPath): Value | undefined {
  let node: Value | undefined = root;
  for (const segment of path) {
    if (node instanceof Map) node = node.get(segment);
    else if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else return undefined;
  }
  return node;
}

/** What a value is, for messages. */
export function kindOf(value: Value | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Map) return 'mapping';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'string' ? 'text' : typeof value;
}

/** The bytes of a YAML file as text, or undefined when they are not UTF-8. */
export function utf8Text(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** A position finder for text: offsets → 1-based line and column, through the `yaml` LineCounter. */
export function lineCounterFor(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/** The 1-based `line` of `text`, escaped, for messages; undefined past the end. */
export function lineExcerpt(text: string, lines: LineCounter, line: number): string | undefined {
  const start = lines.lineStarts[line - 1];
  if (start === undefined) return undefined;
  const end = text.indexOf('\n', start);
  return printable(text.slice(start, end === -1 ? undefined : end).replace(/\r$/, ''), 160);
}

/** A `Doc` over text already loaded with positions. */
export function textDoc(file: string, text: string, value: Value, positions: PositionTable, lines: LineCounter, texts?: WeakMap<object, Map<Key, string>>): Doc {
  return {
    value,
    locate(path, preferKey = false) {
      const { line, col } = lines.linePos(offsetOf(value, positions, path, preferKey) ?? 0);
      return { file, line, column: col, pointer: formatPointer(path) };
    },
    rawText(path) {
      if (path.length === 0 || !texts) return undefined;
      const container = valueAt(value, path.slice(0, -1));
      return typeof container === 'object' && container !== null ? texts.get(container)?.get(path[path.length - 1]!) : undefined;
    },
    excerpt: (line) => lineExcerpt(text, lines, line),
  };
}

/** A `Doc` over already-parsed plain data (the manifest's inline declarations). */
export function plainDoc(data: unknown, locate: (path: readonly (string | number)[]) => SourceLocation): Doc {
  return {
    value: fromPlain(data, 0),
    locate: (path) => locate(path.map((p) => (typeof p === 'number' ? p : String(p)))),
    rawText: () => undefined,
    excerpt: () => undefined,
  };
}

/**
 * Plain data (objects, arrays, scalars) as a `Value`: objects become `Map`s of their own
 * enumerable keys, so a `__proto__` key is just a key. Anything else is null.
 */
export function fromPlain(data: unknown, depth: number): Value {
  if (data === null || typeof data === 'string' || typeof data === 'boolean' || typeof data === 'number') return data;
  if (depth > DEFAULT_LIMITS.maxDepth) return null;
  if (data instanceof Date) return Number.isNaN(data.getTime()) ? null : data.toISOString();
  if (Array.isArray(data)) return data.map((item) => fromPlain(item, depth + 1));
  if (data instanceof Map) return new Map([...data.entries()].map(([k, v]) => [String(k), fromPlain(v, depth + 1)]));
  if (typeof data === 'object') {
    const map: Mapping = new Map();
    for (const key of Object.keys(data)) {
      const value = (data as Record<string, unknown>)[key];
      if (value !== undefined) map.set(key, fromPlain(value, depth + 1));
    }
    return map;
  }
  return null;
}
