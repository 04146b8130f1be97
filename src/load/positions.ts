/**
 * Source positions of a loaded document, kept beside the values (never on them), so that
 * any JSON pointer can be turned into a line and column.
 */
import type { Key, PointerPath, Value } from './value.js';

/** Offsets of one mapping or sequence: its own start, and each child's key and value. */
export interface ContainerPositions {
  start: number;
  keys: Map<Key, number>;
  values: Map<Key, number>;
}

export type PositionTable = WeakMap<object, ContainerPositions>;

/** 1-based line and column of a character offset. */
export interface LineColumn {
  line: number;
  column: number;
}

/** Lines of a text: where each starts (0, then the offset after each `\n`), found by line or offset. */
export class LineIndex {
  private readonly starts: Int32Array;
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  at(offset: number): LineColumn {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1] ?? 0;
    const next = this.starts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
  }
}

/**
 * Where each line of `text` starts: 0, then the offset just after each `\n`. Kept in an
 * Int32Array grown by doubling (GitHub's spec has 347,000 lines: pushing them onto a list
 * took twice as long).
 */
export function lineStarts(text: string): Int32Array {
  let starts: Int32Array = new Int32Array(1024);
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (count === starts.length) starts = grown(starts);
    starts[count++] = i + 1;
  }
  return starts.subarray(0, count);
}

/** A copy of `array` twice as long (the rest zeros). */
export function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * The offset of the deepest node along `path` that the table knows: the value at the end of
 * the pointer, or, where the path leaves the document, the nearest container on the way.
 * With `preferKey`, a mapping member's key is given rather than its value.
 */
export function offsetOf(root: Value, table: PositionTable, path: PointerPath, preferKey = false): number | undefined {
  let node: unknown = root;
  let offset = typeof root === 'object' && root !== null ? table.get(root)?.start : undefined;
  for (let i = 0; i < path.length; i++) {
    if (typeof node !== 'object' || node === null) break;
    const positions = table.get(node);
    if (!positions) break;
    const segment = path[i]!;
    const key = node instanceof Map ? segment : Number(segment);
    const last = i === path.length - 1;
    const found = (last && preferKey ? positions.keys.get(key) : undefined) ?? positions.values.get(key);
    if (found === undefined) break;
    offset = found;
    node = node instanceof Map ? node.get(key) : Array.isArray(node) ? node[key as number] : undefined;
  }
  return offset;
}
