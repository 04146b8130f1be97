/**
 * Finds, reads and validates the provider manifest. Every mistake is reported, each with
 * the file, line:column and a hint; paths are resolved against the manifest's folder (the
 * project folder) and may not leave it.
 */
import { existsSync, lstatSync, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';
import { error, UserError, type Diagnostic, type Location } from '../diagnostics/diagnostic.js';
import { PYTHON_KEYWORDS, toPythonIdentifier } from '../emit/python/names.js';
import { printable, quoted } from '../diagnostics/printable.js';
import { inside, toPosix } from '../paths.js';
import { KNOWN_KEYS, manifestSchema, type Manifest, type ProviderEntry } from './schema.js';
import { moduleNameProblem } from './module-name.js';
import { readOrRefuse } from '../load/read-document.js';
import { manifestData } from './aliases.js';

export { inside, toPosix };

export const MANIFEST_NAMES = ['dify-tools.yaml', 'dify-tools.yml', 'dify-tools.json'];

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
  /** The shape of the TypeScript output: `.ts` modules, or `.d.ts` + `.js` pairs (`typescript: {emit: declarations}`). */
  typescriptEmit: 'source' | 'declarations';
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
    if (isFolder(file)) {
      const found = manifestIn(file);
      throw new UserError(
        error('manifest-not-found', `--manifest names the folder ${quoted(explicit)}, not a manifest file`, {
          location: { file: explicit },
          hint: found !== undefined ? `pass --manifest ${toPosix(join(explicit, basename(found)))}` : `name the manifest file (${MANIFEST_NAMES.join(', ')})`,
        }),
      );
    }
    return file;
  }
  const file = manifestIn(cwd);
  if (file !== undefined) return file;
  const dangling = MANIFEST_NAMES.find((name) => lstatOrUndefined(join(cwd, name))?.isSymbolicLink());
  if (dangling !== undefined) {
    throw new UserError(
      error('manifest-not-found', `${quoted(dangling)} is a link to ${quoted(readlinkSync(join(cwd, dangling)))}, which does not exist`, {
        location: { file: dangling },
        hint: 'point the link at the manifest, or pass --manifest <file>',
      }),
    );
  }
  // Not searched upward (a monorepo's other manifest would be a surprise), but named when found.
  const above = manifestAbove(cwd);
  throw new UserError(
    error('manifest-not-found', `no ${MANIFEST_NAMES.join(', ')} in ${quoted(cwd)}`, {
      hint:
        above === undefined
          ? "run 'dify-toolgen init' to write one, or pass --manifest <file>"
          : `a folder above holds one: pass --manifest ${toPosix(relative(cwd, above))}, or run in ${toPosix(relative(cwd, dirname(above)))}`,
    }),
  );
}

/** What `lstat` says of `path` (the link itself, not its target), or undefined when there is nothing there. */
function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** The first of MANIFEST_NAMES in `folder` that is a file, or undefined. */
function manifestIn(folder: string): string | undefined {
  return MANIFEST_NAMES.map((name) => join(folder, name)).find((file) => existsSync(file) && !isFolder(file));
}

/** The manifest of the nearest folder above `cwd` that holds one, or undefined. */
function manifestAbove(cwd: string): string | undefined {
  for (let folder = dirname(cwd); ; folder = dirname(folder)) {
    const file = manifestIn(folder);
    if (file !== undefined) return file;
    if (dirname(folder) === folder) return undefined;
  }
}

/**
 * What to do about an input path that names nothing: a path written with Windows' `\` gets
 * the same path with `/` (on Linux and macOS a `\` is a character of the name, and a manifest
 * is shared between systems), any other the rule that paths start at the manifest's folder.
 */
function missingFileHint(path: string): string {
  return path.includes('\\') ? `write it with "/": ${quoted(path.replaceAll('\\', '/'))} (paths in the manifest use "/" on every system)` : 'the path is relative to the manifest folder';
}

/** Reads and validates a manifest; throws `UserError` with every problem found. */
export function loadManifest(file: string, displayName = file): ResolvedManifest {
  const text = readOrRefuse(() => readFileSync(file, 'utf8'), 'manifest-unreadable', 'the manifest', displayName);
  const lineCounter = new LineCounter();
  // `merge`: YAML's merge key (`<<: *defaults`), which configuration files use to share
  // settings between entries (YAML 1.1's, applied by the `yaml` package on request).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, merge: true });
  const at = (offset: number): Location => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: displayName, line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new UserError(
      doc.errors.map((e) =>
        error('manifest-syntax', `the manifest is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${printable(e.message.split('\n')[0] ?? '')}`, { location: at(e.pos[0]), hint: 'fix the syntax at this position' }),
      ),
    );
  }
  const locate = (path: readonly (string | number)[], key?: string): Location => at(offsetOf(doc, path, key));
  const raw = manifestData(doc, at, displayName);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new UserError(reportedIssues(parsed.error.issues, raw).map((issue) => issueDiagnostic(issue, locate, raw)));

  const manifest = parsed.data;
  const root = dirname(file);
  const diagnostics: Diagnostic[] = [];
  const outputDir = confined(root, manifest.output, locate(['output']), 'output', diagnostics);
  const notFolder = outputDir === undefined ? undefined : outputNotFolder(root, 'output', manifest.output, outputDir, locate(['output']), 'generated');
  if (notFolder !== undefined) diagnostics.push(notFolder);
  const providers: ResolvedProvider[] = [];
  const lowerNames = new Map<string, string>();
  for (const [name, entry] of Object.entries(manifest.providers)) {
    const where = locate(['providers', name], name);
    const problem = moduleNameProblem(name);
    if (problem !== undefined) diagnostics.push(moduleNameDiagnostic(problem, where));
    const clash = lowerNames.get(name.toLowerCase());
    if (clash !== undefined) {
      diagnostics.push(error('manifest-duplicate-module', `the provider names ${quoted(clash)} and ${quoted(name)} differ only in case, so their files collide on some systems`, { location: where, hint: 'rename one of them' }));
    }
    lowerNames.set(name.toLowerCase(), name);
    const input = inputOf(entry);
    const locateProvider = (path: readonly (string | number)[], key?: string) => locate(['providers', name, ...path], key);
    let sourcePath: string | undefined;
    if (input) {
      sourcePath = confined(root, input.path, locateProvider([input.key]), input.key, diagnostics);
      if (sourcePath !== undefined && !exists(sourcePath, input.folderAllowed)) {
        const folder = isFolder(sourcePath);
        diagnostics.push(
          error('manifest-missing-file', `the ${input.what} ${quoted(input.path)} ${folder ? 'is a folder, not a file' : 'does not exist'}`, {
            location: locateProvider([input.key]),
            hint: folder ? `name the ${input.what} file inside the folder` : missingFileHint(input.path),
          }),
        );
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
      diagnostics.push(error('manifest-missing-file', `the templates folder ${quoted(manifest.templates)} ${existsSync(path) ? 'is a file, not a folder' : 'does not exist'}`, { location: locate(['templates']), hint: 'create it, with provider.hbs, index.hbs or support.hbs to override' }));
    } else if (path !== undefined) templates = { path, display: toPosix(relative(root, path)) };
  }
  const typescriptEmit = typeof manifest.typescript === 'object' ? (manifest.typescript.emit ?? 'source') : 'source';
  if (templates !== undefined && typescriptEmit === 'declarations') {
    diagnostics.push(
      error('manifest-templates-declarations', 'templates shape .ts modules: they cannot apply to `typescript: {emit: declarations}`', {
        location: locate(['templates']),
        hint: 'remove `templates`, or emit source',
      }),
    );
  }
  const pythonDir = manifest.python ? confined(root, manifest.python.output, locate(['python', 'output']), 'python.output', diagnostics) : undefined;
  if (manifest.python && pythonDir !== undefined) diagnostics.push(...pythonOutputProblems(root, manifest.python.output, pythonDir, locate(['python', 'output'])));
  if (manifest.typescript === false && !manifest.python) {
    diagnostics.push(
      error('manifest-no-output', '`typescript: false` turns off the only output: there is nothing to generate', {
        location: locate(['typescript']),
        hint: 'add `python: {output: <folder>}` for the Python package, or remove `typescript: false`',
      }),
    );
  }
  if (diagnostics.length > 0 || outputDir === undefined) throw new UserError(diagnostics);
  const python = pythonDir !== undefined ? { python: { outputDir: pythonDir, outputDisplay: toPosix(relative(root, pythonDir)) || '.' } } : {};
  return { file, fileDisplay: toPosix(relative(root, file)), root, outputDir, ...(templates ? { templates } : {}), outputDisplay: toPosix(relative(root, outputDir)) || '.', providers, manifest, typescript: manifest.typescript !== false, typescriptEmit, ...python };
}


/**
 * Modules a plugin imports that a package named like them would shadow (the plugin's root
 * is on `sys.path` first): the SDK and what it needs, the plugin's own `tools`/`provider`
 * folders, and the standard modules the generated code imports.
 */
const SHADOWED_PYTHON_MODULES = new Set([
  'dify_plugin', 'pydantic', 'pydantic_core', 'typing_extensions', 'yaml', 'httpx', 'requests', 'werkzeug', 'flask', 'gevent', 'tools', 'provider',
  'json', 'sys', 'typing', 'collections', 'concurrent', 'urllib', 'abc', 'enum', 'functools', 'os', 're', 'logging', 'datetime', 'types', 'inspect', 'dataclasses',
]);

/** `python.output`: a folder whose name is an importable package name that shadows nothing. */
/** The error when an output folder (`key` of the manifest) is a file or goes through one; `example` is a good value. */
function outputNotFolder(root: string, key: string, output: string, dir: string, location: Location, example: string): Diagnostic | undefined {
  const notFolder = nonFolderOnPath(root, dir);
  if (notFolder === undefined) return undefined;
  return error('manifest-output-not-folder', `the ${key} path ${quoted(output)} ${notFolder === dir ? 'is' : `goes through ${quoted(toPosix(relative(root, notFolder)))}, which is`} a file, not a folder`, {
    location,
    hint: `point \`${key}\` at a folder (it is created when missing), e.g. \`output: ${example}\``,
  });
}

function pythonOutputProblems(root: string, output: string, dir: string, location: Location): Diagnostic[] {
  const notFolder = outputNotFolder(root, 'python.output', output, dir, location, 'tools_generated');
  if (notFolder !== undefined) return [notFolder];
  const name = basename(dir);
  if (dir === root || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || PYTHON_KEYWORDS.includes(name)) {
    return [
      error('manifest-python-package-name', `the python.output folder ${quoted(output)} cannot be imported: ${quoted(dir === root ? '.' : name)} is not a Python package name`, {
        location,
        hint: `name a folder of its own with a Python identifier, e.g. ${quoted(toPythonIdentifier(dir === root ? 'tools generated' : name, 'snake'))}`,
      }),
    ];
  }
  if (SHADOWED_PYTHON_MODULES.has(name)) {
    return [
      error('manifest-python-package-shadows', `the Python package ${quoted(name)} would shadow the module of that name: the plugin's \`import ${name}\` would find the generated package`, {
        location,
        hint: 'choose another name, e.g. `tools_generated`',
      }),
    ];
  }
  return [];
}

/** The first path from `root` down to `folder` that exists and is not a folder, if any. */
function nonFolderOnPath(root: string, folder: string): string | undefined {
  const steps = relative(root, folder).split(/[\\/]/).filter((step) => step !== '' && step !== '.');
  let path = root;
  for (const step of steps) {
    path = join(path, step);
    if (!existsSync(path)) return undefined;
    if (!isFolder(path)) return path;
  }
  return undefined;
}

/** Whether `path` is a folder (links followed); false when nothing is there. */
export function isFolder(path: string): boolean {
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
function shapeProblems(entry: ProviderEntry, locate: (path: readonly (string | number)[], key?: string) => Location): Diagnostic[] {
  if (entry.type === 'builtin') {
    const inline = entry.tools !== undefined && !Array.isArray(entry.tools);
    if (entry.plugin === undefined && !inline) {
      return [error('manifest-builtin-source', 'a builtin provider needs `plugin` (a plugin folder or .difypkg), or its tools declared inline under `tools`', { location: locate([]), hint: 'add `plugin: plugins/<name>`, or `tools: {<tool>: {parameters: [...]}}`' })];
    }
    if (entry.plugin !== undefined && inline) {
      return [error('manifest-builtin-source', 'with `plugin`, `tools` lists tool names; declare tools inline only without a plugin', { location: locate(['tools']), hint: 'write `tools: [name, ...]`, or remove `plugin`' })];
    }
    if (inline) return inlineParameterKeyProblems(entry.tools as Record<string, { parameters?: unknown[] }>, locate);
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

/**
 * The keys of a tool parameter in a plugin's tool YAML: the fields of the plugin daemon's
 * `ToolParameter` struct (langgenius/dify-plugin-daemon, pkg/entities/plugin_entities/tool_declaration.go).
 * go-yaml drops any other key silently; in the manifest that is a misspelling to report.
 */
export const TOOL_PARAMETER_KEYS = ['name', 'label', 'human_description', 'type', 'scope', 'form', 'llm_description', 'required', 'auto_generate', 'template', 'default', 'min', 'max', 'multiple', 'precision', 'options'];

/** Unknown keys in the parameters of builtin tools declared inline, each at its key, with the nearest known one. */
function inlineParameterKeyProblems(tools: Record<string, { parameters?: unknown[] }>, locate: (path: readonly (string | number)[], key?: string) => Location): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const [tool, declaration] of Object.entries(tools)) {
    (declaration.parameters ?? []).forEach((item, index) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return;
      for (const key of Object.keys(item)) {
        if (TOOL_PARAMETER_KEYS.includes(key)) continue;
        const nearest = closest(key, TOOL_PARAMETER_KEYS);
        problems.push(
          error('manifest-unknown-key', `unknown key ${quoted(key)} in parameters[${index}] of the inline tool ${quoted(tool)}`, {
            location: locate(['tools', tool, 'parameters', index, key], key),
            hint: `${nearest ? `did you mean ${quoted(nearest)}? ` : ''}a parameter has the keys of a tool YAML's parameters: ${TOOL_PARAMETER_KEYS.join(', ')}`,
          }),
        );
      }
    });
  }
  return problems;
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
  if (issue.code === 'invalid_key' && path.length === 2 && path[0] === 'providers') {
    return moduleNameDiagnostic(moduleNameProblem(String(path[1])) ?? printable(issue.message), locate(path, String(path[1])));
  }
  if (issue.code === 'invalid_union' && path[0] === 'providers' && (path.length === 2 || (path.length === 3 && path[2] === 'type'))) {
    return providerTypeDiagnostic(String(path[1]), locate, raw);
  }
  if (issue.code === 'too_small') return tooSmallDiagnostic(issue, path, locate);
  if (issue.code === 'invalid_type' && isMissing(raw, path)) {
    const key = quoted(String(path[path.length - 1] ?? ''));
    return error('manifest-missing-key', `missing ${key}${where}`, { location: locate(path.slice(0, -1)), hint: `add ${key}` });
  }
  if (issue.code === 'invalid_type') return wrongTypeDiagnostic(issue, path, where, locate, raw);
  return error('manifest-invalid', `${printable(issue.message)}${where}`, { location: locate(path), hint: 'see the manifest reference in the README' });
}

/**
 * The issues to report: a key that is missing because it is misspelt is reported once, as
 * the unknown key with its "did you mean" (not also as the missing key it means).
 */
function reportedIssues(issues: readonly z.core.$ZodIssue[], raw: unknown): z.core.$ZodIssue[] {
  const meant = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeysAt(issue.path as (string | number)[], raw);
    for (const key of issue.keys) {
      const nearest = closest(key, known);
      if (nearest !== undefined) meant.add(JSON.stringify([...issue.path.map(String), nearest]));
    }
  }
  return issues.filter((issue) => !(issue.code === 'invalid_type' && isMissing(raw, issue.path as (string | number)[]) && meant.has(JSON.stringify(issue.path.map(String)))));
}

/** The manifest's value at a key path (undefined where a step is missing). */
function valueAt(raw: unknown, path: readonly (string | number)[]): unknown {
  let value = raw;
  for (const step of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, step)) return undefined;
    value = (value as Record<string | number, unknown>)[step];
  }
  return value;
}

/**
 * Whether the key at `path` is absent from its object. zod 4 leaves the received value out
 * of its issues (without `reportInput`), so a present value of the wrong type is told apart
 * from a missing key by the manifest itself.
 */
function isMissing(raw: unknown, path: readonly (string | number)[]): boolean {
  const parent = valueAt(raw, path.slice(0, -1));
  return typeof parent !== 'object' || parent === null || !Object.hasOwn(parent, path[path.length - 1] ?? '');
}

/** What a manifest value is, in the words of the error messages. */
const VALUE_KINDS: Record<string, string> = { string: 'a text', array: 'a list', object: 'a mapping (key: value)', record: 'a mapping (key: value)', boolean: '`true` or `false`', number: 'a number', int: 'a whole number' };

function valueKind(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return VALUE_KINDS.array!;
  return VALUE_KINDS[typeof value] ?? typeof value;
}

/** How an error names the value at `path`: its key, or, in a list, its place (`item 1 of \`tools\``). */
function valueName(path: readonly (string | number)[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the manifest';
  return typeof last === 'number' ? `item ${last + 1} of \`${String(path[path.length - 2])}\`` : `\`${last}\``;
}

/** A key whose value has the wrong type (a text where a list belongs, an empty value, …), at the value; `where` is issueDiagnostic's " at <path>". */
function wrongTypeDiagnostic(issue: z.core.$ZodIssue & { code: 'invalid_type' }, path: readonly (string | number)[], where: string, locate: (path: readonly (string | number)[], key?: string) => Location, raw: unknown): Diagnostic {
  const name = valueName(path);
  const expected = VALUE_KINDS[issue.expected] ?? issue.expected;
  return error('manifest-invalid', `${name} is ${valueKind(valueAt(raw, path))}, but must be ${expected}${where}`, {
    location: locate(path),
    hint: 'see the manifest reference in the README',
  });
}

const PROVIDER_TYPES = ['api', 'builtin', 'workflow'];
const PROVIDER_TYPE_HINT = 'a provider is `type: api` (an OpenAPI spec), `type: builtin` (a plugin) or `type: workflow` (a published workflow)';

/** A provider without a valid `type`: a missing key (perhaps misspelt) or an unknown value, with the nearest one. */
function providerTypeDiagnostic(name: string, locate: (path: readonly (string | number)[], key?: string) => Location, raw: unknown): Diagnostic {
  const entry = (raw as { providers?: Record<string, unknown> }).providers?.[name];
  const fields = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
  if (!Object.hasOwn(fields, 'type')) {
    const misspelt = Object.keys(fields).find((key) => !Object.hasOwn(providerKeys, key) && closest(key, ['type']) === 'type');
    return error('manifest-provider-type', `the provider ${quoted(name)} has no \`type\``, {
      location: misspelt ? locate(['providers', name, misspelt], misspelt) : locate(['providers', name]),
      hint: `${misspelt ? `did you mean \`type\` for ${quoted(misspelt)}? ` : ''}${PROVIDER_TYPE_HINT}`,
    });
  }
  const value = fields.type;
  const nearest = typeof value === 'string' ? closest(value, PROVIDER_TYPES) : undefined;
  return error('manifest-provider-type', `the provider ${quoted(name)} has the unknown type ${typeof value === 'string' ? quoted(value) : `${value === null ? 'null' : typeof value} value`}`, {
    location: locate(['providers', name, 'type']),
    hint: `${nearest ? `did you mean ${quoted(nearest)}? ` : ''}${PROVIDER_TYPE_HINT}`,
  });
}

/** Every key a provider of any type allows (a key of another type is not a misspelling of `type`). */
const providerKeys: Record<string, true> = Object.fromEntries([...KNOWN_KEYS.api, ...KNOWN_KEYS.builtin, ...KNOWN_KEYS.workflow].map((key) => [key, true]));

/** An empty text or list where the manifest needs one with content. */
function tooSmallDiagnostic(issue: z.core.$ZodIssue & { code: 'too_small' }, path: readonly (string | number)[], locate: (path: readonly (string | number)[], key?: string) => Location): Diagnostic {
  const where = path.map(String).join('.');
  const inTools = path[path.length - 1] === 'tools' || path[path.length - 2] === 'tools';
  if (issue.origin === 'array') {
    return error('manifest-empty', `\`${String(path[path.length - 1])}\` is an empty list at ${where}`, {
      location: locate(path),
      hint: inTools ? 'list the tools to wrap, or remove `tools` to wrap every tool' : 'add an entry, or remove the key',
    });
  }
  if (issue.origin === 'string') {
    return error('manifest-empty', `an empty text at ${where}`, {
      location: locate(path),
      hint: inTools ? 'write a tool name (run `dify-toolgen list <spec>` to see them), or remove the empty entry' : 'write a value, or remove the key',
    });
  }
  return error('manifest-invalid', `${printable(issue.message)} at ${where}`, { location: locate(path), hint: 'see the manifest reference in the README' });
}

/** A provider key that cannot be a module name; the hint says what to do. */
function moduleNameDiagnostic(problem: string, location: Location): Diagnostic {
  return error('manifest-module-name', problem, { location, hint: 'rename the provider key: it becomes generated/<name>.ts and the name index.ts exports it under' });
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

/** Levenshtein distance between two words. */
export function editDistance(a: string, b: string): number {
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
