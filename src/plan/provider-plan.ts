/**
 * Plans one API provider module, target-neutral: which tools it wraps (the manifest's
 * `tools`, `part`), under which Dify names (`toolNames`), with duplicate parameters folded,
 * what each returns, and which schemas its `$ref`s reach. Each target plans its own
 * identifiers from the model built on this (`src/model/provider-model.ts`).
 */
import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import type { DifyParameter, DifyProvider, DifyTool } from '../dify/model.js';
import { successBodies, type ResponseBody } from '../dify/responses.js';
import type { Mapping, Value } from '../load/value.js';
import type { LoadedDocument } from '../load/read-document.js';
import { RefResolver, type SchemaRef } from '../load/external-refs.js';
import { classify } from '../schema/normalize.js';
import { collectRefs } from '../schema/refs.js';
import { formatPointer } from '../load/value.js';
import { closest, type ResolvedProvider } from '../manifest/load-manifest.js';
import type { ApiProviderEntry } from '../manifest/schema.js';
import { isReserved, toIdentifier } from './identifiers.js';
import { toPythonIdentifier } from '../emit/python/names.js';
import { planParts } from '../export/parts.js';

export interface PlannedTool {
  tool: DifyTool;
  /** The name sent to Dify (the name Dify registers the tool under, or the one pinned in `toolNames`). */
  difyName: string;
  /** One entry per distinct Dify parameter name, in Dify's order (the first entry wins). */
  parameters: DifyParameter[];
  /** What the spec says the tool returns, when it declares JSON success bodies. */
  results?: PlannedResults;
}

/**
 * The typed results of an API tool (see dify/responses.ts for which bodies count).
 * `json`: object bodies of `application/json` types, what Dify sends as `json` messages
 * (`ToolCall.json()`). `body`: every JSON body, what Dify sends as the `text` message
 * (`ToolCall.body()`).
 */
export interface PlannedResults {
  json: ResponseBody[];
  body: ResponseBody[];
}

export interface ProviderPlan {
  module: string;
  kind: 'api';
  source: ResolvedProvider;
  provider: DifyProvider;
  tools: PlannedTool[];
  /** The schemas `$ref`s reach (named schemas in every target), in first-seen order. */
  schemas: SchemaRef[];
  /** Where the `$ref`s of the spec lead (the files it refers to, read once, when allowed). */
  refs: RefResolver;
  diagnostics: Diagnostic[];
}

/**
 * The provider's diagnostics without those about a tool the manifest leaves out (located at
 * or inside that tool's operation): a tool outside its `tools`, or outside its export
 * `part`. A user who left a tool out has acted on them already. Document-level ones
 * (`#/paths`, `#/components`, ...) stay, except `too-many-tools` for a `part`: the provider
 * made in Dify from a part holds at most 100 tools, which is what the user did about it.
 */
export function selectedToolDiagnostics(provider: DifyProvider, plan: ProviderPlan): Diagnostic[] {
  const entry = plan.source.entry as ApiProviderEntry;
  if (entry.tools === undefined && entry.part === undefined) return provider.diagnostics;
  const wanted = new Set(plan.tools.map((t) => t.tool.registeredName));
  const excluded = provider.tools.filter((t) => !wanted.has(t.registeredName)).map((t) => formatPointer(t.pointer));
  return provider.diagnostics.filter((d) => {
    if (entry.part !== undefined && d.code === 'too-many-tools') return false;
    const pointer = d.location?.pointer;
    return pointer === undefined || !excluded.some((op) => pointer === op || pointer.startsWith(`${op}/`));
  });
}

/** Schema nodes walked when collecting `$ref`s: bounds the work on hostile documents. */
const MAX_REF_WALK = 2_000_000;

/**
 * Plans a provider module. `refs` decides where `$ref`s lead; by default only inside the
 * spec (files are read only when the generator is given a resolver that may read them).
 */
export function planProvider(source: ResolvedProvider, provider: DifyProvider, refs: RefResolver = new RefResolver(provider.document)): ProviderPlan {
  const diagnostics: Diagnostic[] = [];
  const entry = source.entry as ApiProviderEntry;
  // Tools are known by the name Dify registers (an empty or null operationId is
  // `default_tool`); a duplicate keeps the first tool: Dify invokes the first.
  const firstByName = new Map<string, DifyTool>();
  for (const tool of entry.part === undefined ? provider.tools : partTools(source, provider, diagnostics)) {
    if (!firstByName.has(tool.registeredName)) firstByName.set(tool.registeredName, tool);
  }
  const named = [...firstByName].map(([name, tool]) => ({ name, tool }));
  const selected = selectTools(source, named, entry.tools, diagnostics).map((t) => t.tool);
  const pinned = entry.toolNames ?? {};
  for (const name of Object.keys(pinned)) {
    if (!firstByName.has(name)) diagnostics.push(unknownTool(source, [...firstByName.keys()], name, ['toolNames', name], 'toolNames'));
  }

  checkFunctionNames(source, selected.map((t) => t.registeredName), diagnostics);
  const results = new Map(selected.map((t) => [t.registeredName, toolResults(provider, refs, t)] as const));
  // Keys hold a file's path from the spec's folder, never an absolute path: the same
  // names on every machine.
  const schemas = collectRefs(
    refs,
    [...selected.flatMap((t) => t.parameters.map((p) => p.schema)), ...[...results.values()].flatMap((r) => r.body.map((b) => b.schema))],
    MAX_REF_WALK,
  );
  const tools = selected.map((tool): PlannedTool => {
    const declared = results.get(tool.registeredName)!;
    return {
      tool,
      // The registered name, unless `toolNames` pins another. Own keys only: a tool named
      // `constructor` must not find Object.prototype's.
      difyName: Object.hasOwn(pinned, tool.registeredName) ? pinned[tool.registeredName]! : tool.registeredName,
      parameters: distinctParameters(tool.parameters),
      ...(declared.body.length > 0 ? { results: declared } : {}),
    };
  });
  return { module: source.name, kind: 'api', source, provider, tools, schemas, refs, diagnostics };
}

/** A tool's JSON success bodies: all of them for `body()`, the objects Dify sends as `json` messages for `json()`. */
function toolResults(provider: DifyProvider, refs: RefResolver, tool: DifyTool): PlannedResults {
  const body = successBodies(provider.document.value, tool);
  return { json: body.filter((b) => b.difyJson && isObjectSchema(refs, b.schema)), body };
}

/** True when a schema describes a JSON object (through `$ref`s, `allOf`, or a union of objects only). */
function isObjectSchema(refs: RefResolver, schema: Value | undefined, depth = 0, document: LoadedDocument = refs.main): boolean {
  if (depth > 16) return false;
  const kind = classify(schema);
  const map = schema as Mapping;
  if (kind === 'object') return true;
  if (kind === 'ref') {
    const target = refs.resolve(document, map.get('$ref') as string);
    return target.kind === 'schema' && isObjectSchema(refs, target.value, depth + 1, target.document);
  }
  const members = (key: string) => (Array.isArray(map.get(key)) ? (map.get(key) as Value[]) : []);
  if (kind === 'allOf') return members('allOf').some((m) => isObjectSchema(refs, m, depth + 1, document));
  if (kind === 'union') return [...members('oneOf'), ...members('anyOf')].every((m) => isObjectSchema(refs, m, depth + 1, document));
  return false;
}

/** The tools the manifest asks for (all by default), in the source's order. */
export function selectTools<T extends { name: string }>(source: ResolvedProvider, all: readonly T[], wanted: readonly string[] | undefined, diagnostics: Diagnostic[]): T[] {
  if (wanted === undefined) return [...all];
  const names = all.map((t) => t.name);
  const seen = new Set<string>();
  wanted.forEach((name, index) => {
    if (!names.includes(name)) diagnostics.push(unknownTool(source, names, name, ['tools', index], 'tools'));
    else if (seen.has(name)) {
      diagnostics.push(warning('manifest-duplicate-tool', `the tool ${quoted(name)} is listed twice`, { location: source.locate(['tools', index]), hint: 'remove the second entry' }));
    }
    seen.add(name);
  });
  return all.filter((t) => seen.has(t.name));
}

function unknownTool(source: ResolvedProvider, names: readonly string[], name: string, path: (string | number)[], key: string): Diagnostic {
  const nearest = closest(name, names);
  const what = source.entry.type === 'api' ? `the spec ${quoted(source.sourceDisplay)}` : `the plugin ${quoted(source.sourceDisplay)}`;
  const listHint = source.entry.type === 'api' ? `Run 'dify-toolgen list ${source.sourceDisplay}' to see every tool name` : `its tools are: ${names.slice(0, 20).map((n) => quoted(n)).join(', ')}`;
  return error('manifest-unknown-tool', `${what} has no tool named ${quoted(name)} (in \`${key}\` of provider ${quoted(source.name)})`, {
    location: source.locate(path),
    hint: nearest ? `did you mean ${quoted(nearest)}? ${listHint}` : listHint,
  });
}

/** A tool as far as naming goes: its Dify name and, for API tools, its method and path. */
export interface NamedTool {
  name: string;
  method?: string;
  path?: string;
}

/**
 * The text a function name is made from: the Dify tool name, unless it has no ASCII letter
 * (Chinese, Japanese or Korean operationIds: the sanitiser would keep nothing readable of
 * it); then the method and the path's ASCII words (`天气查询`, GET `/` → `getRoot`;
 * `获取订单`, GET `/orders/{id}` → `getOrdersId`). The tool name stays in the JSDoc.
 */
export function functionNameSource(tool: NamedTool): string {
  if (/[A-Za-z]/.test(tool.name) || tool.method === undefined || tool.path === undefined) return tool.name;
  const words = tool.path.match(/[A-Za-z0-9]+/g);
  return `${tool.method} ${words ? words.join(' ') : tool.path.replace(/^\/+/, '') === '' ? 'root' : 'tool'}`;
}

/** An identifier the manifest may ask for: one the sanitiser could have made (ASCII, not reserved). */
const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Checks the provider's `functionNames` against the selected tools' names: each key a
 * selected tool, each value a usable identifier, no value asked for twice. Problems become
 * located errors (the model carries each tool's request, `ToolModel.requestedName`).
 */
export function checkFunctionNames(source: ResolvedProvider, names: readonly string[], diagnostics: Diagnostic[]): void {
  const entry = source.entry as { functionNames?: Record<string, string> };
  const owner = new Map<string, string>();
  for (const [tool, id] of Object.entries(entry.functionNames ?? {})) {
    const at = source.locate(['functionNames', tool]);
    if (!names.includes(tool)) diagnostics.push(unknownTool(source, names, tool, ['functionNames', tool], 'functionNames'));
    else if (!FUNCTION_NAME.test(id) || isReserved(id)) {
      diagnostics.push(error('manifest-function-name', `${quoted(id)} cannot name the function of ${quoted(tool)}: ${FUNCTION_NAME.test(id) ? 'it is a reserved word or a global' : 'it is not an ASCII identifier'}`, { location: at, hint: `use ${quoted(toIdentifier(id, 'camel'))}` }));
    } else if (owner.has(id)) {
      diagnostics.push(error('manifest-function-name-taken', `${quoted(id)} is asked for twice: for ${quoted(owner.get(id)!)} and for ${quoted(tool)}`, { location: at, hint: 'give each tool its own function name' }));
    } else {
      owner.set(id, tool);
    }
  }
}

/**
 * With Python output: the provider's `functionNames` whose PEP 8 forms collide (`fooBar` and
 * `foo_bar` are both `foo_bar`; names differing only in case collide too), each an error at
 * the later entry, since the Python planner would silently number one of them.
 */
export function pythonFunctionNameProblems(source: ResolvedProvider): Diagnostic[] {
  const entry = source.entry as { functionNames?: Record<string, string> };
  const first = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const [tool, id] of Object.entries(entry.functionNames ?? {})) {
    const python = toPythonIdentifier(id, 'snake');
    const earlier = first.get(python.toLowerCase());
    if (earlier === undefined) first.set(python.toLowerCase(), id);
    else {
      problems.push(
        error('manifest-function-name-python', `${quoted(earlier)} and ${quoted(id)} would both name the Python function ${quoted(python)}`, {
          location: source.locate(['functionNames', tool]),
          hint: 'give them names whose snake_case forms differ',
        }),
      );
    }
  }
  return problems;
}

/** The tools of the export part the provider points at (`part`, split as `partBy`); an unknown part is an error. */
export function partTools(source: ResolvedProvider, provider: DifyProvider, diagnostics: Diagnostic[]): DifyTool[] {
  const entry = source.entry as ApiProviderEntry;
  const parts = planParts(provider.document.value, provider.tools, entry.partBy ?? 'tag');
  const part = parts.find((p) => p.name === entry.part);
  if (part) return part.tools;
  const names = parts.map((p) => p.name);
  const nearest = closest(entry.part!, names);
  diagnostics.push(
    error('manifest-unknown-part', `\`dify-toolgen export ${source.sourceDisplay}\` makes no part named ${quoted(entry.part!)}`, {
      location: source.locate(['part']),
      hint: `${nearest ? `did you mean ${quoted(nearest)}? ` : ''}its parts: ${names.slice(0, 20).map((n) => quoted(n)).join(', ')}`,
    }),
  );
  return [];
}

/** Dify's parameter list with duplicate names folded into one key, in the first one's place, typed by the last (the one Dify casts by). */
export function distinctParameters(parameters: readonly DifyParameter[]): DifyParameter[] {
  const byName = new Map<string, DifyParameter>();
  for (const p of parameters) {
    const seen = byName.get(p.name);
    // Dify casts the one value by each declaration in list order, so the last one's type is
    // what every copy receives (ApiTool: the parameters loop; golden rule
    // `dupe.last_declaration_casts`); required if any copy is. Where the value goes is still
    // each declaration's: the first one's place and location stay.
    if (seen === undefined) byName.set(p.name, p);
    else {
      const merged: DifyParameter = { ...seen, type: p.type, required: p.required || seen.required };
      if (p.schema === undefined) delete merged.schema;
      else merged.schema = p.schema;
      byName.set(p.name, merged);
    }
  }
  return [...byName.values()];
}
