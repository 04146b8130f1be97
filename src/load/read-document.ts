/**
 * Reads a spec the way Dify does (dify-semantics.md §1): the text is stripped, parsed as
 * JSON, and only if that fails (or gives `null`) parsed as YAML 1.1. Size, depth, node and
 * alias counts are bounded. Nothing outside the given text is ever read.
 */
import { isAscii } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { detached, holdsWide } from './narrow.js';
import { error, UserError, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { printable } from '../diagnostics/printable.js';
import { JsonDepthError, JsonSyntaxError, readJson } from './json.js';
import { ContainerSpans, JsonOffsets } from './json-offsets.js';
import { LIMIT_FLAGS, resolveLimits, type Limits } from './limits.js';
import { LineIndex, offsetOf, type PositionTable } from './positions.js';
import { formatPointer, type PointerPath, type Value } from './value.js';
import { LimitError, readYaml, YamlLoadError } from './yaml11.js';
import { withTurbofan } from '../turbofan.js';

export interface LoadedDocument {
  /** The file as the user named it (used in every message). */
  readonly file: string;
  readonly format: 'json' | 'yaml';
  readonly value: Value;
  /** Nodes read, counting each alias expansion. */
  readonly nodes: number;
  /** Where a JSON pointer lies: file, line:column (of the deepest node found) and pointer. */
  locate(path: PointerPath, preferKey?: boolean): Location;
  /** The source line at a location, escaped for display. */
  excerpt(location: Location): string | undefined;
}

// Python's str.strip() removes exactly the characters for which str.isspace() is true.
const PY_SPACE = '\t\n\u000b\u000c\r\u001c\u001d\u001e\u001f \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

/** Python's `str.strip()`, returning the start and end of what is kept. */
export function pythonStrip(text: string): [number, number] {
  let start = 0;
  let end = text.length;
  while (start < end && PY_SPACE.includes(text[start]!)) start++;
  while (end > start && PY_SPACE.includes(text[end - 1]!)) end--;
  return [start, end];
}

/** What a file-system error means for a path read (a spec, the manifest), said plainly. */
export const UNREADABLE: Readonly<Record<string, string>> = {
  EISDIR: 'it is a folder, not a file',
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  ENOTDIR: 'a part of the path is a file, not a folder',
};

/**
 * What `read` returns; a refusal of the file system (permissions, a missing file, a loop of
 * links) is a located UserError `code`: "cannot read <what>: <reason>".
 */
export function readOrRefuse<T>(read: () => T, code: string, what: string, display: string): T {
  try {
    return read();
  } catch (e) {
    const errno = (e as NodeJS.ErrnoException).code;
    if (errno === undefined) throw e;
    throw new UserError(
      error(code, `cannot read ${what}: ${UNREADABLE[errno] ?? printable(errno)}`, {
        location: { file: display },
        hint: errno === 'EACCES' || errno === 'EPERM' ? 'check its owner and permissions' : 'check the path',
      }),
    );
  }
}

/** Reads and parses a spec file. Throws `UserError` for anything Dify could not load. */
export function readSpecFile(file: string, limits: Partial<Limits> = {}, displayName = file): LoadedDocument {
  const resolved = resolveLimits(limits);
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > resolved.maxBytes) throw limitError(displayName, 'maxBytes', `the file is ${size} bytes, more than the limit of ${resolved.maxBytes}`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === undefined ? undefined : UNREADABLE[code];
    throw new UserError(
      error('spec-unreadable', `cannot read the spec: ${why ?? printable(code ?? (e as Error).message)}`, {
        location: { file: displayName },
        hint: code === 'EISDIR' ? 'name the spec file inside the folder' : code === 'EACCES' ? "check the file's owner and permissions" : 'check the path (it is relative to the current folder or the manifest)',
      }),
    );
  }
  let text: string;
  try {
    text = utf8Text(bytes);
  } catch {
    throw new UserError(error('spec-encoding', 'the spec is not valid UTF-8 text', { location: { file: displayName }, hint: 'save the file as UTF-8' }));
  }
  // ASCII bytes (most specs) decode to a one-byte text: no scan of the text needed.
  const wide = !isAscii(bytes) && holdsWide(text);
  return withTurbofan(() => parseText(text, displayName, resolved, wide, textOf(file)));
}

/**
 * How to read a spec file's text again. Made here, not where the text is decoded: a closure
 * shares the scope of the function that makes it, and one that captured `file` beside a
 * closure capturing the text would keep the text alive as long as the document.
 */
function textOf(file: string): () => string {
  return () => utf8Text(readFileSync(file));
}

/**
 * The text of UTF-8 bytes; throws on bytes that are not UTF-8. ASCII bytes are their own
 * text, taken as Latin-1 without the decoder's validation: the same string (13 MB of ASCII:
 * 28 ms in the decoder, 7 ms so, the ASCII test included).
 */
function utf8Text(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/**
 * Parses spec text (already read) the way Dify does. `wide`: whether the text holds a
 * character beyond Latin-1 (then the JSON reader keeps its strings one byte per character
 * where they fit); found by scanning the text when not given.
 */
export function parseSpecText(rawText: string, file: string, limits: Partial<Limits> = {}, wide = holdsWide(rawText)): LoadedDocument {
  return withTurbofan(() => parseText(rawText, file, limits, wide));
}

/** A byte-order mark belongs to the file, not to the schema a user pastes into Dify. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * `parseSpecText`, and for a document read from a file `reread`: how to read its text again
 * after `releaseText` (see there). Callers run it with V8's optimizing compiler: the readers'
 * per-character loops are where it repays its work (src/turbofan.ts).
 */
function parseText(rawText: string, file: string, limits: Partial<Limits>, wide: boolean, reread?: () => string): LoadedDocument {
  const resolved = resolveLimits(limits);
  const text = withoutBom(rawText);
  if (text.length > resolved.maxBytes) throw limitError(file, 'maxBytes', `the text is longer than the limit of ${resolved.maxBytes} bytes`);
  const [start, end] = pythonStrip(text);
  const body = text.slice(start, end);
  const lines = lazyLineIndex(text);
  const where = (offset: number): Location => ({ file, ...lines.at(start + offset) });

  let jsonError: JsonSyntaxError | undefined;
  try {
    const { value, nodes, spans } = readJson(body, { maxDepth: resolved.maxDepth, narrowStrings: wide });
    if (value !== null) return makeDocument({ file, format: 'json', value, nodes, text, start, reread, positions: spans });
  } catch (e) {
    if (e instanceof JsonDepthError) throw limitError(file, 'maxDepth', `nesting is deeper than ${resolved.maxDepth} levels`, where(e.offset));
    if (!(e instanceof JsonSyntaxError)) throw e;
    jsonError = e;
  }

  const positions: PositionTable = new WeakMap();
  let loaded: { value: Value; nodes: number };
  try {
    loaded = readYaml(body, { limits: resolved, positions });
  } catch (e) {
    if (e instanceof LimitError) throw limitError(file, e.limit, e.message, where(e.offset));
    if (!(e instanceof YamlLoadError)) throw e;
    const looksJson = /^[[{]/.test(body) && jsonError !== undefined;
    const location = looksJson ? where(jsonError!.offset) : where(e.offset);
    const detail = looksJson ? `invalid JSON: ${jsonError!.message}` : `invalid YAML: ${printable(e.message)}`;
    const diagnostic = error(e.code === 'yaml-syntax' ? 'not-json-or-yaml' : e.code, `the spec cannot be read: ${detail}`, {
      location,
      dify: 'Dify refuses a schema it cannot load ("schema is neither json nor yaml").',
      hint: LOAD_HINTS[e.code] ?? 'fix the syntax at this position',
    });
    throw new UserError(withExcerpt(diagnostic, lines));
  }
  if (loaded.value === null) {
    throw new UserError(
      error('empty-document', 'the spec is empty', {
        location: { file, line: 1, column: 1 },
        dify: 'Dify refuses an empty schema ("schema is neither json nor yaml").',
        hint: 'paste the OpenAPI document into this file',
      }),
    );
  }
  return makeDocument({ file, format: 'yaml', value: loaded.value, nodes: loaded.nodes, text, start, reread, positions });
}

/** What to do about a YAML value PyYAML cannot build, by error code. */
const LOAD_HINTS: Record<string, string> = {
  'yaml-tag': 'remove the tag: Dify reads YAML with safe_load, which only knows the standard tags',
  'yaml-scalar': 'quote the value to keep it text: PyYAML builds dates, timestamps, numbers and !!binary data from unquoted scalars and refuses ones that are out of range',
};

/** What a document is made of: its value, and what locating in it needs. */
interface DocumentParts {
  file: string;
  format: 'json' | 'yaml';
  value: Value;
  nodes: number;
  /** The text, without a byte-order mark; `start`: where the stripped body opens in it. */
  text: string;
  start: number;
  /** A file's text read again (undefined: the text was given, and is kept). */
  reread?: (() => string) | undefined;
  /** JSON: the large containers the reader recorded (positions are found from the text); YAML: where each node was read. */
  positions: ContainerSpans | PositionTable;
}

/** What locating needs once the first location is asked for: the text, and tables made from it. */
interface LocatingText {
  text: string;
  json?: JsonOffsets;
  lines?: LineIndex;
}

/** How each document read from a file lets go of its text (`releaseText`). */
const RELEASES = new WeakMap<LoadedDocument, () => void>();

/**
 * Lets go of the text a document read by `readSpecFile` keeps for `locate` and `excerpt`
 * (and the tables made from it): `generate` calls it once every diagnostic of a spec is
 * made, so that the emitters do not hold a second copy of the spec (Graph beta's text is
 * 94 MB: 47 M characters, two bytes each for one beyond Latin-1). A later `locate` reads the
 * file again; if it is gone or its length changed, locations name the file and pointer only.
 * A document made by `parseSpecText` keeps its text (there is no file to read again).
 */
export function releaseText(document: LoadedDocument): void {
  RELEASES.get(document)?.();
}

function makeDocument({ file, format, value, nodes, text, start, reread, positions }: DocumentParts): LoadedDocument {
  const length = text.length;
  // The text while held; after `releaseText`, read again on the first location (null: it could not be, and is not tried again).
  let held: LocatingText | null | undefined = { text };
  const locating = (): LocatingText | undefined => {
    if (held === undefined) held = rereadText(reread, length) ?? null;
    return held ?? undefined;
  };
  // JSON positions are found on demand, by skimming the text along each pointer (over the
  // large containers the reader recorded): the fast path (every spec that has nothing to
  // report) never pays for them.
  const offsetAt = (at: LocatingText, path: PointerPath, preferKey: boolean): number | undefined => {
    if (!(positions instanceof ContainerSpans)) return offsetOf(value, positions, path, preferKey);
    at.json ??= new JsonOffsets(at.text.slice(start, pythonStrip(at.text)[1]), positions);
    return at.json.offsetOf(path, preferKey);
  };
  const lineIndex = (at: LocatingText): LineIndex => (at.lines ??= new LineIndex(at.text));
  const document: LoadedDocument = {
    file,
    format,
    value,
    nodes,
    locate(path, preferKey = false) {
      const at = locating();
      if (at === undefined) return { file, pointer: formatPointer(path) };
      const offset = offsetAt(at, path, preferKey) ?? 0;
      return { file, ...lineIndex(at).at(start + offset), pointer: formatPointer(path) };
    },
    excerpt(location) {
      const at = location.line === undefined ? undefined : locating();
      // A copy: a cut of the text would keep all of it alive as long as the diagnostic.
      return at === undefined ? undefined : detached(printable(lineIndex(at).lineText(location.line!), 160));
    },
  };
  if (reread !== undefined) RELEASES.set(document, () => (held = undefined));
  return document;
}

/** A released document's text read again: undefined when it cannot be, or is no longer the text that was parsed. */
function rereadText(reread: (() => string) | undefined, length: number): LocatingText | undefined {
  try {
    const text = reread === undefined ? undefined : withoutBom(reread());
    return text !== undefined && text.length === length ? { text } : undefined;
  } catch {
    return undefined;
  }
}

/** Line and column lookups; the line table is built on the first lookup (most specs have none). */
type LineLookup = Pick<LineIndex, 'at' | 'lineText'>;

function lazyLineIndex(text: string): LineLookup {
  let index: LineIndex | undefined;
  const built = (): LineIndex => (index ??= new LineIndex(text));
  return {
    at: (offset) => built().at(offset),
    lineText: (line) => built().lineText(line),
  };
}

function withExcerpt(diagnostic: Diagnostic, lines: LineLookup): Diagnostic {
  const line = diagnostic.location?.line;
  return line === undefined ? diagnostic : { ...diagnostic, excerpt: printable(lines.lineText(line), 160) };
}

function limitError(file: string, limit: keyof Limits, message: string, location: Location = { file }): UserError {
  return new UserError(
    error(`limit-${limit.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`, `the spec is over a limit: ${message}`, {
      location,
      hint: `raise the limit with ${LIMIT_FLAGS[limit]} <n> (or \`limits.${limit}\` in the manifest) if this document is trusted`,
    }),
  );
}
