/**
 * Finds, reads and validates the provider manifest. Every mistake is reported, each with
 * the file, line:column and a hint; paths are resolved against the manifest's folder (the
 * project folder) and may not leave it.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { error, UserError, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { printable, quoted } from '../diagnostics/printable.js';
import { isReserved } from '../plan/identifiers.js';
import { inside, toPosix } from '../paths.js';
import { KNOWN_KEYS, manifestSchema, type Manifest, type ProviderEntry } from './schema.js';

export { inside, toPosix };

export const MANIFEST_NAMES = ['dify-tools.yaml', 'dify-tools.yml', 'dify-tools.json'];

/** File names the generator writes itself; a provider may not use them as module names. */
const RESERVED_MODULES = new Set(['index', 'runtime']);

export interface ResolvedProvider {
  /** The module name (file `<output>/<name>.ts`). */
  name: string;
  entry: ProviderEntry;
  /** Absolute path of the input read for it: the spec, the plugin or the DSL; none when declared inline. */
  sourcePath?: string;
  /** That input relative to the project folder, `/`-separated (the manifest itself when inline). */
  sourceDisplay: string;
  /** Locates a key path inside this provider's manifest entry. */
  locate(path: readonly (string | number)[]): Location;
}

export interface ResolvedManifest {
  file: string;
  /** The manifest's file name relative to the project folder (used in output). */
  fileDisplay: string;
  /** The project folder: the manifest's folder. */
  root: string;
  /** Absolute output folder. */
  outputDir: string;
  /** The output folder relative to the project folder, `/`-separated. */
  outputDisplay: string;
  providers: ResolvedProvider[];
  /** The Python package folder (absolute, and as shown), when the manifest asks for one (`python.output`). */
  python?: { outputDir: string; outputDisplay: string };
  /** False when `typescript: false` turns the TypeScript output off. */
  typescript: boolean;
  /** The `templates` folder (absolute) and how to show it, when the manifest names one. */
  templates?: { path: string; display: string };
  manifest: Manifest;
}

/** The manifest to use: the one given, or the first of MANIFEST_NAMES in `cwd`. */
export function findManifest(cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) {
      throw new UserError(error('manifest-not-found', `no manifest at ${quoted(explicit)}`, { location: { file: explicit }, hint: 'check the --manifest path' }));
    }
    return file;
  }
  for (const name of MANIFEST_NAMES) {
    const file = join(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new UserError(
    error('manifest-not-found', `no ${MANIFEST_NAMES.join(', ')} in ${quoted(cwd)}`, {
      hint: "run 'dify-toolgen init' to write one, or pass --manifest <file>",
    }),
  );
}

/** Reads and validates a manifest; throws `UserError` with every problem found. */
export function loadManifest(file: string, displayName = file): ResolvedManifest {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: displayName, line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new UserError(
      doc.errors.map((e) =>
        error('manifest-syntax', `the manifest is not valid YAML: ${printable(e.message.split('\n')[0] ?? '')}`, { location: at(e.pos[0]), hint: 'fix the syntax at this position' }),
      ),
    );
  }
  const locate = (path: readonly (string | number)[], key?: string): Location => at(offsetOf(doc, path, key));
  const raw: unknown = doc.toJS({ maxAliasCount: 50 }) ?? {};
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(parsed.error.issues.map((issue) => issueDiagnostic(issue, locate, raw)));

  const manifest = parsed.data;
  const root = dirname(file);
  const diagnostics: Diagnostic[] = [];
  const outputDir = confined(root, manifest.output, locate(['output']), 'output', diagnostics);
  const providers: ResolvedProvider[] = [];
  const lowerNames = new Map<string, string>();
  for (const [name, entry] of Object.entries(manifest.providers)) {
    const where = locate(['providers', name], name);
    if (RESERVED_MODULES.has(name.toLowerCase()) || isReserved(name)) {
      diagnostics.push(error('manifest-module-name', `the provider name ${quoted(name)} cannot be a module name`, { location: where, hint: 'choose another name: index, runtime and JavaScript keywords are taken' }));
    }
    const clash = lowerNames.get(name.toLowerCase());
    if (clash !== undefined) {
      diagnostics.push(error('manifest-duplicate-module', `the provider names ${quoted(clash)} and ${quoted(name)} differ only in case, so their files collide on some systems`, { location: where, hint: 'rename one of them' }));
    }
    lowerNames.set(name.toLowerCase(), name);
    const input = inputOf(entry);
    const locateProvider = (path: readonly (string | number)[]) => locate(['providers', name, ...path]);
    let sourcePath: string | undefined;
    if (input) {
      sourcePath = confined(root, input.path, locateProvider([input.key]), input.key, diagnostics);
      if (sourcePath !== undefined && !exists(sourcePath, input.folderAllowed)) {
        diagnostics.push(error('manifest-missing-file', `the ${input.what} ${quoted(input.path)} does not exist`, { location: locateProvider([input.key]), hint: 'the path is relative to the manifest folder' }));
      }
    }
    diagnostics.push(...shapeProblems(entry, locateProvider));
    providers.push({
      name,
      entry,
      ...(sourcePath !== undefined ? { sourcePath } : {}),
      sourceDisplay: input ? toPosix(relative(root, sourcePath ?? resolve(root, input.path))) : toPosix(relative(root, file)),
      locate: locateProvider,
    });
  }
  let templates: ResolvedManifest['templates'];
  if (manifest.templates !== undefined) {
    const path = confined(root, manifest.templates, locate(['templates']), 'templates', diagnostics);
    if (path !== undefined && !isFolder(path)) {
      diagnostics.push(error('manifest-missing-file', `the templates folder ${quoted(manifest.templates)} does not exist`, { location: locate(['templates']), hint: 'create it, with provider.hbs, index.hbs or support.hbs to override' }));
    } else if (path !== undefined) templates = { path, display: toPosix(relative(root, path)) };
  }
  const pythonDir = manifest.python ? confined(root, manifest.python.output, locate(['python', 'output']), 'python.output', diagnostics) : undefined;
  if (diagnostics.length > 0 || outputDir === undefined) throw new UserError(diagnostics);
  const python = pythonDir !== undefined ? { python: { outputDir: pythonDir, outputDisplay: toPosix(relative(root, pythonDir)) || '.' } } : {};
  return { file, fileDisplay: toPosix(relative(root, file)), root, outputDir, ...(templates ? { templates } : {}), outputDisplay: toPosix(relative(root, outputDir)) || '.', providers, manifest, typescript: manifest.typescript !== false, ...python };
}


function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string, folderAllowed: boolean): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() || (folderAllowed && stat.isDirectory());
  } catch {
    return false;
  }
}

/** The file a provider entry reads, if any. */
function inputOf(entry: ProviderEntry): { key: string; path: string; what: string; folderAllowed: boolean } | undefined {
  switch (entry.type) {
    case 'api':
      return { key: 'spec', path: entry.spec, what: 'spec', folderAllowed: false };
    case 'builtin':
      return entry.plugin === undefined ? undefined : { key: 'plugin', path: entry.plugin, what: 'plugin', folderAllowed: true };
    case 'workflow':
      return entry.dsl === undefined ? undefined : { key: 'dsl', path: entry.dsl, what: 'DSL file', folderAllowed: false };
  }
}

/** Combinations of keys the schema alone cannot refuse. */
function shapeProblems(entry: ProviderEntry, locate: (path: readonly (string | number)[]) => Location): Diagnostic[] {
  if (entry.type === 'builtin') {
    const inline = entry.tools !== undefined && !Array.isArray(entry.tools);
    if (entry.plugin === undefined && !inline) {
      return [error('manifest-builtin-source', 'a builtin provider needs `plugin` (a plugin folder or .difypkg), or its tools declared inline under `tools`', { location: locate([]), hint: 'add `plugin: plugins/<name>`, or `tools: {<tool>: {parameters: [...]}}`' })];
    }
    if (entry.plugin !== undefined && inline) {
      return [error('manifest-builtin-source', 'with `plugin`, `tools` lists tool names; declare tools inline only without a plugin', { location: locate(['tools']), hint: 'write `tools: [name, ...]`, or remove `plugin`' })];
    }
  }
  if (entry.type === 'workflow') {
    const inline = entry.parameters !== undefined || entry.outputs !== undefined;
    if (entry.dsl === undefined && entry.parameters === undefined) {
      return [error('manifest-workflow-source', 'a workflow provider needs `dsl` (the exported app DSL) or its `parameters` declared inline', { location: locate([]), hint: 'add `dsl: workflows/<app>.yml`' })];
    }
    if (entry.dsl !== undefined && inline) {
      return [error('manifest-workflow-source', 'with `dsl`, the parameters and outputs come from the DSL; remove `parameters`/`outputs`, or `dsl`', { location: locate([entry.parameters !== undefined ? 'parameters' : 'outputs']), hint: 'keep one source of truth' })];
    }
  }
  return [];
}

/** Resolves a manifest path against the project folder; it must stay inside it, links resolved. */
function confined(root: string, path: string, location: Location, key: string, diagnostics: Diagnostic[]): string | undefined {
  const absolute = resolve(root, path);
  const realRoot = realpathSync(root);
  const real = realpathOrSelf(absolute);
  if (isAbsolute(path) || !inside(realRoot, real) || !inside(root, absolute)) {
    diagnostics.push(
      error('manifest-path-outside', `the ${key} path ${quoted(path)} leaves the project folder`, {
        location,
        hint: 'use a path inside the folder that holds the manifest (links are followed when checking)',
      }),
    );
    return undefined;
  }
  return absolute;
}

/** The real path of the longest existing prefix, with the rest appended. */
function realpathOrSelf(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return path;
    rest.unshift(existing.slice(parent.length + 1));
    existing = parent;
  }
  return join(realpathSync(existing), ...rest);
}


/** Offset of the node at `path` (or of the key `key` inside it). */
function offsetOf(doc: Document, path: readonly (string | number)[], key?: string): number {
  let node: Node | null = doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  const steps = key === undefined ? path : path.slice(0, -1);
  for (const step of steps) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      node = pair.value as Node | null;
      offset = node?.range?.[0] ?? (pair.key as Node).range?.[0] ?? offset;
    } else if (isSeq(node) && typeof step === 'number') {
      node = (node.items[step] as Node | undefined) ?? null;
      offset = node?.range?.[0] ?? offset;
    } else break;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair) offset = (pair.key as Node).range?.[0] ?? offset;
  }
  return offset;
}

/** Turns a zod issue into a diagnostic at the right place, with a "did you mean" hint. */
function issueDiagnostic(issue: z.core.$ZodIssue, locate: (path: readonly (string | number)[], key?: string) => Location, raw: unknown): Diagnostic {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  const where = path.length ? ` at ${path.map(String).join('.')}` : '';
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(path, raw);
    const key = issue.keys[0] ?? '';
    const nearest = closest(key, known);
    return error('manifest-unknown-key', `unknown key ${issue.keys.map((k) => quoted(k)).join(', ')}${where}`, {
      location: locate([...path, key], key),
      hint: nearest ? `did you mean ${quoted(nearest)}? Valid keys: ${known.join(', ')}` : `valid keys: ${known.join(', ')}`,
    });
  }
  if (issue.code === 'invalid_union' && path.length === 2 && path[0] === 'providers') {
    return error('manifest-provider-type', `the provider ${quoted(String(path[1]))} needs a \`type\`: api, builtin or workflow`, { location: locate(path), hint: 'add `type: api` (an OpenAPI spec), `type: builtin` (a plugin) or `type: workflow`' });
  }
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return error(missing ? 'manifest-missing-key' : 'manifest-invalid', `${missing ? `missing ${quoted(String(path[path.length - 1] ?? ''))}` : printable(issue.message)}${where}`, {
    location: missing ? locate(path.slice(0, -1)) : locate(path),
    hint: missing ? `add ${quoted(String(path[path.length - 1] ?? ''))}` : 'see the manifest reference in the README',
  });
}

function knownKeysAt(path: readonly (string | number)[], raw: unknown): readonly string[] {
  if (path.length === 0) return KNOWN_KEYS.manifest;
  if (path[0] === 'limits') return KNOWN_KEYS.limits;
  if (path[0] === 'python') return KNOWN_KEYS.python;
  if (path[0] !== 'providers') return [];
  const entry = (raw as { providers?: Record<string, { type?: unknown }> }).providers?.[String(path[1])];
  const type = entry?.type === 'builtin' || entry?.type === 'workflow' ? entry.type : 'api';
  if (path.length === 2) return KNOWN_KEYS[type];
  if (type === 'builtin' && path[2] === 'tools' && path.length === 4) return KNOWN_KEYS.inlineBuiltinTool;
  return [];
}

/** The known key nearest to a misspelt one (edit distance at most 3), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
