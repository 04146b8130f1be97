/**
 * Builds the statements of one API provider module from its plan: named schema types and
 * validators, and per tool a parameters interface, its validator and the wrapper function.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { DifyParameter, DifyParameterType } from '../../dify/model.js';
import { UNINVOCABLE_METHODS } from '../../dify/model.js';
import { DEFAULT_LIMITS } from '../../load/limits.js';
import type { PlannedSchema, PlannedTool, ProviderPlan } from '../../plan/provider-plan.js';
import { commentLines } from '../escape.js';
import type { DocLines, Expression, Statement, TypeNode } from './ast.js';
import { pointerSegments } from '../../load/external-refs.js';
import { aliasCycle, call, classify, cycleWarning, schemaType, schemaZod, startWalk, type SchemaEmitContext } from './schema.js';

/** Sections of a provider module, handed to the `provider` template. */
export interface ModuleSections {
  imports: Statement[];
  provider: Statement;
  /** Named types: each a declaration, with its validator when it has one. */
  types: Statement[][];
  tools: Array<{ params: Statement; schema: Statement; wrapper: Statement }>;
  metadata: Statement;
}

const FILE_TYPE: TypeNode = { kind: 'reference', name: 'runtime.DifyFile' };
const FILE_ZOD: Expression = call('v.file');
const VALIDATOR: TypeNode = { kind: 'reference', name: 'v.Validator' };

export function buildApiModule(plan: ProviderPlan, diagnostics: Diagnostic[]): ModuleSections {
  const ctx: SchemaEmitContext = {
    document: plan.provider.document,
    names: new Map(plan.schemas.map((s) => [s.key, s.name])),
    diagnostics,
    budget: { remaining: DEFAULT_LIMITS.maxNodes, warned: false },
    refs: plan.refs,
    formats: plan.source.entry.type !== 'api' || plan.source.entry.formats !== false,
  };
  const cyclic = new Set<string>();
  for (const schema of plan.schemas) {
    if (cyclic.has(schema.key)) continue;
    const cycle = aliasCycle(plan.refs, schema);
    if (cycle && cycle[0]!.key === schema.key) {
      cycle.forEach((r) => cyclic.add(r.key));
      diagnostics.push(cycleWarning(plan.refs, cycle));
    }
  }
  ctx.cyclic = cyclic;
  return {
    imports: [
      { kind: 'importNamespace', name: 'runtime', from: './runtime.js' },
      { kind: 'importNamespace', name: 'v', from: './validators.js' },
    ],
    provider: providerConst('api', plan.source.entry.id, plan.source.sourceDisplay),
    types: plan.schemas.map((schema) => namedSchema(ctx, schema)),
    tools: plan.tools.map((tool) => toolStatements(ctx, tool)),
    metadata: toolsMetadata(plan.tools),
  };
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
function namedSchema(ctx: SchemaEmitContext, { key, document, pointer, value: schema, name }: PlannedSchema): Statement[] {
  if (ctx.cyclic?.has(key)) {
    return [
      { kind: 'typeAlias', name, exported: true, type: { kind: 'keyword', name: 'unknown' }, doc: commentLines('A $ref cycle that never reaches a schema.') },
      { kind: 'const', name, exported: true, type: VALIDATOR, init: call('v.unknown') },
    ];
  }
  const at = pointerSegments(pointer);
  const type = schemaType(schema, startWalk(ctx, at, document));
  const doc = schema instanceof Map ? describe(schema.get('title'), schema.get('description')) : [];
  const docs = doc.length ? { doc } : {};
  const declaration: Statement =
    type.kind === 'object' ? { kind: 'interface', name, exported: true, members: type.members, ...(type.index ? { index: type.index } : {}), ...docs } : { kind: 'typeAlias', name, exported: true, type, ...docs };
  const validator: Statement = { kind: 'const', name, exported: true, type: VALIDATOR, init: schemaZod(schema, startWalk(ctx, at, document)) };
  return [declaration, validator];
}

export function describe(...texts: unknown[]): string[] {
  const parts = texts.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => commentLines(t));
  return parts.flatMap((lines, i) => (i === 0 ? lines : ['', ...lines]));
}

/** A parameter is optional when Dify does not require it or has a default to fill in. */
export function isOptional(p: { required: boolean; default: unknown }): boolean {
  return !p.required || p.default !== null;
}

function parameterType(ctx: SchemaEmitContext, tool: PlannedTool, p: DifyParameter): { type: TypeNode; zod: Expression } {
  const kind: DifyParameterType = p.type;
  if (kind === 'file') return { type: FILE_TYPE, zod: FILE_ZOD };
  if (kind === 'files') return { type: { kind: 'array', element: FILE_TYPE }, zod: call('v.array', FILE_ZOD) };
  if (p.schema === undefined || classify(p.schema) === 'any') return fromDifyType(kind);
  return { type: schemaType(p.schema, startWalk(ctx, p.pointer)), zod: schemaZod(p.schema, startWalk(ctx, p.pointer)) };
}

function fromDifyType(kind: DifyParameterType): { type: TypeNode; zod: Expression } {
  switch (kind) {
    case 'number':
      return { type: { kind: 'keyword', name: 'number' }, zod: call('v.number') };
    case 'boolean':
      return { type: { kind: 'keyword', name: 'boolean' }, zod: call('v.boolean') };
    case 'array':
      return { type: { kind: 'array', element: { kind: 'keyword', name: 'unknown' } }, zod: call('v.array', call('v.unknown')) };
    default:
      return { type: { kind: 'keyword', name: 'string' }, zod: call('v.string') };
  }
}

function parameterDoc(p: DifyParameter): DocLines {
  const lines = p.description ? commentLines(p.description) : [];
  const where = p.in === 'body' ? `request body (${p.mediaType ?? ''})` : p.in === 'other' ? 'not sent by Dify as a path, query, header or cookie value' : `${p.in} parameter`;
  const extra = [`Dify type: ${p.type}; ${where}.`];
  if (p.default !== null) extra.push(`@default ${JSON.stringify(p.default)}`);
  return [...lines, ...(lines.length ? [''] : []), ...commentLines(extra.join('\n'))];
}

function toolStatements(ctx: SchemaEmitContext, planned: PlannedTool): { params: Statement; schema: Statement; wrapper: Statement } {
  const { tool } = planned;
  const label = `${tool.method.toUpperCase()} ${tool.path}`;
  const { params, schema } = parameterStatements(
    planned.paramsName,
    `Parameters of ${planned.functionName} (${label}), keyed by Dify's parameter names.`,
    planned.parameters.map((p) => ({ name: p.name, optional: isOptional(p), doc: parameterDoc(p), ...parameterType(ctx, planned, p) })),
  );
  const summary = describe(tool.operationSummary, tool.operationDescription);
  const footer = commentLines(`Dify tool \`${planned.difyName}\` · \`${label}\``);
  const deprecated = UNINVOCABLE_METHODS.has(tool.method)
    ? commentLines(`@deprecated Dify creates this tool but cannot invoke ${tool.method.toUpperCase()} ("Invalid http method").`)
    : [];
  const wrapper = wrapperFunction({
    name: planned.functionName,
    difyName: planned.difyName,
    paramsName: planned.paramsName,
    allOptional: planned.parameters.every(isOptional),
    doc: [...summary, ...(summary.length ? [''] : []), ...footer, ...deprecated],
  });
  return { params, schema, wrapper };
}

/** One parameter of a tool, ready to print: its key, optionality, type, validator and doc. */
export interface ParameterCode {
  name: string;
  optional: boolean;
  type: TypeNode;
  zod: Expression;
  doc: DocLines;
}

/** The parameters interface of a tool and its validator (a strict object of the same keys). */
export function parameterStatements(name: string, doc: string, parameters: readonly ParameterCode[]): { params: Statement; schema: Statement } {
  return {
    params: { kind: 'interface', name, exported: true, doc: commentLines(doc), members: parameters.map((p) => ({ key: p.name, optional: p.optional, type: p.type, doc: p.doc })) },
    schema: {
      kind: 'const',
      name,
      exported: true,
      type: VALIDATOR,
      init: call('v.strictObject', { kind: 'object', properties: parameters.map((p) => ({ key: p.name, value: p.optional ? call('v.optional', p.zod) : p.zod })) }),
    },
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
    },
    returns: call(
      'runtime.invokeTool',
      { kind: 'identifier', name: 'session' },
      { kind: 'identifier', name: 'provider' },
      { kind: 'string', value: spec.difyName },
      { kind: 'identifier', name: spec.paramsName },
      { kind: 'identifier', name: 'params' },
      { kind: 'identifier', name: 'options' },
    ),
  };
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
