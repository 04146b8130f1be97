/**
 * Reads an exported Dify app DSL the way Dify publishes a workflow as a tool
 * (dify-semantics.md §6; Dify's `WorkflowToolConfigurationUtils` and
 * `WorkflowToolProviderController`): the first start node's `variables` become the tool's
 * parameters, mapped by `VARIABLE_TO_PARAMETER_TYPE_MAPPING`; the end nodes' `outputs` its
 * outputs. The DSL is read as Dify reads it, with PyYAML's `safe_load` (YAML 1.1, see
 * load/yaml11.ts), and each variable is checked as pydantic checks Dify's `VariableEntity`.
 */
import { readFileSync, statSync } from 'node:fs';
import { error, UserError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { printable, quoted } from '../diagnostics/printable.js';
import { DEFAULT_LIMITS, type Limits } from '../load/limits.js';
import { UNREADABLE } from '../load/read-document.js';
import type { PositionTable } from '../load/positions.js';
import type { PointerPath, Value } from '../load/value.js';
import { LimitError, readYaml, YamlLoadError } from '../load/yaml11.js';
import { closest } from '../manifest/load-manifest.js';
import type { SourceLocation, SourceParameter, SourceParameterType, SourceProvider, SourceTool } from './model.js';
import { scalarDefault, uniqueParameters } from './parameters.js';
import { defaultRefusal } from './workflow-default.js';
import { notice, problem, Report, shownValue, textProblem } from './report.js';
import { kindOf, lineCounterFor, plainDoc, textDoc, utf8Text, valueAt, type Doc } from './yaml-document.js';

/** Dify's `VARIABLE_TO_PARAMETER_TYPE_MAPPING`: start variable type → tool parameter type. */
export const WORKFLOW_VARIABLE_TYPES: ReadonlyMap<string, SourceParameterType> = new Map<string, SourceParameterType>([
  ['text-input', 'string'],
  ['paragraph', 'string'],
  ['select', 'select'],
  ['number', 'number'],
  ['checkbox', 'boolean'],
  ['file', 'file'],
  ['file-list', 'files'],
  ['json_object', 'object'],
]);

/** The variable types whose `max_length` Dify keeps: characters for text, files for file-list. */
const MAX_LENGTH_TYPES = new Set(['text-input', 'paragraph', 'file-list']);

/** Dify's `OutputVariableType`: the `value_type` of an end-node output. */
export const OUTPUT_VALUE_TYPES = [
  'string',
  'number',
  'integer',
  'secret',
  'boolean',
  'object',
  'file',
  'array',
  'array[string]',
  'array[number]',
  'array[object]',
  'array[boolean]',
  'array[file]',
  'any',
  'array[any]',
] as const;

/** The name a workflow tool is published under (Dify's publish form checks it). */
export const WORKFLOW_TOOL_NAME = /^[a-zA-Z0-9_]+$/;

const DIFY_REFUSES = 'Dify refuses to publish this workflow as a tool.';
const VALID_TYPES = [...WORKFLOW_VARIABLE_TYPES.keys()].join(', ');

export interface ReadWorkflowOptions {
  /** The DSL path as shown in messages. */
  display: string;
  /** The name the workflow was published under as a tool (from the manifest). */
  toolName: string;
  /** Where `toolName` is written, for the message when it is invalid. */
  toolNameLocation?: SourceLocation;
  /** Bounds on reading the YAML; defaults in `DEFAULT_LIMITS`. */
  limits?: Partial<Limits>;
}

/**
 * Reads a workflow app DSL as the workflow tool Dify publishes from it. Throws one
 * `UserError` carrying every error found; warnings are returned in `diagnostics`.
 */
export function readWorkflowDsl(path: string, options: ReadWorkflowOptions): SourceProvider {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const doc = loadDsl(path, options.display, limits);
  const report = new Report();
  checkToolName(options.toolName, options.toolNameLocation ?? { file: options.display }, report);
  const app = dslApp(doc, report);
  const nodes = graphNodes(doc, report);
  let tool: SourceTool | undefined;
  if (nodes) {
    const start = nodes.findIndex((node) => nodeType(node) === 'start');
    if (start < 0) {
      report.add(problem(doc, 'workflow-no-start-node', 'the workflow has no start node', ['workflow', 'graph', 'nodes'], 'export the DSL of a workflow app: its start node holds the input variables', { dify: DIFY_REFUSES }));
    }
    nodes.forEach((node, i) => {
      if (nodeType(node) === 'human-input') {
        report.add(problem(doc, 'workflow-human-input', 'the workflow has a human-input node, which a workflow tool cannot run', ['workflow', 'graph', 'nodes', i], 'remove the human-input node', { dify: DIFY_REFUSES }));
      }
    });
    const parameters = start < 0 ? [] : workflowVariables(doc, ['workflow', 'graph', 'nodes', start, 'data', 'variables'], report);
    const { outputs, branches } = endOutputs(doc, nodes, report);
    tool = { name: options.toolName, parameters, outputs, location: doc.locate(['workflow', 'graph', 'nodes', Math.max(start, 0)]) };
    if (branches.length > 1) tool.outputBranches = branches;
    if (app.name) tool.label = app.name;
    if (app.description) tool.description = app.description;
  }
  report.throwIfFailed();
  const provider: SourceProvider = { kind: 'workflow', id: '', tools: tool ? [tool] : [], diagnostics: report.warnings() };
  if (app.name) provider.label = app.name;
  if (app.description) provider.description = app.description;
  return provider;
}

/** A workflow tool declared inline in the manifest: start variables and end outputs in the DSL's shape. */
export interface InlineWorkflowTool {
  /** The name the workflow was published under (`^[a-zA-Z0-9_]+$`). */
  name: string;
  label?: string;
  description?: string;
  /** `[{variable, label, type, required, default, max_length, options}]`, as in the start node. */
  variables?: unknown;
  /** `[{variable, value_type}]`, as in the end node. */
  outputs?: unknown;
}

/**
 * Validates a workflow tool declared inline (already-parsed plain data) with exactly the
 * rules applied to a DSL's start and end nodes. `locate` maps a path inside `tool`
 * (`['variables', 0, 'type']`, `[]` for the tool) to its place in the manifest. Returns
 * errors and warnings; the tool is usable only when there is no error.
 */
export function workflowFromInline(tool: InlineWorkflowTool, locate: (path: readonly (string | number)[]) => SourceLocation): { tool: SourceTool; diagnostics: Diagnostic[] } {
  const doc = plainDoc(tool, locate);
  const report = new Report();
  checkToolName(tool.name, locate(['name']), report);
  const parameters = workflowVariables(doc, ['variables'], report);
  const outputs = new Map<string, { name: string; type: string }>();
  nodeOutputs(doc, ['outputs'], report, outputs);
  const result: SourceTool = { name: tool.name, parameters, location: locate([]) };
  if (outputs.size > 0 || tool.outputs !== undefined) result.outputs = [...outputs.values()];
  if (typeof tool.label === 'string') result.label = tool.label;
  if (typeof tool.description === 'string') result.description = tool.description;
  return { tool: result, diagnostics: report.diagnostics };
}

// ───────────────────────────── reading the DSL ─────────────────────────────

function loadDsl(path: string, file: string, limits: Limits): Doc {
  const where = { location: { file } };
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > limits.maxBytes) throw new UserError(error('workflow-yaml-limit', `the DSL is ${size} bytes, more than the limit of ${limits.maxBytes}`, { ...where, hint: 'check that this is the exported DSL you meant' }));
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === undefined ? printable((e as Error).message) : (UNREADABLE[code] ?? printable(code));
    throw new UserError(error('workflow-unreadable', `cannot read the DSL ${quoted(file)}: ${why}`, { ...where, hint: code === 'EACCES' ? "check the file's owner and permissions" : 'check the path' }));
  }
  let text = utf8Text(bytes);
  if (text === undefined) throw new UserError(error('workflow-unreadable', `the DSL ${quoted(file)} is not UTF-8 text`, { ...where, hint: 'save the file as UTF-8' }));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // PyYAML drops the byte-order mark too
  const lines = lineCounterFor(text);
  const positions: PositionTable = new WeakMap();
  try {
    const { value } = readYaml(text, { limits, positions });
    return textDoc(file, text, value, positions, lines);
  } catch (e) {
    if (!(e instanceof YamlLoadError) && !(e instanceof LimitError)) throw e;
    const limit = e instanceof LimitError;
    throw new UserError(
      textProblem(file, text, lines, e.offset, limit ? 'workflow-yaml-limit' : 'workflow-yaml-syntax', `the DSL ${quoted(file)} cannot be read: ${printable(e.message)}`, {
        dify: 'Dify reads a DSL with PyYAML safe_load and refuses what it cannot load.',
        hint: limit ? 'this looks like hostile YAML; check the file' : 'fix the YAML at this position',
      }),
    );
  }
}

function checkToolName(name: string, location: SourceLocation, report: Report): void {
  if (!WORKFLOW_TOOL_NAME.test(name)) {
    report.add(error('workflow-tool-name', `the workflow tool name ${quoted(name)} is not letters, digits and _ only`, { location, hint: 'use the name the workflow was published under as a tool', dify: 'Dify publishes a workflow tool only under a name matching ^[a-zA-Z0-9_]+$.' }));
  }
}

/** `app`: a workflow app; its name and description label the tool. */
function dslApp(doc: Doc, report: Report): { name?: string; description?: string } {
  if (!(doc.value instanceof Map)) {
    report.add(problem(doc, 'workflow-invalid', `the DSL must be a mapping, not a ${kindOf(doc.value)}`, [], 'export the app from Dify (… → Export DSL)', { dify: DIFY_REFUSES }));
    return {};
  }
  const app = valueAt(doc.value, ['app']);
  if (!(app instanceof Map)) {
    report.add(problem(doc, 'workflow-invalid', 'the DSL has no `app` mapping', app === undefined ? [] : ['app'], 'export the app from Dify (… → Export DSL)', { dify: 'Dify refuses a DSL without app data.' }));
    return {};
  }
  const mode = app.get('mode');
  if (mode !== 'workflow') {
    const what = typeof mode === 'string' ? `a ${quoted(mode)} app` : 'an app without `mode`';
    report.add(problem(doc, 'workflow-not-workflow', `the DSL is ${what}, not a workflow app`, mode === undefined ? ['app'] : ['app', 'mode'], 'only a workflow app (mode: workflow) can be published as a tool', { dify: DIFY_REFUSES }));
  }
  const out: { name?: string; description?: string } = {};
  const name = app.get('name');
  const description = app.get('description');
  if (typeof name === 'string' && name) out.name = name;
  if (typeof description === 'string' && description) out.description = description;
  return out;
}

/** `workflow.graph.nodes`, a list of mappings. */
function graphNodes(doc: Doc, report: Report): Value[] | undefined {
  if (!(doc.value instanceof Map)) return undefined;
  const path = ['workflow', 'graph', 'nodes'];
  const nodes = valueAt(doc.value, path);
  if (!Array.isArray(nodes)) {
    report.add(problem(doc, 'workflow-invalid', 'the DSL has no `workflow.graph.nodes` list', path, 'export the app from Dify (… → Export DSL)', { dify: DIFY_REFUSES }));
    return undefined;
  }
  let ok = true;
  nodes.forEach((node, i) => {
    const data = node instanceof Map ? node.get('data') : undefined;
    if (!(node instanceof Map) || (data !== undefined && !(data instanceof Map))) {
      report.add(problem(doc, 'workflow-invalid', `the node nodes[${i}] is not a mapping with a \`data\` mapping`, [...path, i], 'export the app from Dify again', { dify: DIFY_REFUSES }));
      ok = false;
    }
  });
  return ok ? nodes : undefined;
}

function nodeType(node: Value): Value | undefined {
  return valueAt(node, ['data', 'type']);
}

/**
 * The end nodes' `outputs`: each node's own list (`branches`, in node order), and all of them
 * merged (first appearance sets the order, a later end node's definition wins). A run returns
 * the outputs of the end node it reached (Dify's WorkflowTool._invoke sends the run's
 * `outputs`), so a result has one branch's outputs, not all of them.
 */
function endOutputs(doc: Doc, nodes: Value[], report: Report): { outputs: WorkflowOutput[]; branches: WorkflowOutput[][] } {
  const outputs = new Map<string, WorkflowOutput>();
  const branches: WorkflowOutput[][] = [];
  nodes.forEach((node, i) => {
    if (nodeType(node) !== 'end') return;
    const own = new Map<string, WorkflowOutput>();
    nodeOutputs(doc, ['workflow', 'graph', 'nodes', i, 'data', 'outputs'], report, own);
    for (const output of own.values()) outputs.set(output.name, output);
    branches.push([...own.values()]);
  });
  return { outputs: [...outputs.values()], branches };
}

type WorkflowOutput = { name: string; type: string };

/** One node's outputs (Dify's `OutputVariableEntity`: `variable`, `value_type`, default `any`). */
function nodeOutputs(doc: Doc, path: PointerPath, report: Report, into: Map<string, { name: string; type: string }>): void {
  const list = valueAt(doc.value, path);
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    report.add(problem(doc, 'workflow-output-invalid', `\`outputs\` must be a list, not a ${kindOf(list)}`, path, 'list the outputs as {variable, value_type}', { dify: DIFY_REFUSES }));
    return;
  }
  list.forEach((item, i) => {
    const at = [...path, i];
    const name = valueAt(item, ['variable']);
    let type = valueAt(item, ['value_type']) ?? 'any';
    if (typeof type === 'string' && type.startsWith('Array[')) type = type.toLowerCase();
    if (typeof name !== 'string' || name === '') {
      report.add(problem(doc, 'workflow-output-invalid', `the output outputs[${i}] has no \`variable\` name`, at, 'add `variable: <output name>`', { dify: DIFY_REFUSES }));
    } else if (typeof type !== 'string' || !(OUTPUT_VALUE_TYPES as readonly string[]).includes(type)) {
      report.add(problem(doc, 'workflow-output-invalid', `the output ${quoted(name)} has the unknown value_type ${typeof type === 'string' ? quoted(type) : kindOf(type)}`, [...at, 'value_type'], `use one of ${OUTPUT_VALUE_TYPES.join(', ')}`, { dify: DIFY_REFUSES }));
    } else {
      into.set(name, { name, type }); // an existing key keeps its place

    }
  });
}

// ───────────────────────────── start variables ─────────────────────────────

/** The start node's `variables` as tool parameters, in order; duplicate names are refused. */
function workflowVariables(doc: Doc, path: PointerPath, report: Report): SourceParameter[] {
  const list = valueAt(doc.value, path);
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    report.add(problem(doc, 'workflow-variable-invalid', `\`variables\` must be a list, not a ${kindOf(list)}`, path, 'list the input variables of the start node', { dify: DIFY_REFUSES }));
    return [];
  }
  return uniqueParameters(doc, path, list, report, (at) => workflowVariable(doc, at, report), { code: 'workflow-duplicate-variable', noun: 'variable', key: 'variable' });
}

/** One start variable (Dify's `VariableEntity`) as the `ToolParameter` Dify builds from it. */
function workflowVariable(doc: Doc, at: PointerPath, report: Report): SourceParameter | undefined {
  const item = valueAt(doc.value, at);
  const index = String(at[at.length - 1]);
  if (!(item instanceof Map)) {
    report.add(problem(doc, 'workflow-variable-invalid', `the variable variables[${index}] must be a mapping, not a ${kindOf(item)}`, at, 'declare it as {variable, label, type, required}', { dify: DIFY_REFUSES }));
    return undefined;
  }
  const name = pyStr(doc, [...at, 'variable'], report);
  const owner = name ? `the variable ${quoted(name)}` : `variables[${index}]`;
  const type = pyStr(doc, [...at, 'type'], report);
  for (const [key, value] of [
    ['variable', name],
    ['type', type],
  ] as const) {
    if (value === undefined && (item.get(key) ?? null) === null) {
      const hint = key === 'variable' ? 'add `variable: <the key callers pass>`' : `add \`type:\`, one of ${VALID_TYPES}`;
      report.add(problem(doc, 'workflow-variable-missing-key', `${owner} has no \`${key}\``, at, hint, { dify: DIFY_REFUSES }));
    }
  }
  const mapped = type === undefined ? undefined : WORKFLOW_VARIABLE_TYPES.get(type);
  if (type !== undefined && mapped === undefined) {
    const nearest = closest(type, [...WORKFLOW_VARIABLE_TYPES.keys()]);
    const what = type === 'external_data_tool' ? `has the type ${quoted(type)}, which cannot be a tool parameter` : `has the unknown type ${quoted(type)}`;
    report.add(problem(doc, 'workflow-variable-type', `${owner} ${what}`, [...at, 'type'], `${nearest && nearest !== type ? `did you mean ${quoted(nearest)}? ` : ''}valid types: ${VALID_TYPES}`, { dify: DIFY_REFUSES }));
  }
  const label = pyStr(doc, [...at, 'label'], report);
  if (label === undefined && (item.get('label') ?? null) === null) {
    report.add(notice(doc, 'workflow-variable-label-missing', `${owner} has no \`label\``, at, 'add `label: <text shown to users>`', { dify: 'Dify requires a label on every start variable.' }));
  }
  const options = pyStrList(doc, [...at, 'options'], report);
  if (mapped === 'select' && options.length === 0) {
    report.add(notice(doc, 'workflow-select-no-options', `the select variable ${quoted(name ?? '')} has no options, so any text is accepted`, at, 'add `options: [a, b]`'));
  }
  const parameter: SourceParameter = {
    name: name ?? '',
    type: mapped ?? 'string',
    required: pyBool(doc, [...at, 'required'], report) ?? false,
    default: scalarDefault(valueAt(doc.value, [...at, 'default'])),
    location: doc.locate(at),
  };
  if (label !== undefined) parameter.label = label;
  const description = pyStr(doc, [...at, 'description'], report);
  if (description) parameter.description = description;
  if (mapped === 'select' && options.length > 0) parameter.options = options.map((value) => ({ value, label: value }));
  const maxLength = pyInt(doc, [...at, 'max_length'], report);
  if (maxLength !== undefined && type !== undefined && MAX_LENGTH_TYPES.has(type)) parameter.maxLength = maxLength;
  // Left out, an optional variable takes its default, which Dify then checks like any input.
  if (!parameter.required && type !== undefined && defaultRefusal({ name: parameter.name, type, default: valueAt(doc.value, [...at, 'default']), options, ...(maxLength !== undefined ? { maxLength } : {}) })) parameter.required = true;
  return name && mapped ? parameter : undefined;
}

// Pydantic's lax coercions (the fields of VariableEntity), reported as Dify would refuse them.

function invalid(doc: Doc, path: PointerPath, report: Report, wanted: string, value: Value): undefined {
  const last = path[path.length - 1];
  const field = typeof last === 'number' ? `${String(path[path.length - 2])}[${last}]` : String(last);
  report.add(problem(doc, 'workflow-variable-invalid', `\`${field}\` must be ${wanted}, not ${shownValue(doc, path, value)}`, path, `write ${wanted}`, { dify: DIFY_REFUSES }));
  return undefined;
}

/** A `str` field: text only (pydantic does not turn numbers into text); null is absent. */
function pyStr(doc: Doc, path: PointerPath, report: Report): string | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : invalid(doc, path, report, 'text', value);
}

const PY_TRUE = new Set(['1', 'on', 't', 'true', 'y', 'yes']);
const PY_FALSE = new Set(['0', 'off', 'f', 'false', 'n', 'no']);

/** A `bool` field: booleans, 0 and 1, and pydantic's words (true/false, yes/no, on/off, t/f, y/n). */
function pyBool(doc: Doc, path: PointerPath, report: Report): boolean | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  if (typeof value === 'string' && PY_TRUE.has(value.toLowerCase())) return true;
  if (typeof value === 'string' && PY_FALSE.has(value.toLowerCase())) return false;
  return invalid(doc, path, report, 'true or false', value);
}

/** An `int | None` field: whole numbers, also as text or as a float without fraction. */
function pyInt(doc: Doc, path: PointerPath, report: Report): number | undefined {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number(value.trim());
  return invalid(doc, path, report, 'a whole number', value);
}

/** A `Sequence[str]` field where null is an empty list (`convert_none_options`). */
function pyStrList(doc: Doc, path: PointerPath, report: Report): string[] {
  const value = valueAt(doc.value, path);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return invalid(doc, path, report, 'a list of texts', value) ?? [];
  const out: string[] = [];
  value.forEach((item, i) => {
    if (typeof item === 'string') out.push(item);
    else invalid(doc, [...path, i], report, 'text', item);
  });
  return out;
}
