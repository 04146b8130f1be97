/**
 * Builds the statements of a builtin (plugin) or workflow provider module: per tool a
 * parameters interface, its validator, a typed output where the source declares one
 * (a tool YAML's `output_schema`, a workflow's end outputs), and the wrapper function.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { DEFAULT_LIMITS } from '../../load/limits.js';
import type { LoadedDocument } from '../../load/read-document.js';
import { formatPointer, type Value } from '../../load/value.js';
import type { SourcePlan, PlannedSourceTool } from '../../plan/source-plan.js';
import type { SourceLocation, SourceParameter } from '../../sources/model.js';
import { commentLines } from '../escape.js';
import { describe, isOptional, parameterStatements, providerConst, toolsMetadata, wrapperFunction, type ModuleSections } from './api-module.js';
import type { DocLines, Expression, ObjectProperty, PropertySignature, Statement, TypeNode } from './ast.js';
import { call, schemaType, startWalk, type SchemaEmitContext } from './schema.js';

const STRING: TypeNode = { kind: 'keyword', name: 'string' };
const FILE: TypeNode = { kind: 'reference', name: 'runtime.DifyFile' };
const RECORD: TypeNode = { kind: 'reference', name: 'Record', args: [STRING, { kind: 'keyword', name: 'unknown' }] };

/** Constraints as an object argument, `{ min: 1, max: 5 }`, or nothing. */
function constraints(entries: Array<[string, number | undefined]>): Expression[] {
  const properties: ObjectProperty[] = entries.filter(([, n]) => n !== undefined && Number.isFinite(n)).map(([key, n]) => ({ key, value: { kind: 'number', value: n! } }));
  return properties.length ? [{ kind: 'object', properties }] : [];
}

/** TypeScript type and validator of one tool parameter, by its declared type (issue: the best honest type). */
function parameterType(p: SourceParameter): { type: TypeNode; zod: Expression } {
  switch (p.type) {
    case 'number':
      return { type: { kind: 'keyword', name: 'number' }, zod: call('v.number', ...constraints([['min', p.min], ['max', p.max]])) };
    case 'boolean':
    case 'checkbox':
      return { type: { kind: 'keyword', name: 'boolean' }, zod: call('v.boolean') };
    case 'select': {
      const values = [...new Set((p.options ?? []).map((o) => o.value))];
      if (values.length === 0) return { type: STRING, zod: call('v.string') };
      const one: { type: TypeNode; zod: Expression } = {
        type: values.length === 1 ? { kind: 'literal', value: values[0]! } : { kind: 'union', members: values.map((value) => ({ kind: 'literal', value })) },
        zod: call('v.enum', { kind: 'array', elements: values.map((value) => ({ kind: 'string', value })) }),
      };
      return p.multiple ? { type: { kind: 'array', element: one.type }, zod: call('v.array', one.zod) } : one;
    }
    case 'file':
      return { type: FILE, zod: call('v.file') };
    case 'files':
    case 'file-list':
      return { type: { kind: 'array', element: FILE }, zod: call('v.array', call('v.file'), ...constraints([['maxItems', p.maxLength]])) };
    case 'array':
      return { type: { kind: 'array', element: { kind: 'keyword', name: 'unknown' } }, zod: call('v.array', call('v.unknown')) };
    case 'object':
    case 'json_object':
      return { type: RECORD, zod: call('v.record', call('v.unknown')) };
    case 'any':
    case 'tool-selector':
      return { type: { kind: 'keyword', name: 'unknown' }, zod: call('v.unknown') };
    case 'model-selector':
      return { type: { kind: 'reference', name: 'runtime.ModelSelector' }, zod: call('v.record', call('v.unknown')) };
    case 'app-selector':
      return { type: { kind: 'reference', name: 'runtime.AppSelector' }, zod: call('v.record', call('v.unknown')) };
    default:
      // string, secret-input, text-input, paragraph, dynamic-select, date, date-range: text.
      return { type: STRING, zod: call('v.string', ...constraints([['maxLength', p.maxLength]])) };
  }
}

function parameterDoc(p: SourceParameter, kind: 'builtin' | 'workflow'): DocLines {
  const text = [p.label && p.description ? `${p.label}: ${p.description}` : (p.description ?? p.label ?? '')].filter(Boolean);
  const facts = [`Dify type: ${p.type}${p.options?.length ? ` (${p.options.map((o) => o.value).join(', ')})` : ''}.`];
  if (p.form === 'form') facts.push('A setting the user configures in Dify (form: form); pass it to override it.');
  if (kind === 'builtin' && p.form === 'llm' && p.llmDescription && p.llmDescription !== p.description) facts.push(`For the model: ${p.llmDescription}`);
  if (p.default !== null) facts.push(`@default ${JSON.stringify(p.default)}`);
  const lines = commentLines(text.join('\n'));
  return [...lines, ...(lines.length ? [''] : []), ...commentLines(facts.join('\n'))];
}

/** A workflow end output's `value_type` as a TypeScript type. */
function outputType(valueType: string): TypeNode {
  const array = /^array\[(.+)\]$/.exec(valueType);
  if (array) return { kind: 'array', element: outputType(array[1]!) };
  switch (valueType) {
    case 'string':
    case 'secret':
      return STRING;
    case 'number':
    case 'integer':
      return { kind: 'keyword', name: 'number' };
    case 'boolean':
      return { kind: 'keyword', name: 'boolean' };
    case 'object':
      return RECORD;
    case 'file':
      return FILE;
    default:
      return { kind: 'keyword', name: 'unknown' };
  }
}

function pseudoDocument(value: Value, location: SourceLocation): LoadedDocument {
  return {
    file: location.file,
    format: 'yaml',
    value,
    nodes: 0,
    locate: (path) => ({ ...location, pointer: `${location.pointer ?? '#'}/output_schema${formatPointer(path).slice(1)}` }),
    excerpt: () => undefined,
  };
}

function outputStatement(planned: PlannedSourceTool, diagnostics: Diagnostic[]): Statement | undefined {
  const { tool, outputName } = planned;
  if (outputName === undefined) return undefined;
  const doc = commentLines(`What ${planned.functionName} returns, as its source declares it: ${tool.outputSchema !== undefined ? "the tool's JSON message (output_schema)" : "the workflow's outputs, sent as variables and as one JSON message"}.`);
  if (tool.outputSchema !== undefined) {
    const ctx: SchemaEmitContext = {
      document: pseudoDocument(tool.outputSchema as Value, tool.location),
      names: new Map(),
      diagnostics,
      budget: { remaining: DEFAULT_LIMITS.maxNodes, warned: false },
    };
    const type = schemaType(tool.outputSchema as Value, startWalk(ctx, []));
    return type.kind === 'object' ? { kind: 'interface', name: outputName, exported: true, members: type.members, ...(type.index ? { index: type.index } : {}), doc } : { kind: 'typeAlias', name: outputName, exported: true, type, doc };
  }
  const branches = distinctBranches(tool.outputBranches ?? []);
  if (branches.length > 1) {
    const union: TypeNode = { kind: 'union', members: branches.map((b) => (b.length === 0 ? EMPTY_OUTPUTS : { kind: 'object', members: outputMembers(b) })) };
    const which = commentLines('The workflow has several end nodes: a run returns the outputs of the one it reached, one of these shapes.');
    return { kind: 'typeAlias', name: outputName, exported: true, type: union, doc: [...doc, '', ...which] };
  }
  return { kind: 'interface', name: outputName, exported: true, members: outputMembers(tool.outputs ?? []), doc };
}

/** `{}` would accept anything in a union: an end node without outputs returns an empty object. */
const EMPTY_OUTPUTS: TypeNode = { kind: 'reference', name: 'Record', args: [STRING, { kind: 'keyword', name: 'never' }] };

function outputMembers(outputs: readonly { name: string; type: string }[]): PropertySignature[] {
  return outputs.map((o) => ({ key: o.name, optional: false, type: outputType(o.type), doc: commentLines(`value_type: ${o.type}`) }));
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

/**
 * Whether a caller may leave the parameter out. A workflow tool passes a missing parameter
 * as None, and Dify refuses None for a required start variable before it looks at the
 * default (dify api/core/app/apps/base_app_generator.py `BaseAppGenerator._validate_inputs`:
 * "<variable> is required in input form"), so `required: true` with `default: ''` (every
 * input of a DSL 0.6 export) stays required. A builtin tool follows the shared rule.
 */
function optionalIn(kind: 'builtin' | 'workflow', p: SourceParameter): boolean {
  return kind === 'workflow' ? !p.required : isOptional(p);
}

export function buildSourceModule(plan: SourcePlan, diagnostics: Diagnostic[]): ModuleSections {
  const types: ModuleSections['types'] = [];
  const tools = plan.tools.map((planned) => {
    const output = outputStatement(planned, diagnostics);
    if (output) types.push([output]);
    const label = plan.kind === 'builtin' ? `builtin tool ${planned.tool.name}` : `workflow tool ${planned.tool.name}`;
    const { params, schema } = parameterStatements(
      planned.paramsName,
      `Parameters of ${planned.functionName} (${label}), keyed by Dify's parameter names.`,
      planned.tool.parameters.map((p) => ({ name: p.name, optional: optionalIn(plan.kind, p), doc: parameterDoc(p, plan.kind), ...parameterType(p) })),
    );
    const summary = describe(planned.tool.label, planned.tool.description);
    const wrapper = wrapperFunction({
      name: planned.functionName,
      difyName: planned.tool.name,
      paramsName: planned.paramsName,
      allOptional: planned.tool.parameters.every((p) => optionalIn(plan.kind, p)),
      doc: [...summary, ...(summary.length ? [''] : []), ...commentLines(`Dify ${label.replace(/ [^ ]+$/, '')} \`${planned.tool.name}\``)],
      ...(planned.outputName !== undefined ? { output: planned.outputName, outputVariables: plan.kind === 'workflow' } : {}),
    });
    return { params, schema, wrapper };
  });
  return {
    imports: [
      { kind: 'importNamespace', name: 'runtime', from: './runtime.js' },
      { kind: 'importNamespace', name: 'v', from: './validators.js' },
    ],
    provider: providerConst(plan.kind, plan.source.entry.id, plan.source.sourceDisplay),
    types,
    tools,
    metadata: toolsMetadata(plan.tools.map((t) => ({ functionName: t.functionName, difyName: t.tool.name, parameters: t.tool.parameters }))),
  };
}
