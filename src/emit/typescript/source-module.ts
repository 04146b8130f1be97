/**
 * Builds the statements of a builtin (plugin) or workflow provider module from its model
 * and TypeScript plan: per tool a parameters interface, its validator, a typed output where
 * the source declares one (a tool YAML's `output_schema`, a workflow's end outputs), and
 * the wrapper function. Parameter types are the model's shapes (`shape.ts`).
 */
import { DEFAULT_LIMITS } from '../../load/limits.js';
import type { ParameterModel } from '../../model/tool-model.js';
import { commentLines } from '../escape.js';
import { describe, parameterStatements, providerConst, toolsMetadata, wrapperFunction, type ModuleGroup } from './api-module.js';
import type { DocLines, Statement, TypeNode } from './ast.js';
import type { TypeScriptModulePlan, TypeScriptTool } from './module-plan.js';
import { schemaType, startWalk, type SchemaEmitContext } from './schema.js';
import { shapeMembers, shapeType, shapeZod } from './shape.js';

function parameterDoc(p: ParameterModel): DocLines {
  const text = p.description ? [p.description] : [];
  const facts = [`Dify type: ${p.difyType}${p.options?.length ? ` (${p.options.join(', ')})` : ''}.`];
  if (p.place === 'form') facts.push('A setting the user configures in Dify (form: form); pass it to override it.');
  if (p.llmDescription !== undefined) facts.push(`For the model: ${p.llmDescription}`);
  if (p.default !== null) facts.push(`@default ${JSON.stringify(p.default)}`);
  const lines = commentLines(text.join('\n'));
  return [...lines, ...(lines.length ? [''] : []), ...commentLines(facts.join('\n'))];
}

function outputStatement(planned: TypeScriptTool): Statement | undefined {
  const { tool, outputName } = planned;
  const output = tool.output;
  if (outputName === undefined || output === undefined) return undefined;
  const doc = commentLines(`What ${planned.functionName} returns, as its source declares it: ${output.schema !== undefined ? "the tool's JSON message (output_schema)" : "the workflow's outputs, sent as variables and as one JSON message"}.`);
  if (output.schema !== undefined) {
    const ctx: SchemaEmitContext = { document: output.schema.document, names: new Map(), budget: { remaining: DEFAULT_LIMITS.maxNodes } };
    const type = schemaType(output.schema.value, startWalk(ctx, output.schema.at));
    return type.kind === 'object' ? { kind: 'interface', name: outputName, exported: true, members: type.members, ...(type.index ? { index: type.index } : {}), doc } : { kind: 'typeAlias', name: outputName, exported: true, type, doc };
  }
  if (output.branches !== undefined) {
    const union: TypeNode = { kind: 'union', members: output.branches.map((properties) => shapeType({ kind: 'object', properties })) };
    const which = commentLines('The workflow has several end nodes: a run returns the outputs of the one it reached, one of these shapes.');
    return { kind: 'typeAlias', name: outputName, exported: true, type: union, doc: [...doc, '', ...which] };
  }
  return { kind: 'interface', name: outputName, exported: true, members: output.type.kind === 'object' ? shapeMembers(output.type.properties) : [], doc };
}

/**
 * The statement groups of a builtin or workflow provider's module, each built when the
 * consumer asks for the next: the provider, the tools' output types, the tools, the metadata.
 */
export function* sourceModuleGroups(plan: TypeScriptModulePlan): Generator<ModuleGroup, void, undefined> {
  const { kind } = plan.model;
  yield { section: 'provider', statement: providerConst(kind, plan.model.id, plan.model.sourceDisplay) };
  for (const planned of plan.tools) {
    const output = outputStatement(planned);
    if (output) yield { section: 'type', statements: [output] };
  }
  for (const planned of plan.tools) yield { section: 'tool', ...toolStatements(kind, planned) };
  yield { section: 'metadata', statement: toolsMetadata(plan.tools.map((t) => ({ functionName: t.functionName, difyName: t.tool.difyName, parameters: t.tool.parameters }))) };
}

/** A tool's parameters interface, its validator and its wrapper. */
function toolStatements(kind: TypeScriptModulePlan['model']['kind'], planned: TypeScriptTool): { params: Statement; schema: Statement; wrapper: Statement } {
  const { tool } = planned;
  const label = `${kind} tool ${tool.difyName}`;
  const { params, schema } = parameterStatements(
    planned.paramsName,
    `Parameters of ${planned.functionName} (${label}), keyed by Dify's parameter names.`,
    tool.parameters.map((p) => ({ name: p.name, optional: p.optional, doc: parameterDoc(p), type: shapeType(p.type), zod: shapeZod(p.type) })),
  );
  const summary = describe(...tool.summary);
  const wrapper = wrapperFunction({
    name: planned.functionName,
    difyName: tool.difyName,
    paramsName: planned.paramsName,
    allOptional: tool.parameters.every((p) => p.optional),
    doc: [...summary, ...(summary.length ? [''] : []), ...commentLines(`Dify ${kind} tool \`${tool.difyName}\``)],
    ...(planned.outputName !== undefined ? { output: planned.outputName, outputVariables: tool.output?.variables === true } : {}),
  });
  return { params, schema, wrapper };
}
