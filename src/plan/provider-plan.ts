/**
 * Plans one provider module: which tools it wraps, under which Dify names, and every
 * identifier it declares, settled in one pass (see `planIdentifiers` for the rule).
 */
import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import type { DifyParameter, DifyProvider, DifyTool } from '../dify/model.js';
import { collectRefs } from '../emit/typescript/schema.js';
import { RefResolver, type SchemaRef } from '../load/external-refs.js';
import { formatPointer } from '../load/value.js';
import { closest, type ResolvedProvider } from '../manifest/load-manifest.js';
import type { ApiProviderEntry } from '../manifest/schema.js';
import { compare, planIdentifiers, toIdentifier, type NameRequest } from './identifiers.js';

export interface PlannedTool {
  tool: DifyTool;
  /** The name sent to Dify (the name Dify registers the tool under, or the one pinned in `toolNames`). */
  difyName: string;
  functionName: string;
  paramsName: string;
  /** One entry per distinct Dify parameter name, in Dify's order (the first entry wins). */
  parameters: DifyParameter[];
}

/** A schema that becomes a named type: where it lives (the spec or a file it refers to) and its identifier. */
export interface PlannedSchema extends SchemaRef {
  name: string;
}

export interface ProviderPlan {
  module: string;
  source: ResolvedProvider;
  provider: DifyProvider;
  tools: PlannedTool[];
  /** Named schemas, sorted by identifier. */
  schemas: PlannedSchema[];
  /** Where the `$ref`s of the spec lead (the files it refers to, read once, when allowed). */
  refs: RefResolver;
  diagnostics: Diagnostic[];
}

/**
 * The provider's diagnostics without those about a tool the manifest's `tools` leaves out
 * (located at or inside that tool's operation): a user who left a tool out has acted on
 * them already. Document-level ones (`#/paths`, `#/components`, ...) stay.
 */
export function selectedToolDiagnostics(provider: DifyProvider, selected: readonly string[] | undefined): Diagnostic[] {
  if (selected === undefined) return provider.diagnostics;
  const wanted = new Set(selected);
  const excluded = provider.tools.filter((t) => !wanted.has(t.registeredName)).map((t) => formatPointer(t.pointer));
  return provider.diagnostics.filter((d) => {
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
  for (const tool of provider.tools) if (!firstByName.has(tool.registeredName)) firstByName.set(tool.registeredName, tool);
  const named = [...firstByName].map(([name, tool]) => ({ name, tool }));
  const selected = selectTools(source, named, entry.tools, diagnostics).map((t) => t.tool);
  const pinned = entry.toolNames ?? {};
  for (const name of Object.keys(pinned)) {
    if (!firstByName.has(name)) diagnostics.push(unknownTool(source, [...firstByName.keys()], name, ['toolNames', name], 'toolNames'));
  }

  const functionNames = planFunctionNames(selected.map((t) => t.registeredName));
  const targets = collectRefs(
    refs,
    selected.flatMap((t) => t.parameters.map((p) => p.schema)),
    MAX_REF_WALK,
  );
  // Keys hold a file's path from the spec's folder, never an absolute path: the same
  // names on every machine.
  const typeRequests: NameRequest[] = [
    ...selected.map((t) => ({ key: `tool:${t.registeredName}`, preferred: toIdentifier(`${functionNames.get(t.registeredName)!}Params`, 'pascal') })),
    ...targets.map((r) => ({ key: `schema:${r.key}`, preferred: toIdentifier(refs.baseName(r), 'pascal') })),
  ];
  const typeNames = planIdentifiers(typeRequests, functionNames.values());

  const tools = selected.map((tool) => ({
    tool,
    // The registered name, unless `toolNames` pins another. Own keys only: a tool named
    // `constructor` must not find Object.prototype's.
    difyName: Object.hasOwn(pinned, tool.registeredName) ? pinned[tool.registeredName]! : tool.registeredName,
    functionName: functionNames.get(tool.registeredName)!,
    paramsName: typeNames.get(`tool:${tool.registeredName}`)!,
    parameters: distinctParameters(tool.parameters),
  }));
  const schemas = targets
    .map(({ key, document, pointer, value }): PlannedSchema => ({ key, document, pointer, value, name: typeNames.get(`schema:${key}`)! }))
    .sort((a, b) => compare(a.name, b.name));
  return { module: source.name, source, provider, tools, schemas, refs, diagnostics };
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

/** Identifiers of the wrapper functions, keyed by tool name (the collision rule of planIdentifiers). */
export function planFunctionNames(toolNames: readonly string[]): Map<string, string> {
  return planIdentifiers(toolNames.map((name) => ({ key: name, preferred: toIdentifier(name, 'camel') })));
}

/** Dify's parameter list with duplicate names folded into one key (the first definition). */
export function distinctParameters(parameters: readonly DifyParameter[]): DifyParameter[] {
  const byName = new Map<string, DifyParameter>();
  for (const p of parameters) {
    const first = byName.get(p.name);
    if (!first) byName.set(p.name, p);
    // Dify fills either entry from the one value: required if any copy is.
    else if (p.required && !first.required) byName.set(p.name, { ...first, required: true });
  }
  return [...byName.values()];
}
