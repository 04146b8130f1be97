/**
 * Source offsets of JSON pointers in JSON text that has already been read successfully,
 * found by scanning only the containers along each pointer (skipping every other value
 * without building it). Large nested containers are skipped in O(log n) through the
 * `ContainerSpans` the reader recorded while it read the text (no second pass over it);
 * small ones by counting brackets. A document with located warnings thus costs
 * O(depth × members) per pointer; one without pays nothing but the reader's few records.
 *
 * The offsets are exactly those `readJson` records in a `PositionTable` and `offsetOf` reads
 * from it: a container's own start, a member's first key and its last value (Python's
 * `json.loads` keeps the last of duplicate keys), the deepest node found when the pointer
 * leaves the document.
 */
import type { Key, PointerPath } from './value.js';

/** The members of one container: first key offset and last value offset, by key or index. */
interface Members {
  keys: Map<Key, number>;
  values: Map<Key, number>;
}

/** Locates pointers in one JSON text; remembers the members of each container it scanned. */
export class JsonOffsets {
  private readonly members = new Map<number, Members>();

  /**
   * `text` must be valid JSON (as `readJson` accepted it), starting with its value; `spans`
   * those `readJson` gave for it (without them, every container is skipped by counting).
   */
  constructor(
    private readonly text: string,
    private readonly spans: ContainerSpans = new ContainerSpans([], []),
  ) {}

  /**
   * The offset of the deepest node along `path`: see `offsetOf` in positions.ts, whose
   * result this equals for the same text. With `preferKey`, a mapping member's key is given.
   */
  offsetOf(path: PointerPath, preferKey = false): number | undefined {
    let at = 0;
    let offset = this.isContainer(at) ? at : undefined;
    for (let i = 0; i < path.length; i++) {
      if (!this.isContainer(at)) break;
      const members = this.membersAt(at);
      const segment = path[i]!;
      const key = this.text.charCodeAt(at) === 123 ? segment : Number(segment);
      const last = i === path.length - 1;
      const found = (last && preferKey ? members.keys.get(key) : undefined) ?? members.values.get(key);
      if (found === undefined) break;
      offset = found;
      at = found;
    }
    return offset;
  }

  private isContainer(at: number): boolean {
    const c = this.text.charCodeAt(at);
    return c === 123 || c === 91;
  }

  private membersAt(at: number): Members {
    let members = this.members.get(at);
    if (!members) {
      members = this.text.charCodeAt(at) === 123 ? this.scanObject(at) : this.scanArray(at);
      this.members.set(at, members);
    }
    return members;
  }

  private scanObject(at: number): Members {
    const members: Members = { keys: new Map(), values: new Map() };
    let i = this.whitespace(at + 1);
    if (this.text.charCodeAt(i) === 125) return members;
    for (;;) {
      const keyOffset = i;
      const end = stringEnd(this.text, i);
      const key = this.keyText(i, end);
      i = this.whitespace(this.whitespace(end) + 1);
      if (!members.keys.has(key)) members.keys.set(key, keyOffset);
      members.values.set(key, i);
      i = this.whitespace(this.valueEnd(i));
      if (this.text.charCodeAt(i) === 125) return members;
      i = this.whitespace(i + 1);
    }
  }

  private scanArray(at: number): Members {
    const members: Members = { keys: new Map(), values: new Map() };
    let i = this.whitespace(at + 1);
    if (this.text.charCodeAt(i) === 93) return members;
    for (let index = 0; ; index++) {
      members.values.set(index, i);
      i = this.whitespace(this.valueEnd(i));
      if (this.text.charCodeAt(i) === 93) return members;
      i = this.whitespace(i + 1);
    }
  }

  /** A key's text: the raw characters, or, when it has escapes, what JSON.parse makes of them. */
  private keyText(start: number, end: number): string {
    const raw = this.text.slice(start + 1, end - 1);
    return raw.includes('\\') ? (JSON.parse(this.text.slice(start, end)) as string) : raw;
  }

  private whitespace(i: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return i;
    }
  }

  /** The offset just after the value that starts at `i`. */
  private valueEnd(i: number): number {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === 34) return stringEnd(t, i);
    if (c !== 123 && c !== 91) {
      let j = i + 1;
      for (;;) {
        const d = t.charCodeAt(j);
        if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9 || Number.isNaN(d)) return j;
        j++;
      }
    }
    return (this.spans.closeOf(i) ?? closeByCounting(t, i)) + 1;
  }
}

/**
 * Where the large containers of a JSON text open and close, as the reader met them: every
 * container spanning more than `MIN_SPAN` characters (the others are cheaper to skip by
 * counting brackets than to record), listed in the order they close.
 */
export class ContainerSpans {
  /** Containers spanning at most this many characters are not recorded. */
  static readonly MIN_SPAN = 256;
  private byOpen: Map<number, number> | undefined;

  /** `opens[k]` and `closes[k]`: the offsets of one container's brackets. */
  constructor(
    private readonly opens: readonly number[],
    private readonly closes: readonly number[],
  ) {}

  /** The offset of the bracket closing the recorded container that opens at `open`, if recorded. */
  closeOf(open: number): number | undefined {
    if (this.byOpen === undefined) {
      this.byOpen = new Map();
      for (let k = 0; k < this.opens.length; k++) this.byOpen.set(this.opens[k]!, this.closes[k]!);
    }
    return this.byOpen.get(open);
  }
}

/** The offset of the bracket closing the container that opens at `open` in valid JSON `t`, by counting brackets outside strings. */
function closeByCounting(t: string, open: number): number {
  let depth = 0;
  for (let i = open; ; i++) {
    const c = t.charCodeAt(i);
    if (c === 34) i = stringEnd(t, i) - 1;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i;
  }
}

/** The offset just after the string that opens at `i` in `t`. */
function stringEnd(t: string, i: number): number {
  for (let close = t.indexOf('"', i + 1); ; close = t.indexOf('"', close + 1)) {
    let backslashes = 0;
    while (t.charCodeAt(close - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return close + 1;
  }
}
