/**
 * Reads a Dify plugin the way Dify's plugin daemon does (dify-semantics.md §6; the daemon's
 * `decoder/helper.go` `Manifest()`): `manifest.yaml` → `plugins.tools` (provider YAML paths)
 * → each provider's `identity` and `tools` (tool YAML paths, or tools written inline) → each
 * tool's `identity`, `description`, `parameters` and `output_schema`.
 *
 * A plugin is a source folder or a `.difypkg` (a zip), read in place from memory: nothing is
 * ever unpacked or written. Paths named in YAML files resolve inside the plugin only (for a
 * folder: after following links). YAML is read as the daemon reads it, with go-yaml v3 rules
 * (see `GoYamlBuilder`), and every problem carries file, line:column, pointer and a hint.
 *
 * Sections: limits · public API · plugin files (folder, archive) · zip central directory ·
 * YAML with go-yaml rules · located documents and typed fields · declarations.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node, type Scalar as YamlScalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { error, UserError, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { printable, quoted } from '../diagnostics/printable.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import { offsetOf, type ContainerPositions, type PositionTable } from '../load/positions.js';
import { formatPointer, type Key, type Mapping, type PointerPath, type Value } from '../load/value.js';
import { closest, inside } from '../manifest/load-manifest.js';
import type { SourceLocation, SourceParameter, SourceParameterType, SourceProvider, SourceTool } from './model.js';

// ───────────────────────────── limits ─────────────────────────────

/** Bounds on what reading a plugin may cost. Real plugins are far below every one. */
export interface PluginLimits {
  /** Largest `.difypkg` read, in bytes (Dify's own default package limit is 50 MB). */
  maxArchiveBytes: number;
  /** Most entries in an archive. */
  maxEntries: number;
  /** Most bytes all entries of an archive may declare once uncompressed. */
  maxTotalBytes: number;
  /** Most bytes any one archive entry may declare once uncompressed. */
  maxEntryBytes: number;
  /** Highest compression ratio of an entry larger than `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this are not checked for their ratio (they cannot hurt). */
  ratioFloorBytes: number;
  /** Largest YAML file read (folder or archive). */
  maxYamlBytes: number;
}

export const PLUGIN_LIMITS: Readonly<PluginLimits> = Object.freeze({
  maxArchiveBytes: 64 * 1024 * 1024,
  maxEntries: 10_000,
  maxTotalBytes: 256 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxYamlBytes: 4 * 1024 * 1024,
});

/** The parameter types the daemon accepts in a tool YAML (`isToolParameterType`, §6). */
export const BUILTIN_PARAMETER_TYPES = [
  'string',
  'number',
  'boolean',
  'select',
  'secret-input',
  'file',
  'files',
  'checkbox',
  'model-selector',
  'app-selector',
  'dynamic-select',
  'any',
  'array',
  'object',
  'date',
  'date-range',
] as const satisfies readonly SourceParameterType[];

/** `form: llm` is filled by the model, `form` is configured by the user, `schema` by Dify. */
export const PARAMETER_FORMS = ['llm', 'form', 'schema'] as const;

// The daemon's name rules: plugin ids (`PluginUniqueIdentifier`), tool and provider identities.
const AUTHOR_NAME = /^[a-z0-9_-]{1,64}$/;
const PLUGIN_NAME = /^[a-z0-9_-]{1,128}$/;
const IDENTITY_NAME = /^[a-zA-Z0-9_-]+$/;

const DAEMON_REFUSES = 'The Dify plugin daemon refuses to load this plugin.';

// ───────────────────────────── public API ─────────────────────────────

export interface ReadPluginOptions {
  /** Folder that a relative `path` is resolved against (the project folder). */
  root: string;
  /** The plugin path as shown in messages, e.g. `plugins/tavily` or `plugins/x.difypkg`. */
  display: string;
  /** Bounds; defaults in `PLUGIN_LIMITS`. */
  limits?: Partial<PluginLimits>;
}

/**
 * Reads the tool provider of a plugin folder or `.difypkg`, as Dify does. Throws one
 * `UserError` carrying every error found; warnings are returned in `diagnostics`.
 */
export function readPlugin(path: string, options: ReadPluginOptions): SourceProvider {
  const limits: PluginLimits = { ...PLUGIN_LIMITS, ...options.limits };
  const files = openPlugin(resolve(options.root, path), options.display, limits);
  const report = new Report();
  const manifest = loadYaml(files, 'manifest.yaml', undefined, report, limits);
  if (!manifest) throw new UserError(report.diagnostics.filter((d) => d.severity === 'error'));
  const plugin = manifestDeclaration(manifest, report);

  // The daemon reads every provider listed, and each one replaces the one before: the last wins.
  let chosen: ProviderRead | undefined;
  plugin.providers.forEach((providerPath, i) => {
    const providerDoc = loadYaml(files, providerPath, { doc: manifest, path: ['plugins', 'tools', i], what: 'provider file' }, report, limits);
    if (providerDoc) chosen = providerDeclaration(providerDoc, files, report, limits);
  });
  if (plugin.providers.length > 1) {
    report.add(
      notice(manifest, 'plugin-several-providers', `the plugin lists ${plugin.providers.length} tool providers; Dify keeps only the last one`, ['plugins', 'tools'], 'list one provider file under plugins.tools', {
        dify: 'The daemon reads each provider file in turn and keeps the last.',
      }),
    );
  }
  report.throwIfFailed();
  if (!chosen || plugin.author === undefined || plugin.name === undefined) throw new Error('readPlugin: a plugin without errors has a provider');
  const provider: SourceProvider = { kind: 'builtin', id: `${plugin.author}/${plugin.name}/${chosen.name}`, tools: chosen.tools, diagnostics: report.warnings() };
  if (chosen.label !== undefined) provider.label = chosen.label;
  // FillInDefaultValues: a provider without an en_US description takes the plugin's.
  const description = chosen.description || plugin.description;
  if (description) provider.description = description;
  return provider;
}

/** A builtin tool declared inline in the manifest: its parameters in the tool YAML's shape. */
export interface InlineBuiltinTool {
  /** The tool YAML's `identity.name`. */
  name: string;
  label?: string;
  description?: string;
  /** `[{name, type, required, form, options: [{value}], default, min, max, label, human_description, llm_description}]`. */
  parameters?: unknown;
  /** A JSON Schema for the tool's JSON output. */
  output_schema?: unknown;
}

/**
 * Validates a builtin tool declared inline (already-parsed plain data) with exactly the rules
 * applied to a tool YAML. `locate` maps a path inside `tool` (`['parameters', 0, 'type']`,
 * `[]` for the tool itself) to its place in the manifest. Returns errors and warnings; the
 * tool is usable only when there is no error.
 */
export function builtinToolFromInline(tool: InlineBuiltinTool, locate: (path: readonly (string | number)[]) => SourceLocation): { tool: SourceTool; diagnostics: Diagnostic[] } {
  const doc = plainDoc(tool, locate);
  const report = new Report();
  const name = identityName(doc, ['name'], report, 'the tool');
  const parameters = toolParameters(doc, ['parameters'], report);
  const result: SourceTool = { name: name ?? tool.name, parameters, location: locate([]) };
  if (typeof tool.label === 'string') result.label = tool.label;
  if (typeof tool.description === 'string') result.description = tool.description;
  const schema = outputSchema(doc, ['output_schema'], report);
  if (schema !== undefined) result.outputSchema = schema;
  return { tool: result, diagnostics: report.diagnostics };
}

// ───────────────────────────── plugin files ─────────────────────────────

/** The files of a plugin, addressed by canonical `/`-separated paths inside it. */
interface PluginFiles {
  readonly archive: boolean;
  /** How a file inside the plugin is shown: `plugins/x/tools/a.yaml`, `plugins/x.difypkg!tools/a.yaml`. */
  display(path: string): string;
  /** The bytes of a file; throws `FileProblem`. */
  read(path: string): Buffer;
}

/** Why a file of the plugin cannot be read; reported where the file is referenced. */
class FileProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

function openPlugin(path: string, display: string, limits: PluginLimits): PluginFiles {
  const where = { location: { file: display } };
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new UserError(error('plugin-not-found', `there is no plugin at ${quoted(display)}`, { ...where, hint: 'give a plugin source folder (with manifest.yaml) or a .difypkg file' }));
  }
  if (stat.isDirectory()) return folderFiles(path, display, limits);
  if (!stat.isFile()) throw new UserError(error('plugin-not-found', `${quoted(display)} is neither a folder nor a file`, { ...where, hint: 'give a plugin source folder or a .difypkg file' }));
  if (stat.size > limits.maxArchiveBytes) {
    throw new UserError(error('plugin-zip-limit', `the package is ${stat.size} bytes, more than the limit of ${limits.maxArchiveBytes}`, { ...where, hint: 'check that this is the plugin package you meant' }));
  }
  const bytes = readFileSync(path);
  try {
    return archiveFiles(bytes, readZipDirectory(bytes, limits), display, limits);
  } catch (e) {
    if (e instanceof FileProblem) throw new UserError(error(e.code, `the package ${quoted(display)} ${e.message}`, { ...where, hint: e.hint }));
    throw e;
  }
}

function folderFiles(root: string, display: string, limits: PluginLimits): PluginFiles {
  const realRoot = realpathSync(root);
  return {
    archive: false,
    display: (path) => `${display}/${path}`,
    read(path) {
      let real: string;
      try {
        real = realpathSync(join(realRoot, ...path.split('/')));
      } catch {
        throw new FileProblem('plugin-missing-file', 'does not exist', 'the path is relative to the plugin folder');
      }
      if (!inside(realRoot, real)) {
        throw new FileProblem('plugin-path-outside', 'is a link to a file outside the plugin folder', 'keep every file the plugin declares inside its folder (links are followed when checking)');
      }
      const stat = statSync(real);
      if (!stat.isFile()) throw new FileProblem('plugin-missing-file', 'is not a file', 'name a YAML file');
      if (stat.size > limits.maxYamlBytes) throw new FileProblem('plugin-yaml-limit', `is ${stat.size} bytes, more than the limit of ${limits.maxYamlBytes} for a YAML file`, 'check the path');
      return readFileSync(real);
    },
  };
}

function archiveFiles(bytes: Buffer, directory: ZipDirectory, display: string, limits: PluginLimits): PluginFiles {
  return {
    archive: true,
    display: (path) => `${display}!${path}`,
    read(path) {
      const entry = directory.entries.get(path);
      if (!entry || entry.directory) throw new FileProblem('plugin-missing-file', 'is not in the package', 'the path is relative to the package root; list the entries with `unzip -l`');
      if (entry.link) throw new FileProblem('plugin-path-outside', 'is a symbolic link in the package', 'package the file itself, not a link to it');
      if (entry.size > limits.maxYamlBytes) throw new FileProblem('plugin-yaml-limit', `declares ${entry.size} bytes, more than the limit of ${limits.maxYamlBytes} for a YAML file`, 'check the path');
      return readZipEntry(bytes, entry, directory.dataEnd);
    },
  };
}

/**
 * A path named in a plugin YAML, as a canonical path inside the plugin, or why it is refused.
 * The daemon cleans paths (`tools/../tools/a.yaml` is `tools/a.yaml`) and refuses any that
 * leave the plugin; a backslash is not a separator on Linux, where Dify runs.
 */
function pluginPath(raw: string): { path: string; canonical: boolean } | { refused: string } {
  if (raw === '') return { refused: 'is empty' };
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { refused: 'contains a control character' };
  if (raw.includes('\\')) return { refused: 'contains a backslash (use / between folders)' };
  if (/^[A-Za-z]:/.test(raw)) return { refused: 'starts with a drive letter' };
  if (raw.startsWith('/')) return { refused: 'is an absolute path' };
  const clean = posix.normalize(raw);
  if (clean === '..' || clean.startsWith('../')) return { refused: 'leaves the plugin' };
  if (clean === '.' || clean.endsWith('/')) return { refused: 'names a folder, not a file' };
  return { path: clean, canonical: clean === raw };
}

// ───────────────────────────── zip central directory ─────────────────────────────

interface ZipEntry {
  name: string;
  nameBytes: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  directory: boolean;
  link: boolean;
}

interface ZipDirectory {
  entries: Map<string, ZipEntry>;
  /** Where entry data must end: the start of the central directory. */
  dataEnd: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const REBUILD = 'rebuild the package with `dify plugin package`';

/**
 * Reads and checks a zip's central directory (APPNOTE 4.3.12–4.3.16): every entry name must
 * be a plain relative path, sizes and ratios stay within the limits. ZIP64, multi-disk and
 * overlapping layouts are refused: `dify plugin package` never writes them.
 */
function readZipDirectory(bytes: Buffer, limits: PluginLimits): ZipDirectory {
  const invalid = (message: string) => new FileProblem('plugin-zip-invalid', message, REBUILD);
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) throw invalid('is not a zip archive (a .difypkg is one)');
  const total = bytes.readUInt16LE(eocd + 10);
  const cdSize = bytes.readUInt32LE(eocd + 12);
  const cdOffset = bytes.readUInt32LE(eocd + 16);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw invalid('is a ZIP64 archive, which is not supported');
  if (bytes.readUInt16LE(eocd + 4) !== 0 || bytes.readUInt16LE(eocd + 6) !== 0 || bytes.readUInt16LE(eocd + 8) !== total) throw invalid('is a multi-part archive');
  if (total > limits.maxEntries) throw new FileProblem('plugin-zip-limit', `has ${total} entries, more than the limit of ${limits.maxEntries}`, 'a plugin package holds its code and YAML files; check that this is the package you meant');
  if (cdOffset + cdSize > eocd) throw invalid('has a central directory outside the archive');

  const entries = new Map<string, ZipEntry>();
  let totalSize = 0;
  let pos = cdOffset;
  for (let i = 0; i < total; i++) {
    if (pos + 46 > cdOffset + cdSize || bytes.readUInt32LE(pos) !== CENTRAL) throw invalid('has a damaged central directory');
    const nameLength = bytes.readUInt16LE(pos + 28);
    const next = pos + 46 + nameLength + bytes.readUInt16LE(pos + 30) + bytes.readUInt16LE(pos + 32);
    if (next > cdOffset + cdSize) throw invalid('has a damaged central directory');
    const nameBytes = bytes.subarray(pos + 46, pos + 46 + nameLength);
    const entry: ZipEntry = {
      name: '',
      nameBytes,
      flags: bytes.readUInt16LE(pos + 8),
      method: bytes.readUInt16LE(pos + 10),
      crc: bytes.readUInt32LE(pos + 16),
      compressedSize: bytes.readUInt32LE(pos + 20),
      size: bytes.readUInt32LE(pos + 24),
      localOffset: bytes.readUInt32LE(pos + 42),
      directory: false,
      // Unix mode in the high half of the external attributes, when made on Unix (host 3).
      link: bytes.readUInt8(pos + 5) === 3 && ((bytes.readUInt32LE(pos + 38) >>> 16) & 0o170000) === 0o120000,
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) throw invalid('is a ZIP64 archive, which is not supported');
    const name = decodeEntryName(nameBytes);
    const unsafe = name === undefined ? 'a name that is not UTF-8' : unsafeEntryName(name);
    if (unsafe !== undefined || name === undefined) {
      throw new FileProblem('plugin-zip-unsafe-path', `has an entry ${quoted(name ?? nameBytes.toString('latin1'))} with ${unsafe}; such a package is refused`, `${REBUILD} from a clean folder`);
    }
    entry.directory = name.endsWith('/');
    entry.name = entry.directory ? name.slice(0, -1) : name;
    if (entries.has(entry.name)) throw invalid(`has two entries named ${quoted(entry.name)}`);
    checkEntrySize(entry, limits);
    totalSize += entry.size;
    if (totalSize > limits.maxTotalBytes) throw new FileProblem('plugin-zip-limit', `declares more than ${limits.maxTotalBytes} bytes once uncompressed`, 'check that this is the plugin package you meant');
    entries.set(entry.name, entry);
    pos = next;
  }
  return { entries, dataEnd: cdOffset };
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const last = bytes.length - 22;
  for (let i = last; i >= 0 && i >= last - 0xffff; i--) {
    if (bytes.readUInt32LE(i) === EOCD && i + 22 + bytes.readUInt16LE(i + 20) <= bytes.length) return i;
  }
  return -1;
}

function decodeEntryName(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Why an entry name is refused (zip-slip and friends), or undefined when it is a plain relative path. */
function unsafeEntryName(name: string): string | undefined {
  if (name === '' || name === '/') return 'an empty name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a control character in its name';
  if (name.includes('\\')) return 'a backslash in its name';
  if (/^[A-Za-z]:/.test(name)) return 'a drive letter';
  if (name.startsWith('/')) return 'an absolute path';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return 'a ".." segment';
  if (segments.some((s) => s === '' || s === '.')) return 'an empty or "." segment';
  return undefined;
}

function checkEntrySize(entry: ZipEntry, limits: PluginLimits): void {
  const limit = (message: string) => new FileProblem('plugin-zip-limit', `has an entry ${quoted(entry.name)} that ${message}`, 'this looks like a zip bomb; check that this is the plugin package you meant');
  if (entry.size > limits.maxEntryBytes) throw limit(`declares ${entry.size} bytes, more than the limit of ${limits.maxEntryBytes}`);
  if (entry.size > limits.ratioFloorBytes && entry.size > entry.compressedSize * limits.maxRatio) {
    const ratio = entry.compressedSize === 0 ? 'an unbounded' : `a ${Math.round(entry.size / entry.compressedSize)}:1`;
    throw limit(`inflates ${entry.compressedSize} bytes to ${entry.size}, ${ratio} ratio (the limit is ${limits.maxRatio}:1)`);
  }
}

/** The bytes of one entry: its data inflated within its declared size, and its CRC checked. */
function readZipEntry(bytes: Buffer, entry: ZipEntry, dataEnd: number): Buffer {
  const damaged = (what: string) => new FileProblem('plugin-zip-invalid', `is damaged in the package (${what})`, REBUILD);
  const at = entry.localOffset;
  if (at + 30 > dataEnd || bytes.readUInt32LE(at) !== LOCAL) throw damaged('no local header');
  const nameLength = bytes.readUInt16LE(at + 26);
  if (!bytes.subarray(at + 30, at + 30 + nameLength).equals(entry.nameBytes)) throw damaged('its local name differs from the directory');
  const start = at + 30 + nameLength + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > dataEnd) throw damaged('its data runs past the entries');
  if (entry.flags & 0x1) throw new FileProblem('plugin-zip-invalid', 'is encrypted in the package', REBUILD);
  const data = bytes.subarray(start, end);
  let out: Buffer;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged('stored sizes disagree');
    out = Buffer.from(data);
  } else if (entry.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new FileProblem('plugin-zip-limit', `inflates to more than the ${entry.size} bytes it declares`, 'this looks like a zip bomb; check that this is the plugin package you meant');
      }
      throw damaged('its data does not inflate');
    }
  } else {
    throw new FileProblem('plugin-zip-invalid', `uses compression method ${entry.method}; only stored and deflated entries are read`, REBUILD);
  }
  if (out.length !== entry.size) throw damaged(`it inflates to ${out.length} bytes, not the ${entry.size} it declares`);
  if (crc32(out) !== entry.crc) throw damaged('its checksum does not match');
  return out;
}

let CRC_TABLE: Uint32Array | undefined;

function crc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// ───────────────────────────── YAML with go-yaml rules ─────────────────────────────

/** A problem go-yaml would raise, at a text offset. */
class GoYamlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly code = 'plugin-yaml-syntax',
  ) {
    super(message);
  }
}

const GO_NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const GO_BOOL = new Map([
  ['true', true],
  ['True', true],
  ['TRUE', true],
  ['false', false],
  ['False', false],
  ['FALSE', false],
]);
const GO_SPECIAL_FLOAT = new Map([
  ['.nan', NaN],
  ['.NaN', NaN],
  ['.NAN', NaN],
  ['.inf', Infinity],
  ['.Inf', Infinity],
  ['.INF', Infinity],
  ['+.inf', Infinity],
  ['+.Inf', Infinity],
  ['+.INF', Infinity],
  ['-.inf', -Infinity],
  ['-.Inf', -Infinity],
  ['-.INF', -Infinity],
]);
// strconv.ParseInt(text without "_", 0, 64): decimal, 0x, 0o, 0b, and 0-prefixed octal.
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const TAG = 'tag:yaml.org,2002:';

/** go-yaml v3's `resolve` for a plain scalar: null, bool (YAML 1.2 words only), int, float, or text. */
function goResolve(text: string): Value {
  if (GO_NULL.has(text)) return null;
  const bool = GO_BOOL.get(text);
  if (bool !== undefined) return bool;
  const special = GO_SPECIAL_FLOAT.get(text);
  if (special !== undefined) return special;
  if (/^[-+.0-9]/.test(text)) {
    const plain = text.replace(/_/g, '');
    if (GO_INT.test(plain)) return goInt(plain);
    if (GO_FLOAT.test(plain)) return Number(plain);
  }
  return text;
}

function goInt(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.replace(/^[-+]/, '');
  if (/^0[xX]/.test(digits)) return sign * parseInt(digits.slice(2), 16);
  if (/^0[oO]/.test(digits)) return sign * parseInt(digits.slice(2), 8);
  if (/^0[bB]/.test(digits)) return sign * parseInt(digits.slice(2), 2);
  if (digits.length > 1 && digits.startsWith('0')) return sign * parseInt(digits, 8);
  return sign * Number(digits);
}

interface GoYaml {
  value: Value;
  positions: PositionTable;
  /** The source text of each scalar child, per container (go-yaml decodes a scalar into a string field as written). */
  texts: WeakMap<object, Map<Key, string>>;
}

/**
 * Builds the value go-yaml v3 gives a document: YAML 1.2 core scalars (`yes`, `on` stay text;
 * `010` is 8; `1_000` is 1000), merge keys, aliases (counted, so an alias bomb stops), and
 * mappings as `Map`s with string keys (never plain objects: no `__proto__` pollution).
 */
class GoYamlBuilder {
  readonly positions: PositionTable = new WeakMap();
  readonly texts = new WeakMap<object, Map<Key, string>>();
  private readonly anchors = new Map<string, Value>();
  private readonly sizes = new WeakMap<object, number>();
  private nodes = 0;
  private aliases = 0;

  build(node: Node | null, depth: number): Value {
    if (node === null) return null;
    const offset = node.range?.[0] ?? 0;
    if (depth > DEFAULT_LIMITS.maxDepth) throw new GoYamlError(`nesting is deeper than ${DEFAULT_LIMITS.maxDepth} levels`, offset, 'plugin-yaml-limit');
    if (isAlias(node)) return this.alias(node.source, offset);
    this.count(1, offset);
    const before = this.nodes;
    let value: Value;
    if (isScalar(node)) value = this.scalar(node);
    else if (isMap(node)) value = this.mapping(node, depth);
    else if (isSeq(node)) value = this.sequence(node, depth);
    else throw new GoYamlError('unexpected YAML node', offset);
    // Registered once built: an alias inside its own anchor is undefined, as in go-yaml.
    if (node.anchor) {
      this.anchors.set(node.anchor, value);
      if (typeof value === 'object' && value !== null) this.sizes.set(value, this.nodes - before + 1);
    }
    return value;
  }

  private count(n: number, offset: number): void {
    this.nodes += n;
    if (this.nodes > DEFAULT_LIMITS.maxNodes) throw new GoYamlError(`the document expands to more than ${DEFAULT_LIMITS.maxNodes} nodes`, offset, 'plugin-yaml-limit');
  }

  private alias(name: string, offset: number): Value {
    const target = this.anchors.get(name);
    if (target === undefined && !this.anchors.has(name)) throw new GoYamlError(`unknown anchor ${quoted(name)} referenced`, offset);
    if (++this.aliases > DEFAULT_LIMITS.maxAliases) throw new GoYamlError(`the document uses more than ${DEFAULT_LIMITS.maxAliases} aliases`, offset, 'plugin-yaml-limit');
    this.count(typeof target === 'object' && target !== null ? (this.sizes.get(target) ?? 1) : 1, offset);
    return target ?? null;
  }

  private scalar(node: YamlScalar): Value {
    const text = String(node.value ?? '');
    const tag = node.tag;
    if (tag === undefined || tag === '!') return node.type === 'PLAIN' && tag === undefined ? goResolve(text) : text;
    if (tag === `${TAG}str` || tag === `${TAG}binary` || tag === `${TAG}timestamp` || !tag.startsWith(TAG)) return text;
    const value = goResolve(text);
    const kind = tag.slice(TAG.length);
    const ok =
      (kind === 'null' && value === null) ||
      (kind === 'bool' && typeof value === 'boolean') ||
      (kind === 'int' && typeof value === 'number' && Number.isInteger(value)) ||
      (kind === 'float' && typeof value === 'number');
    if (!ok) throw new GoYamlError(`cannot decode !!${kind} ${quoted(text)}`, node.range?.[0] ?? 0);
    return value;
  }

  private sequence(node: YAMLSeq, depth: number): Value[] {
    const list: Value[] = [];
    const positions: ContainerPositions = { start: node.range?.[0] ?? 0, keys: new Map(), values: new Map() };
    const texts = new Map<Key, string>();
    this.positions.set(list, positions);
    this.texts.set(list, texts);
    for (const item of node.items as Array<Node | null>) {
      positions.values.set(list.length, item?.range?.[0] ?? positions.start);
      if (item && isScalar(item)) texts.set(list.length, String(item.value ?? ''));
      list.push(this.build(item, depth + 1));
    }
    return list;
  }

  private mapping(node: YAMLMap, depth: number): Mapping {
    const map: Mapping = new Map();
    const start = node.range?.[0] ?? 0;
    const positions: ContainerPositions = { start, keys: new Map(), values: new Map() };
    const texts = new Map<Key, string>();
    this.positions.set(map, positions);
    this.texts.set(map, texts);
    const merged: Array<[Key, Value]> = [];
    const own: Array<{ key: string; value: Value; keyOffset: number; valueOffset: number; text?: string }> = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const keyOffset = keyNode?.range?.[0] ?? start;
      if (keyNode !== null && !isScalar(keyNode)) throw new GoYamlError('a mapping key must be a plain value, not a mapping or list', keyOffset);
      const key = keyNode === null ? '' : String(keyNode.value ?? '');
      if (keyNode !== null && keyNode.type === 'PLAIN' && keyNode.tag === undefined && key === '<<') {
        merged.push(...this.mergeSource(valueNode, depth, valueNode?.range?.[0] ?? keyOffset));
        continue;
      }
      const entry: (typeof own)[number] = { key, value: this.build(valueNode, depth + 1), keyOffset, valueOffset: valueNode?.range?.[0] ?? keyOffset };
      if (valueNode && isScalar(valueNode)) entry.text = String(valueNode.value ?? '');
      own.push(entry);
    }
    // Merged entries first; the mapping's own keys win (go-yaml and PyYAML agree on this).
    for (const [key, value] of merged) if (!map.has(key)) map.set(key, value);
    for (const entry of own) {
      map.set(entry.key, entry.value);
      positions.keys.set(entry.key, entry.keyOffset);
      positions.values.set(entry.key, entry.valueOffset);
      if (entry.text !== undefined) texts.set(entry.key, entry.text);
    }
    return map;
  }

  /** The entries a `<<` contributes; with a list, earlier mappings win. */
  private mergeSource(node: Node | null, depth: number, offset: number): Array<[Key, Value]> {
    const sources = node !== null && isSeq(node) ? (node.items as Array<Node | null>) : [node];
    const out: Array<[Key, Value]> = [];
    for (const source of sources) {
      const value = this.build(source, depth + 1);
      if (!(value instanceof Map)) throw new GoYamlError('map merge requires a mapping or a list of mappings', offset);
      out.push(...value.entries());
    }
    return out;
  }
}

// ───────────────────────────── located documents and typed fields ─────────────────────────────

/**
 * One declaration source: a YAML file of the plugin, a DSL, or inline data of the manifest.
 * Shared with `workflow.ts`.
 */
export interface Doc {
  readonly value: Value;
  /** file, line:column and pointer of the node at `path` (or the nearest container on the way). */
  locate(path: PointerPath, preferKey?: boolean): SourceLocation;
  /** The source text of the scalar at `path`, when it came from YAML. */
  rawText(path: PointerPath): string | undefined;
  /** The source line, escaped, for messages. */
  excerpt(line: number): string | undefined;
}

/** Diagnostics collected while reading; the errors are thrown together at the end. Shared with `workflow.ts`. */
export class Report {
  readonly diagnostics: Diagnostic[] = [];
  add(d: Diagnostic): void {
    this.diagnostics.push(d);
  }
  get failed(): boolean {
    return this.diagnostics.some((d) => d.severity === 'error');
  }
  warnings(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === 'warning');
  }
  throwIfFailed(): void {
    if (this.failed) throw new UserError(this.diagnostics.filter((d) => d.severity === 'error'));
  }
}

interface Extra {
  dify?: string;
  preferKey?: boolean;
}

/** An error located at `path` in `doc`, with the source line. Shared with `workflow.ts`. */
export function problem(doc: Doc, code: string, message: string, path: PointerPath, hint: string, extra: Extra = {}): Diagnostic {
  return error(code, message, located(doc, path, hint, extra));
}

/** A warning located at `path` in `doc`. Shared with `workflow.ts`. */
export function notice(doc: Doc, code: string, message: string, path: PointerPath, hint: string, extra: Extra = {}): Diagnostic {
  return warning(code, message, located(doc, path, hint, extra));
}

function located(doc: Doc, path: PointerPath, hint: string, extra: Extra): Omit<Diagnostic, 'code' | 'severity' | 'message'> {
  const location = doc.locate(path, extra.preferKey);
  const out: Omit<Diagnostic, 'code' | 'severity' | 'message'> = { location, hint };
  if (extra.dify) out.dify = extra.dify;
  const excerpt = location.line === undefined ? undefined : doc.excerpt(location.line);
  if (excerpt !== undefined) out.excerpt = excerpt;
  return out;
}

/** The value at `path`, or undefined where the path leaves the data. Shared with `workflow.ts`. */
export function valueAt(root: Value, path: PointerPath): Value | undefined {
  let node: Value | undefined = root;
  for (const segment of path) {
    if (node instanceof Map) node = node.get(segment);
    else if (Array.isArray(node) && typeof segment === 'number') node = node[segment];
    else return undefined;
  }
  return node;
}

/** What a value is, for messages. Shared with `workflow.ts`. */
export function kindOf(value: Value | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (value instanceof Map) return 'mapping';
  if (Array.isArray(value)) return 'list';
  return typeof value === 'string' ? 'text' : typeof value;
}

/** A position finder for text: offsets → 1-based line and column, through the `yaml` LineCounter. Shared with `workflow.ts`. */
export function lineCounterFor(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/** A `Doc` over text already loaded with positions. Shared with `workflow.ts`. */
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
    excerpt(line) {
      const start = lines.lineStarts[line - 1];
      if (start === undefined) return undefined;
      const end = text.indexOf('\n', start);
      return printable(text.slice(start, end === -1 ? undefined : end).replace(/\r$/, ''), 160);
    },
  };
}

/** A `Doc` over already-parsed plain data (the manifest's inline declarations). Shared with `workflow.ts`. */
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

/** A name for the field at `path` in messages: `identity.name`, `parameters[2].type`. */
function fieldName(path: PointerPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

// go-yaml v3 decodes these texts into a Go bool (its YAML 1.1 compatibility, decode.go).
const GO_YES = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const GO_NO = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);

function badField(doc: Doc, path: PointerPath, report: Report, wanted: string, value: Value): undefined {
  const shown = value instanceof Map || Array.isArray(value) || value === null ? `a ${kindOf(value)}` : typeof value === 'string' ? quoted(value) : printable(doc.rawText(path) ?? String(value), 60);
  report.add(problem(doc, 'plugin-invalid-value', `\`${fieldName(path)}\` must be ${wanted}, not ${shown}`, path, `write ${wanted}`, { dify: DAEMON_REFUSES }));
  return undefined;
}

/** A Go `string` field: a scalar as written; null is empty (undefined here). */
function goString(doc: Doc, path: PointerPath, report: Report): string | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return doc.rawText(path) ?? String(value);
  return badField(doc, path, report, 'text', value);
}

/** A Go `bool` field: true/false, or go-yaml's YAML 1.1 words (yes, no, on, off, y, n). */
function goBool(doc: Doc, path: PointerPath, report: Report): boolean | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && GO_YES.has(value)) return true;
  if (typeof value === 'string' && GO_NO.has(value)) return false;
  return badField(doc, path, report, 'true or false', value);
}

/** A Go `float64` (or, with `integer`, `int`: the fraction is dropped) field. */
function goNumber(doc: Doc, path: PointerPath, report: Report, integer = false): number | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return integer ? Math.trunc(value) : value;
  return badField(doc, path, report, integer ? 'a whole number' : 'a finite number', value);
}

/** A Go `any` default as Dify keeps it: a scalar, else null. */
function goDefault(doc: Doc, path: PointerPath, report: Report): string | number | boolean | null {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null || value instanceof Map || Array.isArray(value)) return null;
  // The daemon sends declarations to Dify as JSON, which has no NaN or infinity.
  if (typeof value === 'number' && !Number.isFinite(value)) return badField(doc, path, report, 'a finite number', value) ?? null;
  return value;
}

/** An I18nObject field: its `en_US` text. */
function i18n(doc: Doc, path: PointerPath, report: Report): string | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof Map)) return badField(doc, path, report, 'a mapping of languages (en_US: …)', value);
  return goString(doc, [...path, 'en_US'], report);
}

/** True when the value at `path` is a mapping or absent; reports anything else. */
function mappingOrAbsent(doc: Doc, path: PointerPath, report: Report): boolean {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null || value instanceof Map) return true;
  badField(doc, path, report, 'a mapping', value);
  return false;
}

/** A required text field; reports it missing (at its parent) or empty. */
function required(doc: Doc, path: PointerPath, report: Report, owner: string, hint: string): string | undefined {
  const value = goString(doc, path, report);
  if (value === undefined || value === '') {
    const present = valueAt(doc.value, path) !== undefined;
    report.add(problem(doc, 'plugin-missing-key', `${owner} has no \`${fieldName(path)}\``, present ? path : path.slice(0, -1), hint, { dify: DAEMON_REFUSES }));
    return undefined;
  }
  return value;
}

/** A tool or provider identity name: required, and `^[a-zA-Z0-9_-]+$` as the daemon requires. */
function identityName(doc: Doc, path: PointerPath, report: Report, owner: string): string | undefined {
  const name = required(doc, path, report, owner, `add \`${String(path[path.length - 1])}: <name>\` (letters, digits, _ and -)`);
  if (name !== undefined && !IDENTITY_NAME.test(name)) {
    report.add(problem(doc, 'plugin-invalid-name', `the name ${quoted(name)} of ${owner} is not letters, digits, _ and - only`, path, 'rename it: the daemon checks ^[a-zA-Z0-9_-]+$', { dify: DAEMON_REFUSES }));
    return undefined;
  }
  return name;
}

// ───────────────────────────── declarations ─────────────────────────────

/** Where a file is referenced from: the YAML node that names it. */
interface Reference {
  doc: Doc;
  path: PointerPath;
  what: string;
}

/** Loads one YAML file of the plugin; reports (where it is referenced) why it cannot be read. */
function loadYaml(files: PluginFiles, raw: string, from: Reference | undefined, report: Report, limits: PluginLimits): Doc | undefined {
  const what = from?.what ?? 'manifest';
  const fail = (code: string, message: string, hint: string) =>
    report.add(from ? problem(from.doc, code, `the ${what} ${quoted(raw)} ${message}`, from.path, hint, { dify: DAEMON_REFUSES }) : error(code, `${quoted(files.display(raw))} ${message}`, { location: { file: files.display(raw) }, hint }));
  const resolved = pluginPath(raw);
  if ('refused' in resolved) {
    fail('plugin-path-outside', resolved.refused, 'name a file inside the plugin, relative to its root, with / between folders');
    return undefined;
  }
  if (files.archive && !resolved.canonical) {
    fail('plugin-missing-file', `is not a plain path inside the package (Dify looks up ${quoted(resolved.path)} only as written)`, `write ${quoted(resolved.path)}`);
    return undefined;
  }
  let bytes: Buffer;
  try {
    bytes = files.read(resolved.path);
  } catch (e) {
    if (!(e instanceof FileProblem)) throw e;
    fail(e.code, e.message, from ? e.hint : 'a plugin has manifest.yaml at its root');
    return undefined;
  }
  if (bytes.length > limits.maxYamlBytes) {
    fail('plugin-yaml-limit', `is ${bytes.length} bytes, more than the limit of ${limits.maxYamlBytes}`, 'check the path');
    return undefined;
  }
  const file = files.display(resolved.path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    report.add(error('plugin-unreadable', `${quoted(file)} is not UTF-8 text`, { location: { file }, hint: 'save the file as UTF-8' }));
    return undefined;
  }
  return parseGoYaml(file, text, report);
}

/** Parses YAML text with positions; reports syntax errors at their line:column. */
function parseGoYaml(file: string, text: string, report: Report): Doc | undefined {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, version: '1.2', schema: 'failsafe', uniqueKeys: true, prettyErrors: false, strict: true, keepSourceTokens: false });
  const builder = new GoYamlBuilder();
  const doc = (value: Value) => textDoc(file, text, value, builder.positions, lines, builder.texts);
  const syntax = (message: string, offset: number, code = 'plugin-yaml-syntax') => {
    const { line, col } = lines.linePos(offset);
    const location = { file, line, column: col };
    const d = error(code, `${quoted(file)} is not valid YAML: ${printable(message)}`, { location, hint: code === 'plugin-yaml-limit' ? 'this looks like hostile YAML; check the file' : 'fix the syntax at this position' });
    const excerpt = doc(null).excerpt(line);
    report.add(excerpt === undefined ? d : { ...d, excerpt });
  };
  if (document.errors.length > 0) {
    for (const e of document.errors) syntax(e.message.split('\n')[0] ?? e.message, e.pos[0]);
    return undefined;
  }
  try {
    const value = builder.build(document.contents as Node | null, 0);
    return doc(value === null ? new Map() : value);
  } catch (e) {
    if (!(e instanceof GoYamlError)) throw e;
    syntax(e.message, e.offset, e.code);
    return undefined;
  }
}

interface PluginRead {
  author?: string;
  name?: string;
  description?: string;
  /** Provider file paths, as written. */
  providers: string[];
}

/** `manifest.yaml`: author, name, description, `plugins.tools`. */
function manifestDeclaration(doc: Doc, report: Report): PluginRead {
  const out: PluginRead = { providers: [] };
  if (!(doc.value instanceof Map)) {
    report.add(problem(doc, 'plugin-invalid-value', `the manifest must be a mapping, not a ${kindOf(doc.value)}`, [], 'see the manifest of any Dify plugin', { dify: DAEMON_REFUSES }));
    return out;
  }
  for (const [key, pattern, rule] of [
    ['author', AUTHOR_NAME, 'lower-case letters, digits, _ and -, at most 64'],
    ['name', PLUGIN_NAME, 'lower-case letters, digits, _ and -, at most 128'],
  ] as const) {
    const value = required(doc, [key], report, 'the plugin manifest', `add \`${key}: <${key}>\`: the provider id is <author>/<name>/<provider>`);
    if (value !== undefined && !pattern.test(value)) {
      report.add(problem(doc, 'plugin-invalid-name', `the plugin ${key} ${quoted(value)} is not ${rule}`, [key], 'Dify cannot install a plugin whose id breaks this rule; rename it', { dify: DAEMON_REFUSES }));
    } else if (value !== undefined) out[key] = value;
  }
  if (mappingOrAbsent(doc, ['description'], report)) {
    const description = i18n(doc, ['description'], report);
    if (description !== undefined) out.description = description;
  }
  if (!mappingOrAbsent(doc, ['plugins'], report)) return out;
  const list = valueAt(doc.value, ['plugins', 'tools']);
  if (list !== undefined && list !== null && !Array.isArray(list)) {
    badField(doc, ['plugins', 'tools'], report, 'a list of provider files', list);
  } else if (!list || list.length === 0) {
    report.add(
      problem(doc, 'plugin-missing-key', 'the plugin lists no tool provider under `plugins.tools`', valueAt(doc.value, ['plugins']) === undefined ? [] : ['plugins'], 'add `plugins: {tools: [provider/<name>.yaml]}`', {
        dify: 'A plugin without plugins.tools has no tools to invoke.',
      }),
    );
  } else {
    list.forEach((item, i) => {
      const path = goString(doc, ['plugins', 'tools', i], report);
      if (path) out.providers.push(path);
      else if (item === null || item === '') {
        report.add(problem(doc, 'plugin-missing-key', `the entry plugins.tools[${i}] names no provider file`, ['plugins', 'tools', i], 'write the path of the provider YAML, e.g. provider/<name>.yaml', { dify: DAEMON_REFUSES }));
      }
    });
  }
  return out;
}

interface ProviderRead {
  name: string;
  label?: string;
  description?: string;
  tools: SourceTool[];
}

/** A provider YAML: identity, then its tools (inline mappings first, then files, as the daemon orders them). */
function providerDeclaration(doc: Doc, files: PluginFiles, report: Report, limits: PluginLimits): ProviderRead | undefined {
  if (!(doc.value instanceof Map)) {
    report.add(problem(doc, 'plugin-invalid-value', `a provider file must be a mapping, not a ${kindOf(doc.value)}`, [], 'see the provider YAML of any Dify plugin', { dify: DAEMON_REFUSES }));
    return undefined;
  }
  if (!mappingOrAbsent(doc, ['identity'], report)) return undefined;
  const name = identityName(doc, ['identity', 'name'], report, 'the provider');
  required(doc, ['identity', 'author'], report, 'the provider', 'add `author: <author>` under identity');
  const label = i18n(doc, ['identity', 'label'], report);
  const description = i18n(doc, ['identity', 'description'], report);

  const inline: SourceTool[] = [];
  const fromFiles: SourceTool[] = [];
  const list = valueAt(doc.value, ['tools']);
  if (list !== undefined && list !== null && !Array.isArray(list)) badField(doc, ['tools'], report, 'a list of tool files', list);
  const items = Array.isArray(list) ? list : [];
  items.forEach((item, i) => {
    if (item instanceof Map) {
      const tool = toolDeclaration(doc, ['tools', i], report);
      if (tool) inline.push(tool);
    } else if (item !== null && typeof item !== 'object') {
      const raw = doc.rawText(['tools', i]) ?? String(item);
      const toolDoc = loadYaml(files, raw, { doc, path: ['tools', i], what: 'tool file' }, report, limits);
      const tool = toolDoc && toolDeclaration(toolDoc, [], report);
      if (tool) fromFiles.push(tool);
    } else {
      report.add(notice(doc, 'plugin-tool-ignored', `the entry tools[${i}] is neither a file path nor a tool; Dify ignores it`, ['tools', i], 'remove it, or name a tool YAML file'));
    }
  });
  if (items.length === 0) report.add(notice(doc, 'plugin-no-tools', 'the provider declares no tools', valueAt(doc.value, ['tools']) === undefined ? [] : ['tools'], 'list tool YAML files under `tools`'));
  const tools = [...inline, ...fromFiles];
  checkDuplicateTools(tools, report);
  if (name === undefined) return undefined;
  const out: ProviderRead = { name, tools };
  if (label !== undefined) out.label = label;
  if (description !== undefined) out.description = description;
  return out;
}

function checkDuplicateTools(tools: SourceTool[], report: Report): void {
  const seen = new Map<string, SourceTool>();
  for (const tool of tools) {
    const first = seen.get(tool.name);
    if (!first) {
      seen.set(tool.name, tool);
      continue;
    }
    const where = `${first.location.file}${first.location.line === undefined ? '' : `:${first.location.line}:${first.location.column ?? 1}`}`;
    report.add(
      error('plugin-duplicate-tool', `the tool name ${quoted(tool.name)} is declared twice (first in ${printable(where)})`, {
        location: tool.location,
        hint: 'give each tool its own identity.name',
        dify: 'Dify looks tools up by name, so the second one could never be invoked.',
      }),
    );
  }
}

/** A tool declaration (a tool YAML's root, or an inline tool of a provider). */
function toolDeclaration(doc: Doc, at: PointerPath, report: Report): SourceTool | undefined {
  const root = valueAt(doc.value, at);
  if (!(root instanceof Map)) {
    report.add(problem(doc, 'plugin-invalid-value', `a tool declaration must be a mapping, not a ${kindOf(root)}`, at, 'see the tool YAML of any Dify plugin', { dify: DAEMON_REFUSES }));
    return undefined;
  }
  const identityOk = mappingOrAbsent(doc, [...at, 'identity'], report);
  const name = identityOk ? identityName(doc, [...at, 'identity', 'name'], report, 'the tool') : undefined;
  if (identityOk) required(doc, [...at, 'identity', 'author'], report, 'the tool', 'add `author: <author>` under identity');
  const label = identityOk ? i18n(doc, [...at, 'identity', 'label'], report) : undefined;
  let description: string | undefined;
  if (mappingOrAbsent(doc, [...at, 'description'], report)) {
    description = i18n(doc, [...at, 'description', 'human'], report) || goString(doc, [...at, 'description', 'llm'], report);
  }
  const parameters = toolParameters(doc, [...at, 'parameters'], report);
  const schema = outputSchema(doc, [...at, 'output_schema'], report);
  if (name === undefined) return undefined;
  const tool: SourceTool = { name, parameters, location: doc.locate(at) };
  if (label !== undefined) tool.label = label;
  if (description) tool.description = description;
  if (schema !== undefined) tool.outputSchema = schema;
  return tool;
}

/** `output_schema`: a mapping (a JSON Schema), kept as loaded (`Map`s in document order). */
function outputSchema(doc: Doc, path: PointerPath, report: Report): Mapping | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (value instanceof Map) return value;
  badField(doc, path, report, 'a mapping (a JSON Schema)', value);
  return undefined;
}

/** A tool's `parameters` list, in order; duplicate names are refused. */
function toolParameters(doc: Doc, path: PointerPath, report: Report): SourceParameter[] {
  const list = valueAt(doc.value, path);
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return badField(doc, path, report, 'a list of parameters', list) ?? [];
  const out: SourceParameter[] = [];
  const seen = new Map<string, SourceParameter>();
  list.forEach((_, i) => {
    const parameter = toolParameter(doc, [...path, i], report);
    if (!parameter) return;
    const first = seen.get(parameter.name);
    if (first) {
      report.add(
        problem(doc, 'plugin-duplicate-parameter', `the parameter name ${quoted(parameter.name)} is declared twice (first at line ${first.location.line ?? '?'})`, [...path, i, 'name'], 'rename or remove one: the parameters dict holds one value per name'),
      );
      return;
    }
    seen.set(parameter.name, parameter);
    out.push(parameter);
  });
  return out;
}

/** One tool parameter (the daemon's `ToolParameter`), with the defaults Dify fills. */
function toolParameter(doc: Doc, at: PointerPath, report: Report): SourceParameter | undefined {
  const item = valueAt(doc.value, at);
  const index = at[at.length - 1];
  if (!(item instanceof Map)) return badField(doc, at, report, 'a parameter (a mapping with name, type, form, …)', item ?? null);
  const name = goString(doc, [...at, 'name'], report);
  const type = goString(doc, [...at, 'type'], report);
  const owner = name ? `the parameter ${quoted(name)}` : `parameters[${String(index)}]`;
  for (const key of ['name', 'type'] as const) {
    const raw = item.get(key);
    if (raw === undefined || raw === null || raw === '') {
      const hint = key === 'name' ? 'add `name: <the key callers pass>`' : `add \`type:\`, one of ${BUILTIN_PARAMETER_TYPES.join(', ')}`;
      report.add(problem(doc, 'plugin-parameter-missing-key', `${owner} has no \`${key}\``, valueAt(doc.value, [...at, key]) === undefined ? at : [...at, key], hint, { dify: DAEMON_REFUSES }));
    }
  }
  let validType: SourceParameterType | undefined;
  if (type) {
    if ((BUILTIN_PARAMETER_TYPES as readonly string[]).includes(type)) validType = type as SourceParameterType;
    else {
      const nearest = closest(type, BUILTIN_PARAMETER_TYPES);
      report.add(
        problem(doc, 'plugin-parameter-type', `${owner} has the unknown type ${quoted(type)}`, [...at, 'type'], `${nearest ? `did you mean ${quoted(nearest)}? ` : ''}valid types: ${BUILTIN_PARAMETER_TYPES.join(', ')}`, {
          dify: DAEMON_REFUSES,
        }),
      );
    }
  }
  const form = goString(doc, [...at, 'form'], report);
  if (form === undefined || form === '') {
    report.add(notice(doc, 'plugin-parameter-form-missing', `${owner} has no \`form\``, at, 'add `form: llm` (the model fills it) or `form: form` (the user configures it)', { dify: DAEMON_REFUSES }));
  } else if (!(PARAMETER_FORMS as readonly string[]).includes(form)) {
    report.add(problem(doc, 'plugin-parameter-form', `${owner} has the unknown form ${quoted(form)}`, [...at, 'form'], `use one of ${PARAMETER_FORMS.join(', ')}`, { dify: DAEMON_REFUSES }));
  }
  const options = parameterOptions(doc, [...at, 'options'], report);
  if (validType === 'select' && options.length === 0) {
    report.add(problem(doc, 'plugin-parameter-no-options', `the select parameter ${quoted(name ?? '')} has no options`, valueAt(doc.value, [...at, 'options']) === undefined ? at : [...at, 'options'], 'add `options: [{value: …, label: {en_US: …}}]`, or use type string'));
  }
  const parameter: SourceParameter = {
    name: name ?? '',
    type: validType ?? 'string',
    required: goBool(doc, [...at, 'required'], report) ?? false,
    default: goDefault(doc, [...at, 'default'], report),
    location: doc.locate(at),
  };
  if (form && (PARAMETER_FORMS as readonly string[]).includes(form)) parameter.form = form as 'llm' | 'form' | 'schema';
  const label = i18n(doc, [...at, 'label'], report);
  const human = i18n(doc, [...at, 'human_description'], report);
  const llm = goString(doc, [...at, 'llm_description'], report);
  if (label !== undefined) parameter.label = label;
  if (human || llm) parameter.description = (human || llm)!;
  if (llm !== undefined) parameter.llmDescription = llm;
  if (options.length > 0) parameter.options = options;
  const multiple = goBool(doc, [...at, 'multiple'], report);
  if (multiple !== undefined) parameter.multiple = multiple;
  for (const [key, field, integer] of [
    ['min', 'min', false],
    ['max', 'max', false],
    ['precision', 'precision', true],
  ] as const) {
    const n = goNumber(doc, [...at, key], report, integer);
    if (n !== undefined) parameter[field] = n;
  }
  return name && validType ? parameter : undefined;
}

/** `options`: a list of `{value, label: {en_US}}`. */
function parameterOptions(doc: Doc, path: PointerPath, report: Report): { value: string; label?: string }[] {
  const list = valueAt(doc.value, path);
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return badField(doc, path, report, 'a list of options', list) ?? [];
  const out: { value: string; label?: string }[] = [];
  list.forEach((item, i) => {
    if (!(item instanceof Map)) return void badField(doc, [...path, i], report, 'an option (value and label)', item);
    const value = goString(doc, [...path, i, 'value'], report);
    if (value === undefined) {
      report.add(problem(doc, 'plugin-parameter-missing-key', `the option ${fieldName([...path, i])} has no \`value\``, [...path, i], 'add `value: <what the caller passes>`', { dify: DAEMON_REFUSES }));
      return;
    }
    const option: { value: string; label?: string } = { value };
    const label = i18n(doc, [...path, i, 'label'], report);
    if (label !== undefined) option.label = label;
    out.push(option);
  });
  return out;
}
