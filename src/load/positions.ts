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
  private readonly starts: ArrayLike<number>;
  /** `starts`, when another pass over the text already found them, saves this one's scan. */
  constructor(
    readonly text: string,
    starts?: ArrayLike<number>,
  ) {
    this.starts = starts ?? lineBreaksIn(text, 0, text.length, [0]);
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

/** The offsets just after each `\n` of `text` between `from` and `to`, appended to `after`. */
export function lineBreaksIn(text: string, from: number, to: number, after: number[] = []): number[] {
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) after.push(i + 1);
  return after;
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
