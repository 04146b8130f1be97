/**
 * Plans one Python provider module from the tool model: every identifier it declares
 * (wrapper functions in snake_case, parameter, output and object types in PascalCase),
 * settled in one pass by `planPythonNames`, and which object shapes become `TypedDict`s.
 */
import type { NameRequest } from '../../plan/identifiers.js';
import type { NamedShape, PropertyShape, ProviderModel, ToolModel, TypeShape } from '../../model/tool-model.js';
import { pascalIdentifierOf, planPythonNames, toPythonIdentifier } from './names.js';

/** An object shape that becomes a `TypedDict`, with its planned name. */
export interface PlannedClass {
  name: string;
  properties: PropertyShape[];
  /** Every key may be left out (`total=False`). */
  total: boolean;
  doc?: string;
}

export interface PlannedTool {
  tool: ToolModel;
  functionName: string;
  params: PlannedClass;
  /** The type of `.json()`, from the declared output. */
  outputName?: string;
  /** Workflows: the type of `.variables()` (every output, each possibly absent). */
  variablesName?: string;
  /** API tools: the type of `.json()`'s objects (`<Function>Result`), from the success responses. */
  resultName?: string;
  /** API tools: the type of `.body()` (`<Function>Body`, or the result's name when the bodies are the same). */
  bodyName?: string;
}

export interface PythonModulePlan {
  model: ProviderModel;
  tools: PlannedTool[];
  /** Named shapes (`$ref` targets) and tool outputs that are not objects: `type` aliases. */
  aliases: Array<{ name: string; type: TypeShape; doc?: string }>;
  /** Every `TypedDict` of the module, by the shape it types (object shapes and merged `allOf`s). */
  classes: Map<TypeShape, PlannedClass>;
  /** Names of named shapes, by `NamedShape.key`. */
  refNames: Map<string, string>;
}

/** Objects with declared properties become classes; an `allOf` of objects becomes one merged class. */
export function classProperties(shape: TypeShape, named: ReadonlyMap<string, NamedShape>, seen = new Set<string>()): PropertyShape[] | undefined {
  if (shape.kind === 'object') return shape.properties.length > 0 ? shape.properties : undefined;
  if (shape.kind === 'ref') {
    const target = named.get(shape.key);
    if (target === undefined || seen.has(shape.key)) return undefined;
    return classProperties(target.type, named, new Set([...seen, shape.key]));
  }
  if (shape.kind !== 'allOf') return undefined;
  const merged = new Map<string, PropertyShape>();
  for (const member of shape.members) {
    const properties = classProperties(member, named, seen);
    if (properties === undefined) return undefined;
    for (const p of properties) merged.set(p.name, merged.has(p.name) ? { ...p, required: p.required || merged.get(p.name)!.required } : p);
  }
  return merged.size > 0 ? [...merged.values()] : undefined;
}

interface Found {
  key: string;
  preferred: string;
  shape: TypeShape;
  properties: PropertyShape[];
  doc?: string;
}

/** The shape kinds that are, or can hold, an object shape needing a class. */
const HOLDERS: ReadonlySet<TypeShape['kind']> = new Set(['object', 'allOf', 'array', 'union']);

/** A string made on first use, once: a place's key and preferred name (most places are never a class). */
type Lazy = () => string;

function once(make: Lazy): Lazy {
  let made: string | undefined;
  return () => (made ??= make());
}

/**
 * Object shapes inside `shape` that need a class, named after where they are (`PetOwner`).
 * A child that cannot hold one (a string, a `$ref`, …) is not visited, and a place's key and
 * name are made only when a class is found there or below: most places hold none (Stripe's
 * expandable fields, arrays of strings).
 */
function inlineClasses(shape: TypeShape, key: Lazy, preferred: Lazy, named: ReadonlyMap<string, NamedShape>, out: Found[]): void {
  const visit = (child: TypeShape, suffix: string, segment: Lazy) => {
    if (HOLDERS.has(child.kind)) inlineClasses(child, once(() => `${key()}/${segment()}`), once(() => pascalIdentifierOf(preferred(), suffix)), named, out);
  };
  if (shape.kind === 'ref') return;
  const properties = shape.kind === 'object' || shape.kind === 'allOf' ? classProperties(shape, named) : undefined;
  if (properties !== undefined) {
    out.push({ key: key(), preferred: preferred(), shape, properties });
    // A merged allOf's own members are not classes (the merge is): their properties are visited.
    for (const p of properties) if (HOLDERS.has(p.type.kind)) visit(p.type, p.name, () => JSON.stringify(p.name));
    return;
  }
  if (shape.kind === 'object' && shape.additional) visit(shape.additional, 'Value', () => 'additional');
  else if (shape.kind === 'array') visit(shape.items, 'Item', () => 'items');
  // An allOf that is no merge of objects is typed Any (types.ts): its members would be classes nobody uses.
  else if (shape.kind === 'union') shape.members.forEach((m, i) => visit(m, `Option${i + 1}`, () => String(i)));
}

/**
 * The function names the manifest pins (`functionNames`), in their PEP 8 form through the
 * sanitiser (`getPet` → `get_pet`): settled among themselves first, so that no derived
 * name takes one.
 */
function pinnedFunctionNames(tools: readonly ToolModel[]): Map<string, string> {
  const requests = tools.filter((t) => t.requestedName !== undefined).map((t) => ({ key: `fn:${t.name}`, preferred: toPythonIdentifier(t.requestedName!, 'snake') }));
  return planPythonNames(requests);
}

/** Plans every name of a provider module. */
export function planPythonModule(model: ProviderModel): PythonModulePlan {
  const named = new Map(model.types.map((t) => [t.key, t]));
  const requests: NameRequest[] = [];
  const found: Found[] = [];
  const typeRequest = (key: string, preferred: string) => requests.push({ key, preferred });
  const pinned = pinnedFunctionNames(model.tools);

  for (const t of model.types) {
    const preferred = toPythonIdentifier(t.baseName, 'pascal');
    typeRequest(`schema:${t.key}`, preferred);
    inlineClasses(t.type, () => `schema:${t.key}`, () => preferred, named, found);
  }
  const paramsShapes = new Map<string, TypeShape>();
  for (const tool of model.tools) {
    // The name source is the tool name, or for one without ASCII letters its method and path.
    const fn = pinned.get(`fn:${tool.name}`) ?? toPythonIdentifier(tool.nameSource, 'snake');
    if (!pinned.has(`fn:${tool.name}`)) requests.push({ key: `fn:${tool.name}`, preferred: fn });
    const paramsShape: TypeShape = { kind: 'object', properties: tool.parameters.map((p) => ({ name: p.name, type: p.type, required: !p.optional })) };
    paramsShapes.set(tool.name, paramsShape);
    const params = pascalIdentifierOf(fn, 'Params');
    typeRequest(`params:${tool.name}`, params);
    for (const p of tool.parameters) {
      if (HOLDERS.has(p.type.kind)) inlineClasses(p.type, once(() => `params:${tool.name}/${JSON.stringify(p.name)}`), once(() => pascalIdentifierOf(params, p.name)), named, found);
    }
    if (tool.output) {
      const output = pascalIdentifierOf(fn, 'Output');
      typeRequest(`output:${tool.name}`, output);
      inlineClasses(tool.output.type, () => `output:${tool.name}`, () => output, named, found);
      if (tool.output.variables) typeRequest(`variables:${tool.name}`, pascalIdentifierOf(fn, 'Variables'));
    }
    if (tool.results?.json) {
      const result = pascalIdentifierOf(fn, 'Result');
      typeRequest(`result:${tool.name}`, result);
      inlineClasses(tool.results.json, () => `result:${tool.name}`, () => result, named, found);
    }
    if (tool.results && !tool.results.sameBodies) {
      const body = pascalIdentifierOf(fn, 'Body');
      typeRequest(`body:${tool.name}`, body);
      inlineClasses(tool.results.body, () => `body:${tool.name}`, () => body, named, found);
    }
  }
  // A found class at a key that is itself requested (a named or output object) takes that name.
  const requested = new Set(requests.map((r) => r.key));
  for (const f of found) if (!requested.has(f.key)) typeRequest(f.key, f.preferred);
  const names = new Map([...planPythonNames(requests, pinned.values()), ...pinned]);

  const classes = new Map<TypeShape, PlannedClass>();
  for (const f of found) classes.set(f.shape, { name: names.get(f.key)!, properties: f.properties, total: true, ...(f.doc ? { doc: f.doc } : {}) });
  const refNames = new Map(model.types.map((t) => [t.key, names.get(`schema:${t.key}`)!]));
  const aliases: PythonModulePlan['aliases'] = [];
  for (const t of model.types) {
    const planned = classes.get(t.type);
    if (planned) planned.doc = t.description;
    else aliases.push({ name: refNames.get(t.key)!, type: t.type, ...(t.description ? { doc: t.description } : {}) });
  }
  /** A class planned for `shape` takes `doc`; any other shape becomes a `type` alias named `name`. */
  const declare = (name: string, shape: TypeShape, doc: string) => {
    const planned = classes.get(shape);
    if (planned) planned.doc = doc;
    else aliases.push({ name, type: shape, doc });
  };
  const tools = model.tools.map((tool): PlannedTool => {
    const functionName = names.get(`fn:${tool.name}`)!;
    const shape = paramsShapes.get(tool.name)!;
    const params: PlannedClass = { name: names.get(`params:${tool.name}`)!, properties: shape.kind === 'object' ? shape.properties : [], total: true, doc: `Parameters of ${functionName}, keyed by Dify's parameter names.` };
    classes.set(shape, params);
    const planned: PlannedTool = { tool, functionName, params };
    if (tool.output) {
      planned.outputName = names.get(`output:${tool.name}`)!;
      declare(planned.outputName, tool.output.type, `What ${functionName} returns (the ${tool.output.origin}).`);
      if (tool.output.variables && tool.output.type.kind === 'object') {
        planned.variablesName = names.get(`variables:${tool.name}`)!;
        const variables: TypeShape = { kind: 'object', properties: tool.output.type.properties };
        classes.set(variables, { name: planned.variablesName, properties: tool.output.type.properties, total: false, doc: `The variables ${functionName} sends (each may be absent).` });
      }
    }
    if (tool.results?.json) {
      planned.resultName = names.get(`result:${tool.name}`)!;
      declare(planned.resultName, tool.results.json, `The JSON object ${functionName} returns: what Dify sends as a \`\`json\`\` message.`);
    }
    if (tool.results) {
      planned.bodyName = tool.results.sameBodies ? planned.resultName! : names.get(`body:${tool.name}`)!;
      if (!tool.results.sameBodies) declare(planned.bodyName, tool.results.body, `The JSON body ${functionName} returns: Dify sends it only as a \`\`text\`\` message.`);
    }
    return planned;
  });
  return { model, tools, aliases, classes, refNames };
}
