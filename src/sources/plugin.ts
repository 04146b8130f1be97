/**
 * Reads a Dify plugin the way Dify's plugin daemon does (dify-semantics.md §6; the daemon's
 * `decoder/helper.go` `Manifest()`): `manifest.yaml` → `plugins.tools` (provider YAML paths)
 * → each provider's `identity` and `tools` (tool YAML paths, or tools written inline) → each
 * tool's `identity`, `description`, `parameters` and `output_schema`.
 *
 * This module holds the reading rules. A plugin is a source folder or a `.difypkg`, read in
 * place from memory (`plugin-files.ts`, `zip.ts`); YAML is read as the daemon reads it, with
 * go-yaml v3 rules (`go-yaml.ts`), into located documents (`yaml-document.ts`); fields are
 * decoded as the daemon's Go structs decode them (`plugin-fields.ts`). Every problem carries
 * file, line:column, pointer and a hint (`report.ts`).
 *
 * Sections: limits · public API · declarations.
 */
import { resolve } from 'node:path';
import { error, UserError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { printable, quoted } from '../diagnostics/printable.js';
import type { Mapping, PointerPath, Value } from '../load/value.js';
import { closest } from '../manifest/load-manifest.js';
import type { SourceLocation, SourceParameter, SourceParameterType, SourceProvider, SourceTool } from './model.js';
import { uniqueParameters } from './parameters.js';
import { badField, DAEMON_REFUSES, fieldName, goBool, goDefault, goNumber, goString, i18n, identityName, mappingOrAbsent, required } from './plugin-fields.js';
import { loadYaml, openPlugin, type PluginFiles } from './plugin-files.js';
import { notice, problem, Report } from './report.js';
import { kindOf, plainDoc, valueAt, type Doc } from './yaml-document.js';
import type { ZipLimits } from './zip.js';

// ───────────────────────────── limits ─────────────────────────────

/** Bounds on what reading a plugin may cost. Real plugins are far below every one. */
export interface PluginLimits extends ZipLimits {
  /** Largest `.difypkg` read, in bytes (Dify's own default package limit is 50 MB). */
  maxArchiveBytes: number;
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

// The daemon's name rules for plugin ids (`PluginUniqueIdentifier`); identities in `plugin-fields.ts`.
const AUTHOR_NAME = /^[a-z0-9_-]{1,64}$/;
const PLUGIN_NAME = /^[a-z0-9_-]{1,128}$/;

// ───────────────────────────── public API ─────────────────────────────

export interface ReadPluginOptions {
  /** Folder that a relative `path` is resolved against (the project folder). */
  root: string;
  /** The plugin path as shown in messages, e.g. `plugins/tavily` or `plugins/x.difypkg`. */
  display: string;
  /** Bounds; defaults in `PLUGIN_LIMITS`. */
  limits?: Partial<PluginLimits>;
  /** The manifest's `tools:` selection: any other tool is read for its name only, its problems ignored. */
  tools?: readonly string[];
}

/**
 * Reads the tool provider of a plugin folder or `.difypkg`, as Dify does. A problem of the
 * plugin or its provider throws one `UserError` carrying every error found. A problem of one
 * tool refuses that tool only: it is left out of `tools`, named in `refused` (when its name
 * could be read), and its errors are returned in `diagnostics` beside the warnings, so that
 * the run reports every other problem before it fails. A tool left out by `options.tools`
 * is never reported.
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
  // Errors that refuse one tool only; every other error refuses the plugin.
  const toolErrors = new Set<Diagnostic>();
  plugin.providers.forEach((providerPath, i) => {
    const providerDoc = loadYaml(files, providerPath, { doc: manifest, path: ['plugins', 'tools', i], what: 'provider file' }, report, limits);
    if (providerDoc) chosen = providerDeclaration(providerDoc, { files, limits, wanted: options.tools, toolErrors }, report);
  });
  if (plugin.providers.length > 1) {
    report.add(
      notice(manifest, 'plugin-several-providers', `the plugin lists ${plugin.providers.length} tool providers; Dify keeps only the last one`, ['plugins', 'tools'], 'list one provider file under plugins.tools', {
        dify: 'The daemon reads each provider file in turn and keeps the last.',
      }),
    );
  }
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  if (errors.some((d) => !toolErrors.has(d))) throw new UserError(errors);
  if (!chosen || plugin.author === undefined || plugin.name === undefined) throw new Error('readPlugin: a plugin without errors has a provider');
  const provider: SourceProvider = { kind: 'builtin', id: `${plugin.author}/${plugin.name}/${chosen.name}`, tools: chosen.tools, diagnostics: report.diagnostics };
  if (chosen.refused.length > 0) provider.refused = chosen.refused;
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

// ───────────────────────────── declarations ─────────────────────────────

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
  /** Tools left out for their errors, by name where it could be read. */
  refused: string[];
}

/** What reading a provider's tools needs: the plugin's files, the bounds, the manifest's selection. */
interface ToolReading {
  files: PluginFiles;
  limits: PluginLimits;
  wanted: readonly string[] | undefined;
  /** Where the errors that refuse one tool are collected. */
  toolErrors: Set<Diagnostic>;
}

/** One tool as read: the tool (when its name could be read), whether it has errors, and its own diagnostics. */
interface ToolOutcome {
  tool: SourceTool | undefined;
  failed: boolean;
  diagnostics: Diagnostic[];
}

/** One tool, inline at `at` in the provider or in the file named there, read with its own report. */
function toolRead(doc: Doc, at: PointerPath, inline: boolean, reading: ToolReading): ToolOutcome {
  const own = new Report();
  let tool: SourceTool | undefined;
  if (inline) tool = toolDeclaration(doc, at, own);
  else {
    const value = valueAt(doc.value, at);
    const raw = doc.rawText(at) ?? (value === null || value === undefined ? '' : String(value));
    const toolDoc = loadYaml(reading.files, raw, { doc, path: at, what: 'tool file' }, own, reading.limits);
    tool = toolDoc && toolDeclaration(toolDoc, [], own);
  }
  return { tool, failed: own.failed, diagnostics: own.diagnostics };
}

/** Adds a tool's diagnostics to the report, its errors marked as refusing that tool only. */
function reportTool(diagnostics: readonly Diagnostic[], reading: ToolReading, report: Report): void {
  for (const d of diagnostics) {
    report.add(d);
    if (d.severity === 'error') reading.toolErrors.add(d);
  }
}

/**
 * Reads each tool of the provider. A tool the manifest's `tools:` leaves out is read for its
 * name only and never reported. A tool whose name cannot be read (its file is missing or not
 * YAML) is left out too when every selected name was found in the other tools; otherwise it
 * may be a selected one, and its problems are reported.
 */
function providerTools(doc: Doc, items: readonly Value[], reading: ToolReading, report: Report): { tools: SourceTool[]; refused: string[] } {
  const inline: SourceTool[] = [];
  const fromFiles: SourceTool[] = [];
  const refused: string[] = [];
  const nameless: Diagnostic[][] = [];
  items.forEach((item, i) => {
    // ToolProviderDeclaration.UnmarshalYAML: a scalar node (null too: its text, `~` or ``) is a
    // tool file path, a mapping an inline tool, anything else is skipped.
    if (Array.isArray(item)) {
      report.add(notice(doc, 'plugin-tool-ignored', `the entry tools[${i}] is a list, neither a file path nor a tool; Dify ignores it`, ['tools', i], 'remove it, or name a tool YAML file'));
      return;
    }
    const read = toolRead(doc, ['tools', i], item instanceof Map, reading);
    const name = read.tool?.name;
    if (name === undefined && reading.wanted !== undefined) nameless.push(read.diagnostics);
    else if (name === undefined || reading.wanted === undefined || reading.wanted.includes(name)) reportTool(read.diagnostics, reading, report);
    if (read.tool && !read.failed) (item instanceof Map ? inline : fromFiles).push(read.tool);
    else if (name !== undefined) refused.push(name);
  });
  const tools = [...inline, ...fromFiles];
  const found = new Set([...tools.map((t) => t.name), ...refused]);
  const missing = (reading.wanted ?? []).filter((name) => !found.has(name));
  if (missing.length > 0 && nameless.length > 0) {
    for (const diagnostics of nameless) reportTool(diagnostics, reading, report);
    // A selected name not found may be the unreadable tool's: its errors say what is wrong,
    // so the plan does not add "no tool named" for it (the run fails on those errors).
    refused.push(...missing);
  }
  return { tools, refused };
}

/** A provider YAML: identity, then its tools (inline mappings first, then files, as the daemon orders them). */
function providerDeclaration(doc: Doc, reading: ToolReading, report: Report): ProviderRead | undefined {
  if (!(doc.value instanceof Map)) {
    report.add(problem(doc, 'plugin-invalid-value', `a provider file must be a mapping, not a ${kindOf(doc.value)}`, [], 'see the provider YAML of any Dify plugin', { dify: DAEMON_REFUSES }));
    return undefined;
  }
  if (!mappingOrAbsent(doc, ['identity'], report)) return undefined;
  const name = identityName(doc, ['identity', 'name'], report, 'the provider');
  required(doc, ['identity', 'author'], report, 'the provider', 'add `author: <author>` under identity');
  const label = i18n(doc, ['identity', 'label'], report);
  const description = i18n(doc, ['identity', 'description'], report);

  const list = valueAt(doc.value, ['tools']);
  if (list !== undefined && list !== null && !Array.isArray(list)) badField(doc, ['tools'], report, 'a list of tool files', list);
  const items = Array.isArray(list) ? list : [];
  const { tools, refused } = providerTools(doc, items, reading, report);
  if (items.length === 0) report.add(notice(doc, 'plugin-no-tools', 'the provider declares no tools', valueAt(doc.value, ['tools']) === undefined ? [] : ['tools'], 'list tool YAML files under `tools`'));
  checkDuplicateTools(tools, report);
  if (name === undefined) return undefined;
  const out: ProviderRead = { name, tools, refused };
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

/**
 * Dify on a tool YAML that declares a parameter name twice: the daemon has no check, so the
 * plugin installs and the tool keeps both entries; at invocation each entry casts the value
 * in list order and the last cast stays (dify api/core/tools/__base/tool.py,
 * `Tool.transform_tool_parameters_type`), and nothing else reads the entries by name for a
 * call from a plugin (api/core/tools/plugin_tool/tool.py `PluginTool._invoke` forwards the
 * dict). So the later declaration decides the key's type.
 */
const DUPLICATE_PARAMETER_DIFY =
  'The plugin daemon accepts the tool; Dify keeps both entries and casts the value with each in turn, so the last declaration decides (core/tools/__base/tool.py Tool.transform_tool_parameters_type).';

/** A tool's `parameters` list, in order; a repeated name is one key, typed by its last declaration (with a warning). */
function toolParameters(doc: Doc, path: PointerPath, report: Report): SourceParameter[] {
  const list = valueAt(doc.value, path);
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return badField(doc, path, report, 'a list of parameters', list) ?? [];
  return uniqueParameters(doc, path, list, report, (at) => toolParameter(doc, at, report), {
    code: 'plugin-duplicate-parameter',
    noun: 'parameter',
    key: 'name',
    lastWins: { dify: DUPLICATE_PARAMETER_DIFY },
  });
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
