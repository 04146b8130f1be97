/**
 * Where go-yaml v3's scanner (libyaml's, `scannerc.go`) reads more than the `yaml` package's
 * lexer does, and how the text is rewritten so that the `yaml` package reads the same value:
 *
 * - the continuation lines of a quoted scalar or of a flow collection (`[…]`, `{…}`) are not
 *   checked for indentation by go-yaml (`yaml_parser_scan_flow_scalar` only stops at a
 *   document marker at column 0); an official plugin ships `llm_description: "first line` /
 *   `second line"` at the key's column. Leading white space of such a line is folded away by
 *   both readers, so padding it with spaces changes no value.
 * - `\'` in a double-quoted scalar is an escape for `'` in go-yaml, an error in the `yaml`
 *   package: the backslash is dropped.
 * - `\/` in a double-quoted scalar is an error in go-yaml ("found unknown escape character"),
 *   and so is `\uD800` (any surrogate: "found invalid Unicode character escape code"); the
 *   `yaml` package accepts both: they are reported here.
 * - go-yaml reads NEL as a line break: `goLineBreaks`.
 *
 * The rewrite keeps a map from offsets in the new text back to the original text, so that
 * every position shown to the user is in the file as written.
 */

/** The text to hand to the `yaml` package, and how its offsets map back to the file. */
export interface LenientText {
  text: string;
  /** The offset in the original text of an offset in `text`. */
  original(offset: number): number;
  /** Escapes go-yaml refuses, as original offsets. */
  badEscapes: number[];
}

interface Piece {
  /** Where the piece starts in the new text and in the original text. */
  at: number;
  from: number;
  /** Inserted text (padding) maps to its insertion point; kept text maps one to one. */
  inserted: boolean;
}

/** Builds the new text from kept ranges and insertions, remembering where each piece came from. */
class TextEdit {
  private readonly parts: string[] = [];
  private readonly pieces: Piece[] = [];
  private length = 0;
  private kept = 0;

  constructor(private readonly source: string) {}

  /** Inserts `text` before the original offset `at` (everything before it is kept). */
  insert(at: number, text: string): void {
    this.keepTo(at);
    this.pieces.push({ at: this.length, from: at, inserted: true });
    this.parts.push(text);
    this.length += text.length;
  }

  /** Drops `count` original characters at `at`. */
  drop(at: number, count: number): void {
    this.keepTo(at);
    this.kept = at + count;
  }

  finish(badEscapes: number[]): LenientText {
    this.keepTo(this.source.length);
    const pieces = this.pieces;
    if (pieces.length <= 1) return { text: this.source, original: (offset) => offset, badEscapes };
    return {
      text: this.parts.join(''),
      badEscapes,
      original(offset) {
        let lo = 0;
        let hi = pieces.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (pieces[mid]!.at <= offset) lo = mid;
          else hi = mid - 1;
        }
        const piece = pieces[lo]!;
        return piece.inserted ? piece.from : piece.from + (offset - piece.at);
      },
    };
  }

  private keepTo(end: number): void {
    if (end <= this.kept) return;
    this.pieces.push({ at: this.length, from: this.kept, inserted: false });
    this.parts.push(this.source.slice(this.kept, end));
    this.length += end - this.kept;
    this.kept = end;
  }
}

const BLANK = /^[ \t\r]*$/;
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?:[ \t\r\n]|$)/;

/**
 * Scans `source` as go-yaml's scanner would for the constructs above and returns the text the
 * `yaml` package reads the same way. Text without them is returned unchanged.
 */
export function lenientText(source: string): LenientText {
  const edit = new TextEdit(source);
  const badEscapes: number[] = [];
  let flowDepth = 0;
  let flowColumn = 0;
  let i = 0;
  let lineStart = 0;
  // True where a scalar may start: after indentation, an indicator, or a flow separator.
  let tokenStart = true;
  const n = source.length;

  /**
   * Pads the line starting at `at`, inside a multi-line construct opened at `column`, past
   * that column. A blank line is left alone (it is a line break in the value either way),
   * and so is a document marker at column 0, which ends the construct in go-yaml too.
   */
  const continuation = (at: number, column: number) => {
    const line = source.slice(at, skipToLineEnd(source, at));
    if (BLANK.test(line) || DOCUMENT_MARKER.test(line)) return;
    edit.insert(at, ' '.repeat(column + 1));
  };

  while (i < n) {
    const c = source[i]!;
    if (c === '\n') {
      i++;
      lineStart = i;
      tokenStart = true;
      if (flowDepth > 0) continuation(i, flowColumn);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' && (i === 0 || /[ \t\r\n]/.test(source[i - 1]!))) {
      i = skipToLineEnd(source, i);
      continue;
    }
    if ((c === '"' || c === "'") && tokenStart) {
      const column = flowDepth > 0 ? flowColumn : i - lineStart;
      i = quotedScalar(source, i, column, edit, badEscapes, continuation);
      tokenStart = false;
      continue;
    }
    if ((c === '|' || c === '>') && tokenStart && flowDepth === 0) {
      i = blockScalarEnd(source, i, lineStart);
      continue;
    }
    if (c === '[' || c === '{') {
      if (flowDepth === 0) flowColumn = i - lineStart;
      flowDepth++;
      i++;
      tokenStart = true;
      continue;
    }
    if ((c === ']' || c === '}') && flowDepth > 0) {
      flowDepth--;
      i++;
      tokenStart = false;
      continue;
    }
    if (c === ',' && flowDepth > 0) {
      i++;
      tokenStart = true;
      continue;
    }
    if ((c === '-' || c === '?' || c === ':') && (i + 1 >= n || /[ \t\r\n]/.test(source[i + 1]!) || (flowDepth > 0 && c === ':' && /[,\]}[{]/.test(source[i + 1]!)))) {
      i++;
      tokenStart = true;
      continue;
    }
    if ((c === '&' || c === '!') && tokenStart) {
      // An anchor or a tag: a scalar may follow it.
      while (i < n && !/[ \t\r\n]/.test(source[i]!)) i++;
      continue;
    }
    // A plain scalar or an alias: read to the next indicator that can end it.
    i = plainEnd(source, i, flowDepth > 0);
    tokenStart = false;
  }
  return edit.finish(badEscapes);
}

/** True when the escape at `at` is `\uXXXX` or `\UXXXXXXXX` naming a surrogate, which go-yaml refuses. */
function surrogateEscape(source: string, at: number): boolean {
  const m = /^\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))/.exec(source.slice(at, at + 10));
  const code = m ? parseInt(m[1] ?? m[2]!, 16) : -1;
  return code >= 0xd800 && code <= 0xdfff;
}

/**
 * The text with each NEL (U+0085) as a line feed: go-yaml's reader normalises NEL to a line
 * break (`yaml_parser_read_line`), in plain and quoted scalars, comments and block scalars
 * alike; the `yaml` package reads it as a character. Same length, so offsets are unchanged.
 * (LS and PS also break lines in go-yaml but are kept in the value; they are left alone.)
 */
export function goLineBreaks(text: string): string {
  return text.includes('\u0085') ? text.replace(/\u0085/g, '\n') : text;
}

function skipToLineEnd(source: string, i: number): number {
  const end = source.indexOf('\n', i);
  return end === -1 ? source.length : end;
}

/** Past the end of the plain scalar starting at `i`, on this line. */
function plainEnd(source: string, i: number, flow: boolean): number {
  const n = source.length;
  let j = i + 1;
  while (j < n) {
    const c = source[j]!;
    if (c === '\n') break;
    if (c === '#' && /[ \t]/.test(source[j - 1]!)) break;
    if (c === ':' && (j + 1 >= n || /[ \t\r\n]/.test(source[j + 1]!) || (flow && /[,\]}[{]/.test(source[j + 1]!)))) break;
    if (flow && /[,\]}[{]/.test(c)) break;
    j++;
  }
  return j;
}

/**
 * Past the closing quote of the quoted scalar at `i` (or the end of the text); pads its
 * continuation lines, drops the backslash of `\'` and records `\/`, in a double-quoted one.
 */
function quotedScalar(source: string, i: number, column: number, edit: TextEdit, badEscapes: number[], continuation: (at: number, column: number) => void): number {
  const quote = source[i]!;
  const n = source.length;
  let j = i + 1;
  while (j < n) {
    const c = source[j]!;
    if (c === quote) {
      if (quote === "'" && source[j + 1] === "'") {
        j += 2;
        continue;
      }
      return j + 1;
    }
    if (quote === '"' && c === '\\') {
      const next = source[j + 1];
      if (next === "'") edit.drop(j, 1);
      else if (next === '/' || surrogateEscape(source, j)) badEscapes.push(j);
      j += next === '\n' || next === undefined ? 1 : 2;
      continue;
    }
    if (c === '\n') {
      j++;
      continuation(j, column);
      continue;
    }
    j++;
  }
  return n;
}

/**
 * Past the content of the block scalar whose header is at `i`: every following line that is
 * blank or indented more than the node holding the header (the first key on its line, or the
 * last `-` before the header).
 */
function blockScalarEnd(source: string, i: number, lineStart: number): number {
  const line = source.slice(lineStart, i);
  const lead = /^(?:[ \t]*[-?](?=[ \t]))*[ \t]*/.exec(line)![0];
  const owner = lead.length < line.length ? lead.length : Math.max(0, line.lastIndexOf('-'), line.lastIndexOf('?'));
  let at = skipToLineEnd(source, i);
  while (at < source.length) {
    const next = at + 1;
    const end = skipToLineEnd(source, next);
    const text = source.slice(next, end);
    const indent = /^ */.exec(text)![0].length;
    if (text.trim() !== '' && indent <= owner) break;
    at = end;
    if (end >= source.length) return source.length;
  }
  return at;
}
