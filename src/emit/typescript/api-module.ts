/**
 * Builds the statements of one API provider module from its model and TypeScript plan:
 * named schema types and validators, and per tool a parameters interface, its validator
 * and the wrapper function. Types and validators are read from each shape's source schema
 * (`schema.ts`), so they keep every JSON Schema keyword.
 */
import { pythonDefault } from '../../dify/model.js';
import type { Encoding } from '../../dify/encoding.js';
import { pointerSegments, RefResolver } from '../../load/external-refs.js';
import { DEFAULT_LIMITS } from '../../load/limits.js';
import type { LoadedDocument } from '../../load/read-document.js';
import { pyJsonText, type Value } from '../../load/value.js';
import type { NamedShape, ParameterModel, ResultBody, SchemaSource } from '../../model/tool-model.js';
import { commentLines } from '../escape.js';
import type { DocLines, Expression, Statement, TypeNode } from './ast.js';
import type { TypeScriptModulePlan, TypeScriptTool } from './module-plan.js';
import { call, definesValidator, jsonArrayText, jsonObjectText, registryConst, typeAt, validatorAt, validatorCall, validatorConst, type SchemaEmitContext, type ValidatorText } from './schema.js';
import { shapeType, shapeZod } from './shape.js';

/**
 * One statement group of a provider module: what the `provider` template places in one slot
 * (`provider`, one of `types`, one of `tools`, `metadata`, `requests`). Module builders yield
 * groups one at a time, in the template's order, so that a consumer prints each group and
 * drops its trees before the next is built: at most one group's statements are alive
 * (docs/performance.md, "Sixth pass: streaming emit").
 */
export type ModuleGroup =
  /** `requests`: what the local session needs to send each tool's request (API modules only). */
  | { section: 'provider' | 'metadata' | 'requests'; statement: Statement }
  /** A named type: its declaration, with its validator when it has one. */
  | { section: 'type'; statements: Statement[] }
  | { section: 'tool'; params: Statement; schema: Statement; wrapper: Statement };

/** The statements of a group in the order the `provider` template lays them out, a blank line between each two. */
export function groupStatements(group: ModuleGroup): Statement[] {
  const statements = group.section === 'tool' ? [group.params, group.schema, group.wrapper] : group.section === 'type' ? group.statements : [group.statement];
  return statements.flatMap((st, i): Statement[] => (i === 0 ? [st] : [{ kind: 'blank' }, st]));
}

/** Whether a group defines a validator const (its module then needs the registry: `moduleImports`). */
export function groupDefinesValidator(group: ModuleGroup): boolean {
  return group.section === 'type' ? group.statements.some(definesValidator) : group.section === 'tool' && definesValidator(group.schema);
}

const FILE_TYPE: TypeNode = { kind: 'reference', name: 'runtime.DifyFile' };
const FILE_ZOD = validatorCall('file');

/** A model made by hand has no spec: no schema source to resolve `$ref`s from. */
const NO_DOCUMENT: LoadedDocument = { file: '', format: 'json', value: null, nodes: 0, locate: () => ({ file: '' }), excerpt: () => undefined };

/**
 * The statement groups of an API provider's module, each built when the consumer asks for
 * the next: the provider, the named schemas' types, the tools' result types, the tools, the
 * metadata, the requests. Schemas are walked in that order (the node budget is shared).
 */
export function* apiModuleGroups(plan: TypeScriptModulePlan): Generator<ModuleGroup, void, undefined> {
  const { model } = plan;
  const refs = model.refs ?? new RefResolver(NO_DOCUMENT);
  const ctx: SchemaEmitContext = {
    document: refs.main,
    names: plan.schemaNames,
    budget: { remaining: DEFAULT_LIMITS.maxNodes },
    cyclic: new Set(model.types.filter((t) => t.aliasCycle === true).map((t) => t.key)),
    refs,
    formats: model.formats !== false,
  };
  yield { section: 'provider', statement: providerConst('api', model.id, model.sourceDisplay) };
  for (const { shape, name } of plan.schemas) yield { section: 'type', statements: namedSchema(ctx, shape, name) };
  for (const tool of plan.tools) for (const statements of resultStatements(ctx, tool)) yield { section: 'type', statements };
  for (const tool of plan.tools) yield { section: 'tool', ...toolStatements(ctx, tool) };
  yield { section: 'metadata', statement: toolsMetadata(plan.tools.map((t) => ({ functionName: t.functionName, difyName: t.tool.difyName, parameters: t.tool.parameters }))) };
  yield { section: 'requests', statement: requestsConst(plan) };
}

/**
 * `export const requests: runtime.ApiRequestsText = '{"server":…,"tools":{<Dify tool name>: …}}';`:
 * the data `createLocalSession` sends requests from (src/dify/request.ts), `runtime.ApiRequests`
 * as JSON text that `runtime.apiRequests` parses on first use. A string, so a bundler drops it
 * when only the wrappers are used, and users' type-checker reads one literal instead of
 * checking an object literal (GitHub's: 0.95 MB; docs/performance.md, "References by name,
 * requests as text").
 */
function requestsConst(plan: TypeScriptModulePlan): Statement {
  let tools = '';
  for (const t of plan.tools) tools += `${tools === '' ? '{' : ','}${JSON.stringify(t.tool.difyName)}:${requestJson(t.tool.request)}`;
  return {
    kind: 'const',
    name: 'requests',
    exported: true,
    type: { kind: 'reference', name: 'runtime.ApiRequestsText' },
    doc: commentLines("What createLocalSession needs to send each tool's request as Dify does (method, path, parameters, body): `runtime.ApiRequests` as JSON text."),
    init: { kind: 'string', value: `{"server":${JSON.stringify(plan.model.server ?? '')},"tools":${tools === '' ? '{}' : `${tools}}`}}` },
  };
}

/**
 * Plain data (loaded values, mappings as `Map`s) as JSON text, keys in document order,
 * written directly (no expression tree; docs/performance.md, "Seventh pass: the text
 * path"). Entries whose value is undefined are left out; null, undefined and non-finite
 * numbers are `null`; integers beyond 2^53 and wrapped scalars (a float kept with its
 * `.0`: `{value}`) become numbers; other scalar objects their text as a string.
 */
function requestJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'bigint') return requestJson(Number(value));
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  // Loops over indexes and keys: no list of texts, entry pairs or iterator results per node
  // (a tool's request is a few nodes per parameter; GitHub's table has ~60,000).
  if (Array.isArray(value)) {
    let text = '';
    for (let i = 0; i < value.length; i++) text += `${i === 0 ? '[' : ','}${requestJson(value[i])}`;
    return text === '' ? '[]' : `${text}]`;
  }
  if (value instanceof Map) return mappingJson(value as Map<Value, Value>);
  if (Object.getPrototypeOf(value) !== Object.prototype) {
    const wrapped = (value as { value?: unknown }).value;
    return typeof wrapped === 'number' ? requestJson(wrapped) : JSON.stringify(String(value));
  }
  let text = '';
  // A plain object (its prototype checked above): its own keys, without a pair per entry.
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) text += `${text === '' ? '{' : ','}${JSON.stringify(k)}:${requestJson(v)}`;
  }
  return text === '' ? '{}' : `${text}}`;
}

/** A loaded mapping (a parameter's default) as JSON text, keys in document order as their text. */
function mappingJson(value: Map<Value, Value>): string {
  let text = '';
  value.forEach((v, k) => {
    if (v !== undefined) text += `${text === '' ? '{' : ','}${JSON.stringify(String(k))}:${requestJson(v)}`;
  });
  return text === '' ? '{}' : `${text}}`;
}

/**
 * The imports of a provider module (`runtime`, `v`), then its validator registry when it
 * defines validator consts (`hasValidators`: `groupDefinesValidator` of any of its groups;
 * they are defined in it, so it must precede them).
 */
export function moduleImports(hasValidators: boolean): Statement[] {
  return [
    { kind: 'importNamespace', name: 'runtime', from: './runtime.js' },
    { kind: 'importNamespace', name: 'v', from: './validators.js' },
    ...(hasValidators ? [{ kind: 'blank' } as const, registryConst()] : []),
  ];
}

/** `export const provider = { type, id } as const;` */
export function providerConst(type: 'api' | 'builtin' | 'workflow', id: string, source: string): Statement {
  return {
    kind: 'const',
    name: 'provider',
    exported: true,
    doc: commentLines(`The Dify ${type === 'api' ? 'API' : type} provider these wrappers call (from ${source}).`),
    init: {
      kind: 'asConst',
      expression: {
        kind: 'object',
        properties: [
          { key: 'type', value: { kind: 'string', value: type } },
          { key: 'id', value: { kind: 'string', value: id } },
        ],
      },
    },
  };
}

/** A named schema's type and validator, walked in the document it lives in (the spec or another file). */
function namedSchema(ctx: SchemaEmitContext, shape: NamedShape, name: string): Statement[] {
  if (shape.source === undefined) return namedShape(ctx, shape, name);
  const { key, document, pointer, value: schema } = shape.source;
  if (ctx.cyclic?.has(key)) {
    return [
      { kind: 'typeAlias', name, exported: true, type: { kind: 'keyword', name: 'unknown' }, doc: commentLines('A $ref cycle that never reaches a schema.') },
      validatorConst(name, validatorCall('unknown')),
    ];
  }
  const source = { value: schema, at: pointerSegments(pointer), document };
  const type = typeAt(ctx, source);
  const doc = schema instanceof Map ? describe(schema.get('title'), schema.get('description')) : [];
  const docs = doc.length ? { doc } : {};
  const declaration: Statement =
    type.kind === 'object' ? { kind: 'interface', name, exported: true, members: type.members, ...(type.index ? { index: type.index } : {}), ...docs } : { kind: 'typeAlias', name, exported: true, type, ...docs };
  const validator = validatorConst(name, validatorAt(ctx, source));
  return [declaration, validator];
}

/** A named shape of a model made by hand (no schema to read): its type and validator from the shape. */
function namedShape(ctx: SchemaEmitContext, shape: NamedShape, name: string): Statement[] {
  const doc = shape.description ? { doc: commentLines(shape.description) } : {};
  return [
    { kind: 'typeAlias', name, exported: true, type: shapeType(shape.type, ctx.names), ...doc },
    validatorConst(name, shapeZod(shape.type, ctx.names)),
  ];
}

/**
 * The doc-comment lines of the given texts (a schema's `title`, `description`, …): each
 * string that is not blank through `commentLines`, a blank line between two; anything else
 * (absent, not a string) is skipped.
 */
export function describe(...texts: unknown[]): string[] {
  const lines: string[] = [];
  for (const t of texts) {
    if (typeof t !== 'string' || t.trim() === '') continue;
    if (lines.length > 0) lines.push('');
    for (const line of commentLines(t)) lines.push(line);
  }
  return lines;
}

/** The type and validator of a schema, walked where it lives. */
function fromSchema(ctx: SchemaEmitContext, source: SchemaSource): { type: TypeNode; zod: ValidatorText } {
  return { type: typeAt(ctx, source), zod: validatorAt(ctx, source) };
}

/**
 * Dify's `file`/`files` types win over the schema; a schema that types anything is read
 * with every keyword; else Dify's type (the model's shape of it).
 */
function parameterType(ctx: SchemaEmitContext, p: ParameterModel): { type: TypeNode; zod: ValidatorText } {
  if (p.difyType === 'file') return { type: FILE_TYPE, zod: FILE_ZOD };
  if (p.difyType === 'files') return { type: { kind: 'array', element: FILE_TYPE }, zod: validatorCall('array', FILE_ZOD) };
  if (p.schema !== undefined) return fromSchema(ctx, p.schema);
  // A refused parameter's shape is `never`; its validator still checks Dify's type.
  const shape = p.encoding === 'refuse' ? API_TYPE_SHAPES[p.difyType] ?? p.type : p.type;
  return { type: shapeType(shape, ctx.names), zod: shapeZod(shape, ctx.names) };
}

const API_TYPE_SHAPES: Record<string, ParameterModel['type']> = {
  string: { kind: 'string' },
  number: { kind: 'number', integer: false },
  boolean: { kind: 'boolean' },
  array: { kind: 'array', items: { kind: 'any' } },
};

const PLACES: Record<string, (p: ParameterModel) => string> = {
  body: (p) => `request body (${p.mediaType ?? ''})`,
  other: () => 'not sent by Dify as a path, query, header or cookie value',
};

/** A parameter's doc lines, after `lines` (its warning, when it has one): its description, a blank line, Dify's type and where it is sent, its default. */
function parameterDoc(p: ParameterModel, lines: string[] = []): DocLines {
  if (p.description) pushLines(lines, commentLines(p.description));
  const where = Object.hasOwn(PLACES, p.place) ? PLACES[p.place]!(p) : `${p.place} parameter`;
  const type = `Dify type: ${p.difyType}; ${where}.`;
  return pushLines(lines, commentLines(p.default === null ? type : `${type}\n@default ${pyJsonText(pythonDefault(p))}`));
}

/** `lines` with `more` after them, a blank line between when both have any. */
function pushLines(lines: string[], more: readonly string[]): string[] {
  if (lines.length > 0 && more.length > 0) lines.push('');
  for (const line of more) lines.push(line);
  return lines;
}

function toolStatements(ctx: SchemaEmitContext, planned: TypeScriptTool): { params: Statement; schema: Statement; wrapper: Statement } {
  const { tool } = planned;
  const http = tool.http!;
  const label = `${http.method.toUpperCase()} ${http.path}`;
  const encodings: Record<string, Encoding> = {};
  const parameters = tool.parameters.map((p) => {
    if (p.encoding !== undefined) encodings[p.name] = p.encoding;
    const typed = parameterType(ctx, p);
    // A value Dify can only fail with: the type lets the caller leave it out, nothing else.
    const type: TypeNode = p.encoding === 'refuse' ? { kind: 'keyword', name: 'never' } : typed.type;
    // What Dify sends instead leads the parameter's doc (a line after `@default` would join that tag).
    const doc = parameterDoc(p, p.warning ? commentLines(`Warning: ${p.warning}`) : []);
    return { name: p.name, optional: p.optional, doc, zod: typed.zod, type };
  });
  const { params, schema } = parameterStatements(planned.paramsName, `Parameters of ${planned.functionName} (${label}), keyed by Dify's parameter names.`, parameters);
  const summary = describe(...tool.summary);
  const footer = commentLines(`Dify tool \`${tool.difyName}\` · \`${label}\``);
  const deprecated = http.invocable ? [] : commentLines(`@deprecated Dify creates this tool but cannot invoke ${http.method.toUpperCase()} ("Invalid http method").`);
  const wrapper = wrapperFunction({
    name: planned.functionName,
    difyName: tool.difyName,
    paramsName: planned.paramsName,
    allOptional: tool.parameters.every((p) => p.optional),
    doc: [...summary, ...(summary.length ? [''] : []), ...footer, ...resultDoc(planned), ...deprecated],
    encodings,
    ...(tool.results ? { results: { json: planned.resultName, body: planned.bodyName } } : {}),
  });
  return { params, schema, wrapper };
}

/**
 * The result types of a tool and their validators: `<Function>Result` (the object bodies,
 * what `json()` yields) and `<Function>Body` (every JSON body, what `body()` parses), each
 * the union of the success responses' schemas.
 */
function resultStatements(ctx: SchemaEmitContext, planned: TypeScriptTool): Statement[][] {
  const results = planned.tool.results;
  if (!results) return [];
  const out: Statement[][] = [];
  if (planned.resultName) out.push(resultType(ctx, planned.resultName, results.bodies.json, `The JSON object ${planned.functionName} returns: what Dify sends as a \`json\` message.`));
  if (planned.bodyName && planned.bodyName !== planned.resultName) {
    out.push(resultType(ctx, planned.bodyName, results.bodies.body, `The JSON body ${planned.functionName} returns: Dify sends it only as a \`text\` message.`));
  }
  return out;
}

function resultType(ctx: SchemaEmitContext, name: string, bodies: readonly ResultBody[], doc: string): Statement[] {
  const types = bodies.map((b) => typeAt(ctx, b.schema));
  const zods = bodies.map((b) => validatorAt(ctx, b.schema));
  const sources = bodies.map((b) => `${b.status} ${b.mediaType}`).join(', ');
  return [
    { kind: 'typeAlias', name, exported: true, type: types.length === 1 ? types[0]! : { kind: 'union', members: types }, doc: commentLines(`${doc}\nFrom the responses: ${sources}.`) },
    validatorConst(name, zods.length === 1 ? zods[0]! : validatorCall('union', jsonArrayText(zods))),
  ];
}

/** What each accessor gives for this tool, as Dify sends it (§6 of dify-semantics.md). */
function resultDoc(planned: TypeScriptTool): string[] {
  if (!planned.tool.results) return [];
  const lines: string[] = [];
  if (planned.resultName) lines.push(`\`.json()\`: \`${planned.resultName}\` objects (Dify sends a JSON object body as a \`json\` message, then as a \`text\` message).`);
  lines.push(
    planned.bodyName === planned.resultName
      ? '`.body()`: the same body, parsed from the `text` message.'
      : `\`.body()\`: \`${planned.bodyName}\`, parsed from the \`text\` message (Dify sends a JSON array or other value only as text).`,
  );
  lines.push('A status >= 400 fails the call. Result types come from the spec; `validateResults` checks them.');
  return ['', ...commentLines(lines.join('\n'))];
}

/** One parameter of a tool, ready to print: its key, optionality, type, validator and doc. */
export interface ParameterCode {
  name: string;
  optional: boolean;
  type: TypeNode;
  zod: ValidatorText;
  doc: DocLines;
}

/** The parameters interface of a tool and its validator (a strict object of the same keys). */
export function parameterStatements(name: string, doc: string, parameters: readonly ParameterCode[]): { params: Statement; schema: Statement } {
  return {
    params: { kind: 'interface', name, exported: true, doc: commentLines(doc), members: parameters.map((p) => ({ key: p.name, optional: p.optional, type: p.type, doc: p.doc })) },
    schema: validatorConst(name, validatorCall('strictObject', jsonObjectText(parameters.map((p) => [p.name, p.optional ? validatorCall('optional', p.zod) : p.zod])))),
  };
}

export interface WrapperSpec {
  name: string;
  /** The tool name sent to Dify. */
  difyName: string;
  paramsName: string;
  /** Every parameter optional: `params` may be left out. */
  allOptional: boolean;
  doc: DocLines;
  /** The declared output type, for typed results. */
  output?: string;
  /** The outputs are also the tool's variables (workflows). */
  outputVariables?: boolean;
  /** The encoding of each parameter that needs one (src/dify/encoding.ts); with any, the wrapper calls `invokeEncodedTool`. */
  encodings?: Readonly<Record<string, Encoding>>;
  /** API tools: the names of the result types and validators (`json()` objects, `body()`). */
  results?: { json?: string | undefined; body?: string | undefined };
}

/** `export function name(session, params, options): runtime.ToolCall { return runtime.invokeTool(...); }` */
export function wrapperFunction(spec: WrapperSpec): Statement {
  return {
    kind: 'function',
    name: spec.name,
    exported: true,
    doc: spec.doc,
    params: [
      { name: 'session', optional: false, type: { kind: 'reference', name: 'runtime.DifySession' } },
      { name: 'params', optional: spec.allOptional, type: { kind: 'reference', name: spec.paramsName } },
      { name: 'options', optional: true, type: { kind: 'reference', name: 'runtime.InvokeOptions' } },
    ],
    returnType: {
      kind: 'reference',
      name: 'runtime.ToolCall',
      ...(spec.output !== undefined ? { args: Array<TypeNode>(spec.outputVariables ? 2 : 1).fill({ kind: 'reference', name: spec.output }) } : {}),
      ...(spec.results ? { args: resultTypeArgs(spec.results) } : {}),
    },
    returns: invocation(spec),
  };
}

/** `runtime.invokeTool(…)`, or `runtime.invokeEncodedTool(…, { name: "json" })` when values need encoding. */
function invocation(spec: WrapperSpec): Expression {
  const args: Expression[] = [
    { kind: 'identifier', name: 'session' },
    { kind: 'identifier', name: 'provider' },
    { kind: 'string', value: spec.difyName },
    { kind: 'identifier', name: spec.paramsName },
    { kind: 'identifier', name: 'params' },
    { kind: 'identifier', name: 'options' },
  ];
  const results = spec.results ? [resultValidators(spec.results)] : [];
  const encoded = Object.entries(spec.encodings ?? {});
  if (encoded.length === 0) return call('runtime.invokeTool', ...args, ...results);
  return call('runtime.invokeEncodedTool', ...args, { kind: 'object', properties: encoded.map(([key, value]) => ({ key, value: { kind: 'string', value } })) }, ...results);
}

/** `ToolCall<Result, Record<string, unknown>, Body>` for an API tool with typed results. */
function resultTypeArgs(results: NonNullable<WrapperSpec['results']>): TypeNode[] {
  return [
    { kind: 'reference', name: results.json ?? 'runtime.JsonObject' },
    { kind: 'reference', name: 'Record', args: [{ kind: 'keyword', name: 'string' }, { kind: 'keyword', name: 'unknown' }] },
    results.body ? { kind: 'reference', name: results.body } : { kind: 'keyword', name: 'unknown' },
  ];
}

/** `{ json: Result, body: Body }`: the validators `validateResults` checks results with. */
function resultValidators(results: NonNullable<WrapperSpec['results']>): Expression {
  const properties = [
    ...(results.json ? [{ key: 'json', value: { kind: 'identifier', name: results.json } as Expression }] : []),
    ...(results.body ? [{ key: 'body', value: { kind: 'identifier', name: results.body } as Expression }] : []),
  ];
  return { kind: 'object', properties };
}

/** `export const tools = { fn: { toolName, parameters } } as const;` */
export function toolsMetadata(tools: ReadonlyArray<{ functionName: string; difyName: string; parameters: ReadonlyArray<{ name: string }> }>): Statement {
  return {
    kind: 'const',
    name: 'tools',
    exported: true,
    doc: commentLines("Every wrapper of this module: its Dify tool name and Dify's parameter names."),
    init: {
      kind: 'asConst',
      expression: {
        kind: 'object',
        properties: tools.map((t) => ({
          key: t.functionName,
          value: {
            kind: 'object',
            properties: [
              { key: 'toolName', value: { kind: 'string', value: t.difyName } },
              { key: 'parameters', value: { kind: 'array', elements: t.parameters.map((p) => ({ kind: 'string', value: p.name }) as Expression) } },
            ],
          },
        })),
      },
    },
  };
}
