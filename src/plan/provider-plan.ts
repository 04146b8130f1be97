/**
 * Plans one provider module: which tools it wraps, under which Dify names, and every
 * identifier it declares, settled in one pass (see `planIdentifiers` for the rule).
 */
import { error, warning, type Diagnostic } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import type { DifyParameter, DifyProvider, DifyTool } from '../dify/model.js';
import { collectRefs, schemaBaseName } from '../emit/typescript/schema.js';
import { closest, type ResolvedProvider } from '../manifest/load-manifest.js';
import { compare, planIdentifiers, toIdentifier, type NameRequest } from './identifiers.js';

export interface PlannedTool {
  tool: DifyTool;
  /** The name sent to Dify (the derived name, or the one pinned in `toolNames`). */
  difyName: string;
  functionName: string;
  paramsName: string;
  /** One entry per distinct Dify parameter name, in Dify's order (the first entry wins). */
  parameters: DifyParameter[];
}

export interface ProviderPlan {
  module: string;
  source: ResolvedProvider;
  provider: DifyProvider;
  tools: PlannedTool[];
  /** Named schemas: document pointer → identifier, sorted by identifier. */
  schemas: Array<{ pointer: string; name: string }>;
  diagnostics: Diagnostic[];
}

/** Schema nodes walked when collecting `$ref`s: bounds the work on hostile documents. */
const MAX_REF_WALK = 2_000_000;

export function planProvider(source: ResolvedProvider, provider: DifyProvider): ProviderPlan {
  const diagnostics: Diagnostic[] = [];
  const selected = selectTools(source, provider, diagnostics);
  const pinned = source.entry.toolNames ?? {};
  for (const name of Object.keys(pinned)) {
    if (!provider.tools.some((t) => t.name === name)) {
      diagnostics.push(unknownTool(source, provider, name, ['toolNames', name], 'toolNames'));
    }
  }

  const functionNames = planIdentifiers(
    selected.map((t) => ({ key: t.name, preferred: toIdentifier(t.name, 'camel') })),
    [],
  );
  const pointers = collectRefs(
    provider.document,
    selected.flatMap((t) => t.parameters.map((p) => p.schema)),
    MAX_REF_WALK,
  );
  const typeRequests: NameRequest[] = [
    ...selected.map((t) => ({ key: `tool:${t.name}`, preferred: toIdentifier(`${functionNames.get(t.name)!}Params`, 'pascal') })),
    ...pointers.map((p) => ({ key: `schema:${p}`, preferred: toIdentifier(schemaBaseName(p), 'pascal') })),
  ];
  const typeNames = planIdentifiers(typeRequests, functionNames.values());

  const tools = selected.map((tool) => ({
    tool,
    difyName: pinned[tool.name] ?? tool.name,
    functionName: functionNames.get(tool.name)!,
    paramsName: typeNames.get(`tool:${tool.name}`)!,
    parameters: distinctParameters(tool.parameters),
  }));
  const schemas = pointers.map((pointer) => ({ pointer, name: typeNames.get(`schema:${pointer}`)! })).sort((a, b) => compare(a.name, b.name));
  return { module: source.name, source, provider, tools, schemas, diagnostics };
}

/** The tools the manifest asks for (all by default); a duplicate Dify name keeps the first. */
function selectTools(source: ResolvedProvider, provider: DifyProvider, diagnostics: Diagnostic[]): DifyTool[] {
  const firstByName = new Map<string, DifyTool>();
  for (const tool of provider.tools) if (!firstByName.has(tool.name)) firstByName.set(tool.name, tool);
  const wanted = source.entry.tools;
  if (wanted === undefined) return [...firstByName.values()];
  const out: DifyTool[] = [];
  const seen = new Set<string>();
  wanted.forEach((name, index) => {
    const tool = firstByName.get(name);
    if (!tool) diagnostics.push(unknownTool(source, provider, name, ['tools', index], 'tools'));
    else if (seen.has(name)) {
      diagnostics.push(warning('manifest-duplicate-tool', `the tool ${quoted(name)} is listed twice`, { location: source.locate(['tools', index]), hint: 'remove the second entry' }));
    } else {
      seen.add(name);
      out.push(tool);
    }
  });
  // Keep Dify's order, whatever the order of the list.
  return provider.tools.filter((t) => out.includes(t) && firstByName.get(t.name) === t);
}

function unknownTool(source: ResolvedProvider, provider: DifyProvider, name: string, path: (string | number)[], key: string): Diagnostic {
  const names = [...new Set(provider.tools.map((t) => t.name))];
  const nearest = closest(name, names);
  return error('manifest-unknown-tool', `the spec ${quoted(source.specDisplay)} has no tool named ${quoted(name)} (in \`${key}\` of provider ${quoted(source.name)})`, {
    location: source.locate(path),
    hint: nearest
      ? `did you mean ${quoted(nearest)}? Run 'dify-toolgen list ${source.specDisplay}' to see every tool name`
      : `run 'dify-toolgen list ${source.specDisplay}' to see every tool name`,
  });
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
