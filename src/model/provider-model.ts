/**
 * Builds the one tool model (`tool-model.ts`) from a provider's plan, whatever its kind:
 * an API provider's tools and parameter schemas (`ProviderPlan`), a plugin's or workflow's
 * declared parameters (`SourcePlan`). Tool selection, pinned names and duplicate folding
 * stay where the plans settle them; names for code are left to each target.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { encodingRule, encodingWarning, mediaWarning, parameterFacts, ruleText } from '../dify/encoding.js';
import type { DifyParameter } from '../dify/model.js';
import { UNINVOCABLE_METHODS } from '../dify/model.js';
import { toolRequest } from '../dify/request.js';
import { RefResolver, type SchemaRef } from '../load/external-refs.js';
import type { ResponseBody } from '../dify/responses.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import type { LoadedDocument } from '../load/read-document.js';
import { childPath, formatPointer, type PointerPath, type Value } from '../load/value.js';
import { functionNameSource, type PlannedTool, type ProviderPlan } from '../plan/provider-plan.js';
import type { ResolvedProvider } from '../manifest/load-manifest.js';
import type { SourcePlan } from '../plan/source-plan.js';
import type { SourceLocation, SourceParameter, SourceTool } from '../sources/model.js';
import { classify } from '../schema/normalize.js';
import { checkAliasCycles, checkNamedSchema, checkSchema, schemaCheck } from '../schema/warnings.js';
import { DeferredShapes } from './deferred-shapes.js';
import { schemaShape, type ShapeContext } from './schema-shape.js';
import type { NamedShape, ParameterModel, PropertyShape, ProviderModel, ResultBody, ToolModel, ToolOutput, ToolResults, TypeShape } from './tool-model.js';

const STRING: TypeShape = { kind: 'string' };
const FILE: TypeShape = { kind: 'file' };
const NEVER: TypeShape = { kind: 'never' };
const RECORD: TypeShape = { kind: 'object', properties: [], additional: { kind: 'any' } };

/** The values that are text with something besides white space (`\S`: what `trim` keeps, without copying the text). */
function texts(...values: unknown[]): string[] {
  return values.filter((t): t is string => typeof t === 'string' && /\S/.test(t));
}

function budget(): ShapeContext['budget'] {
  return { remaining: DEFAULT_LIMITS.maxNodes };
}

/**
 * The model of an API provider: parameters typed from their schemas with the encoding rule
 * each matches (and its located warning, with the body media type's), success bodies as
 * result shapes, `$ref` targets as named shapes.
 */
export function apiProviderModel(plan: ProviderPlan): ProviderModel {
  const ctx: ShapeContext = { document: plan.provider.document, refs: plan.refs, budget: budget() };
  const shapes = new DeferredShapes(ctx);
  const diagnostics: Diagnostic[] = [];
  const tools = plan.tools.map((planned): ToolModel => {
    const { tool } = planned;
    const media = mediaWarning(plan.provider.document, tool);
    if (media) diagnostics.push(media);
    const results = toolResults(planned, ctx, shapes);
    const requestedName = requestedFunctionName(plan.source, tool.registeredName);
    // By assignment, as `apiParameter` builds parameters (spread objects are larger).
    const model = { name: tool.registeredName, nameSource: functionNameSource({ name: tool.registeredName, method: tool.method, path: tool.path }) } as ToolModel;
    if (requestedName !== undefined) model.requestedName = requestedName;
    model.difyName = planned.difyName;
    model.summary = texts(tool.operationSummary, tool.operationDescription);
    model.http = { method: tool.method, path: tool.path, invocable: !UNINVOCABLE_METHODS.has(tool.method) };
    model.request = toolRequest(tool);
    model.parameters = planned.parameters.map((p) => apiParameter(p, planned, plan, ctx, shapes, diagnostics));
    if (results) model.results = results;
    return model;
  });
  const named = [...plan.schemas].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const cyclic = checkApiSchemas(plan, named, tools, diagnostics);
  const types = named.map((s): NamedShape => {
    const description = s.value instanceof Map ? texts(s.value.get('title'), s.value.get('description')).join('\n\n') : '';
    const shape = { key: s.key, baseName: plan.refs.baseName(s), ...(description ? { description } : {}), source: s, ...(cyclic.has(s.key) ? { aliasCycle: true as const } : {}) };
    return shapes.define(shape, 'type');
  });
  shapes.finally(() => breakAliasCycles(types));
  const entry = plan.source.entry;
  return {
    module: plan.module,
    kind: 'api',
    id: entry.id,
    sourceDisplay: plan.source.sourceDisplay,
    tools,
    types,
    server: plan.provider.server ?? '',
    refs: plan.refs,
    formats: entry.type !== 'api' || entry.formats !== false,
    diagnostics,
  };
}

/**
 * Warns about what cannot be typed in an API provider's schemas (src/schema/warnings.ts):
 * alias cycles among the named schemas, then each schema a target types, named schemas
 * first, then every tool's result bodies, then its parameters. Returns the keys on alias cycles.
 */
function checkApiSchemas(plan: ProviderPlan, named: readonly SchemaRef[], tools: readonly ToolModel[], diagnostics: Diagnostic[]): Set<string> {
  const check = schemaCheck(plan.refs, new Set(named.map((s) => s.key)), true, DEFAULT_LIMITS.maxNodes);
  const cyclic = checkAliasCycles(check, named);
  for (const s of named) if (!cyclic.has(s.key)) checkNamedSchema(check, s);
  for (const body of tools.flatMap((t) => t.results?.bodies.body ?? [])) checkSchema(check, body.schema.value, body.schema.document, body.schema.at);
  for (const p of tools.flatMap((t) => t.parameters)) if (p.schema) checkSchema(check, p.schema.value, p.schema.document, p.schema.at);
  diagnostics.push(...check.diagnostics);
  return cyclic;
}

/** The function name the manifest's `functionNames` pins for a tool (own keys only: a tool may be named `constructor`). */
function requestedFunctionName(source: ResolvedProvider, tool: string): string | undefined {
  const requested = (source.entry as { functionNames?: Record<string, string> }).functionNames;
  return requested !== undefined && Object.hasOwn(requested, tool) ? requested[tool] : undefined;
}

/**
 * An API parameter: typed by Dify's `file`/`files` types first, then by its schema, else by
 * Dify's type; with the encoding rule it matches (src/dify/encoding.ts): the encoding its
 * runtime applies, `never` when no value can be sent, and the rule's warning, located once.
 */
function apiParameter(p: DifyParameter, planned: PlannedTool, plan: ProviderPlan, ctx: ShapeContext, shapes: DeferredShapes, diagnostics: Diagnostic[]): ParameterModel {
  // The schema a target with full JSON Schema fidelity reads (the same condition, by the one classification).
  const typedBySchema = p.type !== 'file' && p.type !== 'files' && p.schema !== undefined && classify(p.schema) !== 'any';
  const document = plan.provider.document;
  // Built by assignment, in the order of the interface: an object spread with conditional
  // parts is three times the size (Graph beta's 49,000 parameters: 39 -> 12 MiB).
  const model = parameterBase(p) as Omit<ParameterModel, 'type'>;
  const rule = encodingRule(parameterFacts(planned.tool, p, model.optional, document.value));
  if (rule !== undefined) {
    const warned = encodingWarning(document, planned.difyName, p, rule);
    if (warned) diagnostics.push(warned);
  }
  model.place = p.in;
  if (typedBySchema) model.schema = { value: p.schema, document: ctx.document!, at: schemaPointer(ctx.document!, p) };
  if (p.description) model.description = p.description;
  if (p.mediaType !== undefined) model.mediaType = p.mediaType;
  if (rule !== undefined && rule.encoding !== 'none') model.encoding = rule.encoding;
  if (rule?.warning) model.warning = ruleText(rule.warning.dify, p.name);
  if (typedBySchema) return shapes.define(model, 'parameter');
  const typed = model as ParameterModel;
  typed.type = rule?.encoding === 'refuse' ? NEVER : p.type === 'file' ? FILE : p.type === 'files' ? { kind: 'array', items: FILE } : API_TYPES[p.type];
  return typed;
}

function resultBody(b: ResponseBody, document: LoadedDocument): ResultBody {
  return { status: b.status, mediaType: b.mediaType, schema: { value: b.schema, document, at: b.pointer } };
}

function toolResults(planned: PlannedTool, ctx: ShapeContext, shapes: DeferredShapes): ToolResults | undefined {
  const results = planned.results;
  if (results === undefined || results.body.length === 0) return undefined;
  const sameBodies = results.json.length === results.body.length;
  const bodies = { json: results.json.map((b) => resultBody(b, ctx.document!)), body: results.body.map((b) => resultBody(b, ctx.document!)) };
  const typed = shapes.define({ sameBodies, bodies }, 'body');
  return results.json.length === 0 ? typed : shapes.define(typed, 'json');
}

/** What every parameter carries, whatever its source; optional when Dify does not require it or fills a default. */
function parameterBase(p: { name: string; type: string; required: boolean; default: ParameterModel['default']; defaultIsFloat?: true }): Omit<ParameterModel, 'type' | 'place'> {
  const base: Omit<ParameterModel, 'type' | 'place'> = { name: p.name, difyType: p.type, required: p.required, default: p.default } as Omit<ParameterModel, 'type' | 'place'>;
  if (p.defaultIsFloat) base.defaultIsFloat = true;
  base.optional = !p.required || p.default !== null;
  return base;
}

/**
 * Where a parameter's schema is: a body property's is the property, an operation
 * parameter's its `schema` (Swagger 2 style parameters carry the type themselves).
 */
function schemaPointer(document: LoadedDocument, p: DifyParameter): PointerPath {
  if (p.in === 'body') return p.pointer;
  let node: Value | undefined = document.value;
  for (const key of p.pointer) node = node instanceof Map ? node.get(key) : Array.isArray(node) && typeof key === 'number' ? node[key] : undefined;
  return node instanceof Map && node.get('schema') === p.schema ? childPath(p.pointer, 'schema') : p.pointer;
}

const API_TYPES: Record<DifyParameter['type'], TypeShape> = {
  string: STRING,
  number: { kind: 'number', integer: false },
  boolean: { kind: 'boolean' },
  array: { kind: 'array', items: { kind: 'any' } },
  file: FILE,
  files: { kind: 'array', items: FILE },
};

/**
 * A named shape that is only a `$ref` to itself through other aliases (`A: {$ref: B}`,
 * `B: {$ref: A}`) never reaches a schema: it becomes `any` (the model warns: src/schema/warnings.ts).
 * Runs once the shapes are computed, before any is read.
 */
function breakAliasCycles(types: NamedShape[]): void {
  const byKey = new Map(types.map((t) => [t.key, t]));
  const cyclic = types.filter((t) => {
    const seen = new Set<string>();
    let current: TypeShape | undefined = t.type;
    while (current?.kind === 'ref' && !seen.has(current.key)) {
      seen.add(current.key);
      current = byKey.get(current.key)?.type;
    }
    return current?.kind === 'ref';
  });
  for (const t of cyclic) Object.defineProperty(t, 'type', { value: { kind: 'any' }, enumerable: true, configurable: true, writable: true });
}

/** The model of a builtin (plugin) or workflow provider. */
export function sourceProviderModel(plan: SourcePlan): ProviderModel {
  const tools = plan.tools.map(({ tool }): ToolModel => {
    const output = toolOutput(tool);
    const requestedName = requestedFunctionName(plan.source, tool.name);
    return {
      name: tool.name,
      nameSource: tool.name,
      ...(requestedName !== undefined ? { requestedName } : {}),
      difyName: tool.name,
      summary: texts(tool.label, tool.description),
      parameters: tool.parameters.map((p) => sourceParameter(p, plan.kind)),
      ...(output ? { output } : {}),
    };
  });
  // A tool YAML's output_schema stands alone: its `$ref`s resolve inside it, to no named schema.
  const diagnostics = tools.flatMap((t) => {
    const schema = t.output?.schema;
    if (schema === undefined) return [];
    const check = schemaCheck(new RefResolver(schema.document), new Set(), false, DEFAULT_LIMITS.maxNodes);
    checkSchema(check, schema.value, schema.document, schema.at);
    return check.diagnostics;
  });
  return { module: plan.module, kind: plan.kind, id: plan.source.entry.id, sourceDisplay: plan.source.sourceDisplay, tools, types: [], diagnostics };
}

function sourceParameter(p: SourceParameter, kind: 'builtin' | 'workflow'): ParameterModel {
  const description = p.label && p.description ? `${p.label}: ${p.description}` : (p.description ?? p.label);
  const llm = kind === 'builtin' && p.form === 'llm' && p.llmDescription && p.llmDescription !== p.description ? p.llmDescription : undefined;
  const base = parameterBase(p);
  return {
    ...base,
    // A workflow tool passes a missing parameter as None, and Dify refuses None for a
    // required start variable before it looks at the default (langgenius/dify
    // api/core/app/apps/base_app_generator.py, BaseAppGenerator._validate_inputs: "<variable>
    // is required in input form"): `required: true` with a default stays required.
    optional: kind === 'workflow' ? !p.required : base.optional,
    place: kind === 'workflow' ? 'start' : (p.form ?? 'llm'),
    type: sourceType(p),
    ...(description ? { description } : {}),
    ...(llm !== undefined ? { llmDescription: llm } : {}),
    ...(p.options !== undefined ? { options: p.options.map((o) => o.value) } : {}),
  };
}

function bounded<T extends TypeShape>(shape: T, bounds: Record<string, number | undefined>): T {
  const out: Record<string, unknown> = { ...shape };
  for (const [key, value] of Object.entries(bounds)) if (value !== undefined && Number.isFinite(value)) out[key] = value;
  return out as T;
}

/** A declared parameter type as a shape (the README's table of builtin and workflow types). */
function sourceType(p: SourceParameter): TypeShape {
  switch (p.type) {
    case 'number':
      return bounded({ kind: 'number', integer: false }, { minimum: p.min, maximum: p.max });
    case 'boolean':
    case 'checkbox':
      return { kind: 'boolean' };
    case 'select': {
      const values = [...new Set((p.options ?? []).map((o) => o.value))];
      const one: TypeShape = values.length === 0 ? STRING : { kind: 'literal', values };
      return p.multiple ? { kind: 'array', items: one } : one;
    }
    case 'file':
      return FILE;
    case 'files':
    case 'file-list':
      return bounded({ kind: 'array', items: FILE }, { maxItems: p.maxLength });
    case 'array':
      return { kind: 'array', items: { kind: 'any' } };
    case 'object':
    case 'json_object':
      return RECORD;
    case 'any':
    case 'tool-selector':
      return { kind: 'any' };
    case 'model-selector':
      return { kind: 'selector', of: 'model' };
    case 'app-selector':
      return { kind: 'selector', of: 'app' };
    default:
      // string, secret-input, text-input, paragraph, dynamic-select, date, date-range: text.
      return bounded({ kind: 'string' }, { maxLength: p.maxLength });
  }
}

/** A workflow end output's `value_type` (`string`, `array[number]`, …) as a shape. */
function outputValueType(valueType: string): TypeShape {
  const array = /^array\[(.+)\]$/.exec(valueType);
  if (array) return { kind: 'array', items: outputValueType(array[1]!) };
  const table: Record<string, TypeShape> = {
    string: STRING,
    secret: STRING,
    number: { kind: 'number', integer: false },
    integer: { kind: 'number', integer: true },
    boolean: { kind: 'boolean' },
    object: RECORD,
    file: FILE,
  };
  return Object.hasOwn(table, valueType) ? table[valueType]! : { kind: 'any' };
}

function toolOutput(tool: SourceTool): ToolOutput | undefined {
  if (tool.outputSchema !== undefined) {
    // The tool YAML's schema stands alone: its `$ref`s are not followed.
    const document: LoadedDocument | undefined = undefined;
    const schema = { value: tool.outputSchema as Value, document: outputSchemaDocument(tool.outputSchema as Value, tool.location), at: [] };
    return { type: schemaShape(tool.outputSchema as Value, { document, budget: budget() }), variables: false, origin: 'output_schema', schema };
  }
  if (tool.outputs === undefined || tool.outputs.length === 0) return undefined;
  const branches = distinctBranches(tool.outputBranches ?? []);
  return {
    type: { kind: 'object', properties: outputProperties(tool.outputs) },
    variables: true,
    origin: 'workflow outputs',
    ...(branches.length > 1 ? { branches: branches.map(outputProperties) } : {}),
  };
}

function outputProperties(outputs: readonly { name: string; type: string }[]): PropertyShape[] {
  return outputs.map((o) => ({ name: o.name, type: outputValueType(o.type), required: true, description: `value_type: ${o.type}` }));
}

/** The end nodes' output lists without repeats (two end nodes with the same outputs are one shape), in node order. */
function distinctBranches(branches: readonly { name: string; type: string }[][]): { name: string; type: string }[][] {
  const seen = new Set<string>();
  return branches.filter((b) => {
    const key = JSON.stringify([...b].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A tool YAML's `output_schema` as a document of its own, located inside the YAML (its `$ref`s resolve in it alone). */
function outputSchemaDocument(value: Value, location: SourceLocation): LoadedDocument {
  return {
    file: location.file,
    format: 'yaml',
    value,
    nodes: 0,
    locate: (path) => ({ ...location, pointer: `${location.pointer ?? '#'}/output_schema${formatPointer(path).slice(1)}` }),
    excerpt: () => undefined,
  };
}
