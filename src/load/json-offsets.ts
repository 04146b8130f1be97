/**
 * Source offsets of JSON pointers in JSON text that has already been read successfully,
 * found by scanning only the containers along each pointer (skipping every other value
 * without building it). Nested containers are skipped in O(log n) through the
 * `ContainerSpans` the reader recorded while it read the text (no second pass over it): a
 * document with located warnings costs O(depth × members) per pointer; one without pays
 * only the reader's two numbers per container.
 *
 * The offsets are exactly those `readJson` records in a `PositionTable` and `offsetOf` reads
 * from it: a container's own start, a member's first key and its last value (Python's
 * `json.loads` keeps the last of duplicate keys), the deepest node found when the pointer
 * leaves the document.
 */
import { grown } from './positions.js';
import type { Key, PointerPath } from './value.js';

/** The members of one container: first key offset and last value offset, by key or index. */
interface Members {
  keys: Map<Key, number>;
  values: Map<Key, number>;
}

/** Locates pointers in one JSON text; remembers the members of each container it scanned. */
export class JsonOffsets {
  private readonly members = new Map<number, Members>();

  /** `text` must be valid JSON (as `readJson` accepted it), starting with its value; `spans` those `readJson` gave for it. */
  constructor(
    private readonly text: string,
    private readonly spans: ContainerSpans,
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
    const close = this.spans.closeOf(i);
    if (close === undefined) throw new Error(`no container opens at offset ${i}`);
    return close + 1;
  }
}

/**
 * Where each container of a JSON text opens and closes, in the order they open (so `opens` is
 * ascending): `closes[k]` is the offset of the bracket closing the container opening at
 * `opens[k]`. Recorded by the reader as it reads (`SpanRecorder`).
 */
export class ContainerSpans {
  constructor(
    private readonly opens: Int32Array,
    private readonly closes: Int32Array,
  ) {}

  /** The offset of the bracket closing the container that opens at `open`, or undefined when none opens there. */
  closeOf(open: number): number | undefined {
    const opens = this.opens;
    let lo = 0;
    let hi = opens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (opens[mid]! < open) lo = mid + 1;
      else hi = mid;
    }
    return opens[lo] === open ? this.closes[lo] : undefined;
  }
}

/** Records the spans of a text's containers as a reader meets them: a slot when one opens, filled when it closes. */
export class SpanRecorder {
  private opens: Int32Array = new Int32Array(1024);
  private closes: Int32Array = new Int32Array(1024);
  private count = 0;

  /** A container opens at `offset`: returns its slot. */
  open(offset: number): number {
    if (this.count === this.opens.length) {
      this.opens = grown(this.opens);
      this.closes = grown(this.closes);
    }
    this.opens[this.count] = offset;
    return this.count++;
  }

  /** The container of `slot` closes at `offset`. */
  close(slot: number, offset: number): void {
    this.closes[slot] = offset;
  }

  /** The spans recorded. */
  done(): ContainerSpans {
    return new ContainerSpans(this.opens.subarray(0, this.count), this.closes.subarray(0, this.count));
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
