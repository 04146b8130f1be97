/**
 * `dify-toolgen init`: writes a starter dify-tools.yaml from what the project holds:
 * OpenAPI documents (api providers), Dify plugins and .difypkg files (builtin providers,
 * the plugin's own among them) and exported workflow DSLs (workflow providers). The file is
 * commented, says what to fill in, and never replaces an existing manifest.
 */
import { existsSync, openSync, readdirSync, readSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { error, UserError } from '../diagnostics/diagnostic.js';
import { MANIFEST_NAMES, toPosix } from '../manifest/load-manifest.js';
import { compare, planIdentifiers, toIdentifier } from '../plan/identifiers.js';
import { toModuleName } from '../manifest/module-name.js';
import { deriveProvider } from '../dify/tools.js';
import { readSpecFile } from '../load/read-document.js';
import { formatDiagnosticLine } from '../diagnostics/format.js';
import { readPlugin } from '../sources/plugin.js';
import { MAX_TOOLS_PER_PROVIDER } from '../dify/model.js';
import { printable } from '../diagnostics/printable.js';
import { planParts } from '../export/parts.js';
import { writing } from '../write/write-output.js';

const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'generated', 'coverage', '.venv', 'venv', '__pycache__']);
const MAX_DEPTH = 5;
const MAX_FILES = 5000;

export interface Found {
  kind: 'api' | 'builtin' | 'workflow';
  path: string;
  /** builtin: the plugin's provider id. */
  id?: string;
  /** workflow: a tool name derived from the file name. */
  tool?: string;
  /** api: how many tools Dify derives from the spec (when it accepts it). */
  tools?: number;
  /** api, over 100 tools: the parts `export` cuts it into (by tag). */
  parts?: string[];
  /** api: why Dify refuses the spec (the entry is written commented out). */
  refused?: string;
}

/** The first bytes of a file, enough to recognise what it is. */
function head(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * True when the start of a JSON text has one of `keys` as a key of its top-level object
 * (a scan of strings and nesting: `{"info": {"openapi": 1}}` does not count).
 */
export function hasTopLevelJsonKey(text: string, keys: readonly string[]): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const key = text.slice(i + 1, end);
      if (depth === 1 && keys.includes(key) && /^\s*:/.test(text.slice(end + 1, end + 20))) return true;
      i = end;
    }
  }
  return false;
}

/**
 * What `read` gives, or `otherwise` when the file system refuses (a folder or file this user
 * may not read, such as a database volume owned by root): init passes over it.
 */
function readable<T>(read: () => T, otherwise: T): T {
  try {
    return read();
  } catch (e) {
    if (typeof (e as NodeJS.ErrnoException).code === 'string') return otherwise;
    throw e;
  }
}

/** Walks the project (bounded) and recognises inputs by their content. */
export function discover(root: string): Found[] {
  const found: Found[] = [];
  let files = 0;
  const walk = (dir: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const name of readable(() => readdirSync(dir), []).sort()) {
      if (SKIP.has(name) || name.startsWith('.')) continue;
      const path = join(dir, name);
      const stat = readable(() => statSync(path, { throwIfNoEntry: false }), undefined);
      if (!stat) continue;
      if (stat.isDirectory()) {
        if (existsSync(join(path, 'manifest.yaml')) && /^type:\s*plugin\b/m.test(readable(() => head(join(path, 'manifest.yaml')), ''))) found.push(plugin(root, path));
        else walk(path, depth + 1);
        continue;
      }
      if (++files > MAX_FILES) return;
      if (name.endsWith('.difypkg')) found.push(plugin(root, path));
      else if (/\.(ya?ml|json)$/.test(name) && !MANIFEST_NAMES.includes(name)) {
        const text = readable(() => head(path), '');
        // A YAML key at a line start, or a top-level JSON key (minified JSON is one line).
        if (/^\s*["']?(openapi|swagger)["']?\s*:/m.test(text) || (name.endsWith('.json') && hasTopLevelJsonKey(text, ['openapi', 'swagger']))) found.push(api(root, path));
        else if (/^kind:\s*app\b/m.test(text) && /^\s*mode:\s*workflow\b/m.test(text)) {
          found.push({ kind: 'workflow', path: toPosix(relative(root, path)), tool: toIdentifier(name.replace(/\.[^.]+$/, ''), 'camel').replace(/[^a-zA-Z0-9_]/g, '_') });
        }
      }
    }
  };
  if (existsSync(join(root, 'manifest.yaml')) && /^type:\s*plugin\b/m.test(head(join(root, 'manifest.yaml')))) found.push(plugin(root, root));
  walk(root, 0);
  return found;
}

/** An OpenAPI document: its tool count (and `export` parts when over 100), or the reason Dify refuses it (e.g. Swagger 2.0 without `servers`). */
function api(root: string, path: string): Found {
  const display = toPosix(relative(root, path));
  try {
    const provider = deriveProvider(readSpecFile(path, {}, display));
    const parts = provider.tools.length > MAX_TOOLS_PER_PROVIDER ? planParts(provider.document.value, provider.tools, 'tag').map((p) => p.name) : undefined;
    return { kind: 'api', path: display, tools: provider.tools.length, ...(parts ? { parts } : {}) };
  } catch (e) {
    const first = e instanceof UserError ? e.diagnostics[0] : undefined;
    return first ? { kind: 'api', path: display, refused: formatDiagnosticLine(first) } : { kind: 'api', path: display };
  }
}

function plugin(root: string, path: string): Found {
  const display = toPosix(relative(root, path)) || '.';
  try {
    return { kind: 'builtin', path: display, id: readPlugin(path, { root, display }).id };
  } catch {
    return { kind: 'builtin', path: display };
  }
}

/**
 * Module names that differ only in case collide as files on some systems, and the manifest
 * refuses them: a later one (in key order) gets the smallest numeric suffix that is free.
 */
function distinctIgnoringCase(names: Map<string, string>): Map<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const key of [...names.keys()].sort(compare)) {
    const name = names.get(key)!;
    let unique = name;
    for (let n = 2; used.has(unique.toLowerCase()); n++) unique = `${name}${n}`;
    used.add(unique.toLowerCase());
    out.set(key, unique);
  }
  return out;
}

/** The text of the starter manifest. */
export function starterManifest(found: readonly Found[]): string {
  // The project's own plugin (at '.') is named after its provider, the others after their file.
  const baseName = (f: Found) => (f.path === '.' && f.id ? f.id.split('/').pop()! : f.path.split('/').pop()!.replace(/\.[^.]+$/, ''));
  const names = distinctIgnoringCase(planIdentifiers(found.map((f) => ({ key: f.path, preferred: toModuleName(baseName(f) || 'plugin') }))));
  const lines = [
    '# yaml-language-server: $schema=node_modules/dify-toolgen/schema/dify-tools.schema.json',
    '# The Dify tools this plugin calls. `dify-toolgen generate` writes typed wrappers for them',
    '# into `output`; `dify-toolgen check` (in CI) fails when those files are out of date.',
    '# Reference: https://www.npmjs.com/package/dify-toolgen (README, "Manifest reference").',
    ...(found.some((f) => f.kind === 'builtin' && f.path === '.')
      ? [
          '# This folder is a Dify plugin, and Dify runs plugins in Python: the wrappers are a Python',
          '# package (import it in your tools: `from tools_generated import <provider>`).',
          'typescript: false',
          'python:',
          '  output: tools_generated',
        ]
      : ['output: generated', '# python:', '#   output: tools_generated   # also a Python package over the dify_plugin SDK']),
    'providers:',
  ];
  if (found.length === 0) {
    lines.push(
      '  # Nothing was found to start from. An API tool provider looks like this:',
      '  # petstore:',
      '  #   type: api',
      "  #   id: <the provider's id, shown in Dify>",
      '  #   spec: specs/petstore.yaml   # the OpenAPI schema pasted into Dify',
      '  {}',
    );
  }
  for (const f of found) {
    const name = names.get(f.path)!;
    const q = JSON.stringify;
    if (f.kind === 'api' && f.refused !== undefined) {
      lines.push(`  # Dify refuses ${f.path}, so it is left out: ${f.refused.replace(/\n/g, ' ')}`, '  # Fix the spec, then uncomment:', `  # ${name}:`, '  #   type: api', "  #   id: 00000000-0000-0000-0000-000000000000   # TODO: the API tool provider's id in Dify", `  #   spec: ${q(f.path)}`);
    } else if (f.kind === 'api') {
      lines.push(`  ${name}:`, '    type: api', "    id: 00000000-0000-0000-0000-000000000000   # TODO: the API tool provider's id in Dify", `    spec: ${q(f.path)}`);
      if (f.parts) lines.push(...exportSuggestion(f.path, f.tools!, f.parts));
    } else if (f.kind === 'builtin') {
      lines.push(
        `  ${name}:`,
        '    type: builtin',
        f.id ? `    id: ${f.id}` : '    id: author/plugin/provider   # TODO: <plugin author>/<plugin name>/<provider name>',
        `    plugin: ${q(f.path)}`,
        '    # tools: [tool_name]   # only these tools',
      );
    } else {
      lines.push(
        `  ${name}:`,
        '    type: workflow',
        "    id: 00000000-0000-0000-0000-000000000000   # TODO: the workflow tool provider's id in Dify",
        `    tool: ${f.tool}   # TODO: the name the workflow was published under`,
        `    dsl: ${q(f.path)}`,
      );
    }
  }
  if (found.length > 0 && found.every((f) => f.refused !== undefined)) lines.push('  {}');
  return lines.join('\n') + '\n';
}

/** Comment lines for a spec Dify cannot take whole: how to cut it, and how to point the provider at a part. */
function exportSuggestion(path: string, tools: number, parts: readonly string[]): string[] {
  const shown = parts.slice(0, 8).map((p) => JSON.stringify(printable(p, 60))).join(', ') + (parts.length > 8 ? `, … (${parts.length} parts)` : '');
  return [
    `    # TODO: this spec yields ${tools} tools; Dify refuses a provider with more than ${MAX_TOOLS_PER_PROVIDER}.`,
    `    # Cut it with 'dify-toolgen export ${printable(path, 200)} --out dify-parts', paste one part into`,
    `    # Dify, and name that part here. Parts: ${shown}`,
    `    # part: ${JSON.stringify(printable(parts[0]!, 60))}`,
  ];
}

/** Writes dify-tools.yaml into `root`; refuses if any manifest exists. */
export function init(root: string): { file: string; found: Found[] } {
  const existing = MANIFEST_NAMES.find((name) => existsSync(join(root, name)));
  if (existing) {
    throw new UserError(error('manifest-exists', `${existing} already exists; init never replaces a manifest`, { location: { file: existing }, hint: 'edit it, or move it away and run init again' }));
  }
  const found = discover(root);
  const file = join(root, 'dify-tools.yaml');
  writing('dify-tools.yaml', () => writeFileSync(file, starterManifest(found), { flag: 'wx' }));
  return { file, found };
}
