/**
 * Where a `$ref` leads, for TYPING only. Dify itself follows no `$ref` outside the document
 * (dify-semantics.md §2); its derivation (src/dify) never comes here.
 *
 * - `#/…` resolves in the document that holds the ref (RFC 6901, see `resolvePointer`).
 * - Anything before the `#` names another resource. By default it is never read: the ref is
 *   `external`. With the provider's opt-in (`fileRefs: true`, `--allow-file-refs`) a relative
 *   path is read, resolved against the folder of the document that holds the ref, and only
 *   when it is a regular file whose real path lies inside the real path of the spec's folder
 *   (the folder of the spec named in the manifest). Everything else is `refused`, with why:
 *   see `SPELLING_RULES` and `locateFile`. No URL is ever fetched, whatever its scheme.
 * - `$id` is ignored entirely: it never rebases a ref, so it cannot move a ref out of the
 *   spec's folder (or onto the network).
 *
 * Files are read with the spec reader (`readSpecFile`: JSON, then YAML 1.1, same depth, node
 * and alias limits), each at most FILE_REF_MAX_BYTES, all together at most `limits.maxBytes`,
 * and each once (cached by real path).
 */
import { realpathSync, statSync } from 'node:fs';
import { dirname, posix, relative, resolve } from 'node:path';
import { UserError } from '../diagnostics/diagnostic.js';
import { printable } from '../diagnostics/printable.js';
import { resolveLimits, type Limits } from './limits.js';
import { readSpecFile, type LoadedDocument } from './read-document.js';
import type { Key, Value } from './value.js';
import { inside, toPosix } from '../paths.js';

/**
 * Largest file a `$ref` may read: 8 MiB, a dedicated cap well below the spec's own limit
 * (64 MiB by default). A referenced file holds a few schemas, not a whole API; a lower
 * `limits.maxBytes` lowers it further.
 */
export const FILE_REF_MAX_BYTES = 8 * 1024 * 1024;

/** A schema a `$ref` resolved to. */
export interface SchemaRef {
  /**
   * Stable key, the same on every machine: the pointer for the spec itself (as before file
   * refs existed), `<path from the spec's folder>#<pointer>` for another file.
   */
  key: string;
  document: LoadedDocument;
  /** The JSON pointer inside `document` (`''` for the whole document). */
  pointer: string;
  /** The schema there; undefined when the pointer leads nowhere. */
  value: Value | undefined;
}

/** What became of a `$ref`. */
export type RefResolution =
  | ({ kind: 'schema' } & SchemaRef)
  /** Another resource, and reading files is off; `relativeFile` when turning it on would help. */
  | { kind: 'external'; relativeFile: boolean }
  | FileProblem;

/** A file ref not followed: `refused` by a rule, or `unreadable` (missing, not JSON or YAML, …). */
export type FileProblem = { kind: 'refused'; reason: string } | { kind: 'unreadable'; reason: string };

export interface FileRefOptions {
  /** The spec named in the manifest (absolute path): its folder confines every file read. */
  specFile: string;
  /** How that spec is shown in messages; other files are shown beside it. */
  specDisplay: string;
  limits?: Partial<Limits>;
}

type FileResult = { document: LoadedDocument } | FileProblem;

/**
 * Spellings of the part before `#` that are never read, whatever they point at, checked in
 * this order on the ref as written and again after percent-decoding. The first match is the
 * reason given.
 */
const SPELLING_RULES: ReadonlyArray<{ test: RegExp; reason: string }> = [
  { test: /\0/, reason: 'it contains a NUL byte' },
  { test: /^[A-Za-z]:/, reason: 'it is a Windows drive path; only paths relative to the spec are read' },
  { test: /^file:/i, reason: 'it is a file: URL; only paths relative to the spec are read' },
  { test: /^[A-Za-z][A-Za-z0-9+.-]*:/, reason: 'it is a URL; dify-toolgen never reads from the network' },
  { test: /^[\\/]{2}/, reason: 'it is a network (UNC) path; dify-toolgen never reads from the network' },
  { test: /^\//, reason: 'it is an absolute path; only paths relative to the spec are read' },
  { test: /\\/, reason: 'it contains a backslash; separate folders with /' },
  { test: /\?/, reason: 'it has a query (?…), which a file has not' },
];

function spellingRefusal(target: string): string | undefined {
  return SPELLING_RULES.find((rule) => rule.test.test(target))?.reason;
}

/** Resolves `$ref`s for one provider: its spec and, with the opt-in, the files it refers to. */
export class RefResolver {
  /** Each file read, by real path (the spec itself included once file refs are on). */
  private readonly files = new Map<string, FileResult>();
  /** Each `$ref` already resolved, by the document that holds it and its spelling. */
  private readonly resolved = new Map<LoadedDocument, Map<string, RefResolution>>();
  /** Each file ref already located, by the folder it is relative to and its spelling. */
  private readonly located = new Map<string, FileResult>();
  /** Path from the spec's folder of every other document, `/`-separated. */
  private readonly paths = new Map<LoadedDocument, string>();
  /** Real folder each document's relative refs start from. */
  private readonly folders = new Map<LoadedDocument, string>();
  private root: string | undefined;
  private bytesRead = 0;

  /** Without `fileRefs`, nothing outside `main` is ever read (or even looked at). */
  constructor(
    readonly main: LoadedDocument,
    private readonly fileRefs?: FileRefOptions,
  ) {}

  /** Where `ref`, found in `from`, leads (worked out once per document and spelling). */
  resolve(from: LoadedDocument, ref: string): RefResolution {
    let known = this.resolved.get(from);
    if (known === undefined) this.resolved.set(from, (known = new Map()));
    let resolution = known.get(ref);
    if (resolution === undefined) known.set(ref, (resolution = this.lookUp(from, ref)));
    return resolution;
  }

  private lookUp(from: LoadedDocument, ref: string): RefResolution {
    const hash = ref.indexOf('#');
    const target = hash < 0 ? ref : ref.slice(0, hash);
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    if (target === '') return this.at(from, pointer);
    if (!this.fileRefs) return { kind: 'external', relativeFile: spellingRefusal(target) === undefined };
    const file = this.locateFile(from, target);
    return 'document' in file ? this.at(file.document, pointer) : file;
  }

  /** The schema at a pointer of a document already read. */
  at(document: LoadedDocument, pointer: string): { kind: 'schema' } & SchemaRef {
    return { kind: 'schema', key: this.keyAt(document, pointer), document, pointer, value: resolvePointer(document.value, pointer) };
  }

  /** The key of the schema at a pointer (`SchemaRef.key`), without following the pointer. */
  keyAt(document: LoadedDocument, pointer: string): string {
    const path = this.paths.get(document);
    return path === undefined ? pointer : `${path}#${pointer}`;
  }

  /** How a schema is shown in messages: `#/components/schemas/Pet`, `defs/pet.yaml#/Pet`. */
  label(ref: Pick<SchemaRef, 'document' | 'pointer'>): string {
    return `${this.paths.get(ref.document) ?? ''}#${ref.pointer}`;
  }

  /** The name a schema would like: its last pointer segment, or the file's base name for a whole file. */
  baseName(ref: Pick<SchemaRef, 'document' | 'pointer'>): string {
    const path = this.paths.get(ref.document);
    if (ref.pointer === '' && path !== undefined) return posix.basename(path).replace(/\.[^.]*$/, '');
    return unescapeSegment(ref.pointer.split('/').pop() ?? '');
  }

  /** Finds, checks and reads the file a ref names; every rule that refuses it is here. */
  private locateFile(from: LoadedDocument, target: string): FileResult {
    const root = this.specFolder();
    const folder = this.folders.get(from) ?? root;
    const memo = `${folder}\0${target}`;
    let result = this.located.get(memo);
    if (result === undefined) {
      result = this.checkedFile(root, folder, target);
      this.located.set(memo, result);
    }
    return result;
  }

  private checkedFile(root: string, folder: string, target: string): FileResult {
    const refused = (reason: string): FileResult => ({ kind: 'refused', reason });
    const spelled = spellingRefusal(target);
    if (spelled) return refused(spelled);
    let decoded: string;
    try {
      decoded = decodeURIComponent(target);
    } catch {
      return refused('its percent-encoding is malformed');
    }
    const decodedRefusal = spellingRefusal(decoded);
    if (decodedRefusal) return refused(`once percent-decoded, ${decodedRefusal}`);
    const lexical = resolve(folder, decoded);
    if (!inside(root, lexical)) return refused("it leaves the spec's folder");
    let real: string;
    try {
      real = realpathSync.native(lexical);
    } catch (e) {
      return { kind: 'unreadable', reason: fsReason(e) };
    }
    if (!inside(root, real)) return refused("it is a symbolic link to a place outside the spec's folder");
    return this.fileAt(root, real);
  }

  /** Reads a confined real path once; a FIFO, device or folder is never opened. */
  private fileAt(root: string, real: string): FileResult {
    const cached = this.files.get(real);
    if (cached) return cached;
    const result = this.readFile(root, real);
    this.files.set(real, result);
    return result;
  }

  private readFile(root: string, real: string): FileResult {
    const limits = resolveLimits(this.fileRefs!.limits);
    const cap = Math.min(FILE_REF_MAX_BYTES, limits.maxBytes);
    let size: number;
    try {
      const stat = statSync(real);
      if (!stat.isFile()) return { kind: 'refused', reason: 'it is not a regular file' };
      size = stat.size;
    } catch (e) {
      return { kind: 'unreadable', reason: fsReason(e) };
    }
    if (size > cap) return { kind: 'refused', reason: `the file is ${size} bytes, more than the ${cap} bytes a referenced file may have` };
    if (this.bytesRead + size > limits.maxBytes) {
      return { kind: 'refused', reason: `the files referenced by this spec would be more than ${limits.maxBytes} bytes together (limits.maxBytes)` };
    }
    this.bytesRead += size;
    const path = toPosix(relative(root, real));
    const display = posix.join(posix.dirname(this.fileRefs!.specDisplay), path);
    let document: LoadedDocument;
    try {
      document = readSpecFile(real, { ...limits, maxBytes: cap }, display);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      const first = e.diagnostics[0];
      const where = first?.location?.line !== undefined ? ` (${display}:${first.location.line}:${first.location.column ?? 1})` : '';
      return { kind: 'unreadable', reason: `${first?.message ?? 'it cannot be read'}${where}` };
    }
    this.paths.set(document, path);
    this.folders.set(document, dirname(real));
    return { document };
  }

  /**
   * The real path of the spec's folder, worked out on the first file ref. The spec itself is
   * registered under its real path, so that a file referring back to it finds the same
   * document (and the same named types).
   */
  private specFolder(): string {
    if (this.root === undefined) {
      const { specFile } = this.fileRefs!;
      this.root = realpathSync.native(dirname(specFile));
      this.folders.set(this.main, this.root);
      try {
        this.files.set(realpathSync.native(specFile), { document: this.main });
      } catch {
        // The spec was read a moment ago; if it is gone, refs to it are read as any file.
      }
    }
    return this.root;
  }
}


function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'the file may not be read (permission denied)';
  if (code === 'ELOOP') return 'its symbolic links form a loop';
  return `it cannot be read (${printable(code ?? (e as Error).message, 60)})`;
}

/** RFC 6901 segment: `~1` is `/`, `~0` is `~`, after percent-decoding (a URI fragment). */
function unescapeSegment(raw: string): string {
  let segment = raw;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    // Kept as written: a name is still wanted for it.
  }
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A pointer's segments for `locate` (`~1`, `~0` unescaped, as the pointer is written). */
export function pointerSegments(pointer: string): Key[] {
  return pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A pointer segment percent-decoded (a URI fragment), then `~1` → `/`, `~0` → `~`; undefined when its `%` escapes are malformed. */
function decodedSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return undefined;
  }
}

/** Follows a JSON pointer with RFC 6901 rules (`~1`, `~0`, percent-decoding). */
export function resolvePointer(root: Value, pointer: string): Value | undefined {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let node: Value | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    // Most segments are plain names: nothing to decode (decoding is the identity without `%` and `~`).
    const segment = raw.includes('%') || raw.includes('~') ? decodedSegment(raw) : raw;
    if (segment === undefined) return undefined;
    if (node instanceof Map) {
      node = node.has(segment) ? node.get(segment) : /^-?\d+$/.test(segment) && node.has(Number(segment)) ? node.get(Number(segment)) : undefined;
    } else if (Array.isArray(node) && /^\d+$/.test(segment)) {
      node = node[Number(segment)];
    } else {
      return undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}
