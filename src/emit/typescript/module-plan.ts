/**
 * Plans one TypeScript provider module from the tool model: every identifier it declares
 * (wrapper functions in camelCase; parameter, named-schema, result and output types in
 * PascalCase), settled in one pass by `planIdentifiers` (see its collision rule) with the
 * one sanitiser `toIdentifier`. The same plan for every provider kind.
 */
import { compare, planIdentifiers, toIdentifier, type NameRequest } from '../../plan/identifiers.js';
import type { NamedShape, ProviderModel, ToolModel } from '../../model/tool-model.js';

/** A tool with the identifiers of everything declared for it. */
export interface TypeScriptTool {
  tool: ToolModel;
  functionName: string;
  /** The parameters interface and its validator. */
  paramsName: string;
  /** The declared output's type (a tool YAML's `output_schema`, a workflow's outputs). */
  outputName?: string;
  /** API results: the type of `json()` objects (absent when no body is a JSON object). */
  resultName?: string;
  /** API results: the type of `body()` (the `resultName` when both are the same bodies). */
  bodyName?: string;
}

export interface TypeScriptModulePlan {
  model: ProviderModel;
  tools: TypeScriptTool[];
  /** Named shapes with their identifiers, sorted by identifier. */
  schemas: Array<{ shape: NamedShape; name: string }>;
  /** Identifiers of named shapes, by `NamedShape.key`. */
  schemaNames: ReadonlyMap<string, string>;
}

/**
 * Identifiers of the wrapper functions, keyed by tool name: the ones the manifest asks for
 * (`requested`, already checked by the plan), then the ones derived from each tool's name
 * source by the collision rule of planIdentifiers, which never take a requested name.
 */
export function planFunctionNames(tools: ReadonlyArray<string | { name: string; nameSource: string }>, requested: ReadonlyMap<string, string> = new Map()): Map<string, string> {
  const named = tools.map((t) => (typeof t === 'string' ? { name: t, nameSource: t } : t));
  const derived = planIdentifiers(
    named.filter((t) => !requested.has(t.name)).map((t) => ({ key: t.name, preferred: toIdentifier(t.nameSource, 'camel') })),
    requested.values(),
  );
  return new Map(named.map((t) => [t.name, requested.get(t.name) ?? derived.get(t.name)!]));
}

/** The type names a tool asks for: `<Function>Params`, and `Output`, `Result`, `Body` where it has them. */
function typeRequests(tool: ToolModel, fn: string): NameRequest[] {
  const requests: NameRequest[] = [{ key: `tool:${tool.name}`, preferred: toIdentifier(`${fn}Params`, 'pascal') }];
  if (tool.output) requests.push({ key: `output:${tool.name}`, preferred: toIdentifier(`${fn}Output`, 'pascal') });
  if (tool.results && tool.results.bodies.json.length > 0) requests.push({ key: `result:${tool.name}`, preferred: toIdentifier(`${fn}Result`, 'pascal') });
  if (tool.results && !tool.results.sameBodies) requests.push({ key: `body:${tool.name}`, preferred: toIdentifier(`${fn}Body`, 'pascal') });
  return requests;
}

/** Plans every identifier of a provider module. */
export function planTypeScriptModule(model: ProviderModel): TypeScriptModulePlan {
  const requested = new Map(model.tools.flatMap((t) => (t.requestedName === undefined ? [] : [[t.name, t.requestedName] as const])));
  const functionNames = planFunctionNames(model.tools, requested);
  // Keys hold a file's path from the spec's folder, never an absolute path: the same names on every machine.
  const names = planIdentifiers(
    [
      ...model.tools.flatMap((t) => typeRequests(t, functionNames.get(t.name)!)),
      ...model.types.map((t) => ({ key: `schema:${t.key}`, preferred: toIdentifier(t.baseName, 'pascal') })),
    ],
    functionNames.values(),
  );
  const tools = model.tools.map((tool): TypeScriptTool => {
    const resultName = names.get(`result:${tool.name}`);
    const outputName = names.get(`output:${tool.name}`);
    return {
      tool,
      functionName: functionNames.get(tool.name)!,
      paramsName: names.get(`tool:${tool.name}`)!,
      ...(outputName !== undefined ? { outputName } : {}),
      ...(resultName !== undefined ? { resultName } : {}),
      ...(tool.results ? { bodyName: names.get(`body:${tool.name}`) ?? resultName! } : {}),
    };
  });
  const schemas = model.types.map((shape) => ({ shape, name: names.get(`schema:${shape.key}`)! })).sort((a, b) => compare(a.name, b.name));
  return { model, tools, schemas, schemaNames: new Map(schemas.map((s) => [s.shape.key, s.name])) };
}
