/**
 * `dify-toolgen export`: cuts a spec Dify cannot take whole (more than 100 tools, §2 of
 * dify-semantics.md) into schema files Dify accepts, each a valid document with the
 * original `servers`, `info` and security and only the components its operations reach.
 * Each part, read and derived again, gives exactly the original derivation's tools (names,
 * order, methods, paths, parameters, defaults): test/corpus/export.test.ts proves it on the
 * corpus.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import { error, UserError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { printable, quoted } from '../diagnostics/printable.js';
import type { DifyProvider, DifyTool } from '../dify/model.js';
import { deriveProvider } from '../dify/tools.js';
import { partDocument, refContainers, sharedNodes } from '../export/part-document.js';
import { planParts, selectionParts, type ExportPart, type SplitBy } from '../export/parts.js';
import { jsonText, withFirstKey, yamlText, type ExportFormat } from '../export/serialize.js';
import type { Limits } from '../load/limits.js';
import { readSpecFile, type LoadedDocument } from '../load/read-document.js';
import type { Mapping } from '../load/value.js';
import { findManifest, loadManifest, type ResolvedManifest } from '../manifest/load-manifest.js';
import type { ApiProviderEntry } from '../manifest/schema.js';
import { inside, toPosix } from '../paths.js';
import { partTools, selectTools } from '../plan/provider-plan.js';
import { writing } from '../write/write-output.js';

/** The top-level key that names the source and the part in JSON output (JSON has no comments). */
export const EXPORT_KEY = 'x-dify-toolgen-export';
/** The first words of every exported YAML file; a file without it (or the JSON key) is never overwritten. */
export const EXPORT_MARKER = 'Exported by dify-toolgen';

export interface ExportOptions {
  /** Folder the spec, the output folder and the manifest are resolved against. */
  cwd: string;
  /** The spec to cut, as the user names it; with `provider`, the provider's spec is used. */
  spec?: string;
  /** Only the tools this api provider of the manifest selects. */
  provider?: string;
  manifest?: string;
  /** How to group tools (default `tag`). */
  by?: SplitBy;
  /** Output format (default: the input's). */
  format?: ExportFormat;
  limits?: Partial<Limits>;
}

export interface ExportedPart {
  /** File name inside the output folder. */
  file: string;
  name: string;
  tools: DifyTool[];
  text: string;
}

export interface ExportResult {
  /** The spec as shown in headers and messages (relative to `cwd`, `/`-separated). */
  source: string;
  provider: DifyProvider;
  format: ExportFormat;
  /** Each part's file name and tools, in order. */
  plan: Array<{ file: string; part: ExportPart }>;
  /**
   * Each part with its text, built one at a time: a big spec's parts together can outgrow
   * memory, so callers write (or check) each and let it go.
   */
  parts(): Generator<ExportedPart>;
}

/** Reads, derives and cuts a spec; nothing is written. */
export function exportSpec(options: ExportOptions): ExportResult {
  const input = exportInput(options);
  const document = readSpecFile(input.path, options.limits ?? {}, input.display);
  const provider = deriveProvider(document);
  const tools = input.selection ? selectedTools(input.selection, provider) : provider.tools;
  if (tools.length === 0) throw new UserError(error('export-no-tools', `${quoted(input.display)} has no tools to export`, { location: { file: input.display, pointer: '#/paths' } }));
  const parts = input.selection ? selectionParts(input.selection.name, tools) : planParts(document.value, tools, options.by ?? 'tag');
  const format = options.format ?? document.format;
  const stem = basename(input.display, extname(input.display));
  const width = Math.max(2, String(parts.length).length);
  const plan = parts.map((part, i) => ({ file: `${stem}.${String(i + 1).padStart(width, '0')}-${part.slug}.${format}`, part }));
  return { source: input.display, provider, format, plan, parts: () => partTexts(document, provider.tools, plan, input.display, format) };
}

interface ExportInput {
  path: string;
  display: string;
  selection?: { name: string; manifest: ResolvedManifest; entry: ApiProviderEntry };
}

/** The spec to read: the one named, or the manifest provider's. */
function exportInput(options: ExportOptions): ExportInput {
  if (options.provider === undefined) {
    if (options.spec === undefined) throw new UserError(error('bad-arguments', 'export needs a spec file, or --provider <name>', { hint: 'dify-toolgen export specs/big.json --out parts' }));
    const path = resolve(options.cwd, options.spec);
    return { path, display: displayPath(options.cwd, path) };
  }
  const file = findManifest(options.cwd, options.manifest);
  const manifest = loadManifest(file, displayPath(options.cwd, file));
  const source = manifest.providers.find((p) => p.name === options.provider);
  if (!source || source.entry.type !== 'api') {
    const names = manifest.providers.filter((p) => p.entry.type === 'api').map((p) => p.name);
    throw new UserError(
      error('export-unknown-provider', `the manifest has no api provider named ${quoted(options.provider)}`, {
        location: { file: manifest.fileDisplay },
        hint: names.length > 0 ? `its api providers: ${names.map((n) => quoted(n)).join(', ')}` : 'add an api provider with a spec',
      }),
    );
  }
  const path = source.sourcePath!;
  if (options.spec !== undefined && resolve(options.cwd, options.spec) !== path) {
    throw new UserError(error('bad-arguments', `provider ${quoted(source.name)} reads ${quoted(source.sourceDisplay)}, not ${quoted(options.spec)}`, { hint: 'leave out the spec with --provider' }));
  }
  return { path, display: displayPath(options.cwd, path), selection: { name: source.name, manifest, entry: source.entry } };
}

/** The manifest provider's `tools` (all, or its `part`'s, when it has none), first tool of each name (the one Dify invokes). */
function selectedTools(selection: NonNullable<ExportInput['selection']>, provider: DifyProvider): DifyTool[] {
  const diagnostics: Diagnostic[] = [];
  const source = selection.manifest.providers.find((p) => p.name === selection.name)!;
  const first = new Map<string, DifyTool>();
  for (const tool of selection.entry.part === undefined ? provider.tools : partTools(source, provider, diagnostics)) {
    if (!first.has(tool.registeredName)) first.set(tool.registeredName, tool);
  }
  const named = [...first].map(([name, tool]) => ({ name, tool }));
  const tools = selectTools(source, named, selection.entry.tools, diagnostics).map((t) => t.tool);
  if (diagnostics.some((d) => d.severity === 'error')) throw new UserError(diagnostics);
  return tools;
}

function displayPath(cwd: string, path: string): string {
  return inside(cwd, path) ? toPosix(relative(cwd, path)) : basename(path);
}

/** Every part's text, one at a time. */
function* partTexts(document: LoadedDocument, allTools: readonly DifyTool[], plan: ExportResult['plan'], source: string, format: ExportFormat): Generator<ExportedPart> {
  const root = document.value as Mapping;
  const containers = refContainers(root);
  const shared = sharedNodes(root, allTools);
  for (const [i, { file, part }] of plan.entries()) {
    const { value, crossPartRefs } = partDocument(root, part.tools, containers, shared);
    if (crossPartRefs.length > 0) {
      throw new UserError(
        crossPartRefs.map(({ ref, at }) =>
          error('export-cross-part-ref', `the $ref ${quoted(ref)} of part ${quoted(part.name)} points at an operation of another part`, {
            location: document.locate(at),
            hint: 'move the shared definition into components, or export with --provider to choose the tools of one part',
          }),
        ),
      );
    }
    const header = { source, part: part.name, index: i + 1, of: plan.length, tools: part.tools.length };
    const text = format === 'json' ? jsonText(withFirstKey(value, EXPORT_KEY, new Map(Object.entries(header))), file) : yamlText(value, headerLines(header));
    yield { file, name: part.name, tools: part.tools, text };
  }
}

function headerLines(header: { source: string; part: string; index: number; of: number; tools: number }): string[] {
  return [
    `${EXPORT_MARKER} from ${printable(header.source, 200)}: part ${header.index} of ${header.of}, ${quoted(header.part, 80)}, ${header.tools} tool${header.tools === 1 ? '' : 's'}.`,
    'Paste it into Dify as one custom tool provider.',
  ];
}

/** Writes the parts into `outDir`, never over a file that is not an earlier export. Returns the files written. */
export function writeParts(result: ExportResult, outDir: string, outDisplay: string): string[] {
  makeOutFolder(outDir, outDisplay);
  for (const { file } of result.plan) {
    const target = join(outDir, file);
    if (existsSync(target) && !isExport(readFileSync(target, 'utf8'))) {
      throw new UserError(error('export-would-overwrite', `${quoted(`${outDisplay}/${file}`)} exists and was not written by export`, { location: { file: `${outDisplay}/${file}` }, hint: 'choose another --out folder, or move the file away' }));
    }
  }
  for (const part of result.parts()) writing(`${outDisplay}/${part.file}`, () => writeFileSync(join(outDir, part.file), part.text));
  return result.plan.map((p) => p.file);
}

/** Makes the `--out` folder; a file there, or on the way to it, is the user's mistake, located. */
function makeOutFolder(outDir: string, outDisplay: string): void {
  try {
    writing(outDisplay, () => mkdirSync(outDir, { recursive: true }));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
    throw new UserError(error('export-out-not-folder', `--out ${quoted(outDisplay)} is a file, or inside one, not a folder`, { location: { file: outDisplay }, hint: 'name a folder for the parts (it is made when missing)' }));
  }
}

function isExport(text: string): boolean {
  const head = text.slice(0, 400);
  return head.startsWith(`# ${EXPORT_MARKER}`) || head.includes(`"${EXPORT_KEY}"`);
}

/** The `--dry-run` table: one line per part with its file, tool count and size. */
export function exportPlan(result: ExportResult): string {
  const total = result.provider.tools.length;
  const lines = [`${result.source}: ${total} tool${total === 1 ? '' : 's'} → ${result.plan.length} part${result.plan.length === 1 ? '' : 's'} (${result.format})`];
  for (const part of result.parts()) {
    const tools = `${String(part.tools.length).padStart(4)} ${part.tools.length === 1 ? 'tool ' : 'tools'}`;
    lines.push(`  ${part.file.padEnd(40)} ${tools} ${kib(Buffer.byteLength(part.text)).padStart(10)}  ${quoted(part.name, 60)}`);
  }
  return lines.join('\n');
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
