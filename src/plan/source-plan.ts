/**
 * Plans a builtin (plugin) or workflow provider module: its tools and every identifier,
 * settled in one pass with the same rule as API modules.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ResolvedProvider } from '../manifest/load-manifest.js';
import type { SourceProvider, SourceTool } from '../sources/model.js';
import { planIdentifiers, toIdentifier } from './identifiers.js';
import { planFunctionNames, requestedFunctionNames, selectTools } from './provider-plan.js';

export interface PlannedSourceTool {
  tool: SourceTool;
  functionName: string;
  paramsName: string;
  /** The type of the tool's declared output (output_schema, or the workflow's end outputs). */
  outputName?: string;
}

export interface SourcePlan {
  module: string;
  source: ResolvedProvider;
  provider: SourceProvider;
  kind: 'builtin' | 'workflow';
  tools: PlannedSourceTool[];
  diagnostics: Diagnostic[];
}

export function planSourceProvider(source: ResolvedProvider, provider: SourceProvider): SourcePlan {
  const diagnostics: Diagnostic[] = [];
  const { entry } = source;
  const wanted = entry.type === 'builtin' && Array.isArray(entry.tools) ? entry.tools : undefined;
  // A tool refused for its errors (already reported) may be named in `tools:`; nothing is generated for it.
  const candidates: Array<SourceTool | { name: string; refused: true }> = [...provider.tools, ...(provider.refused ?? []).map((name) => ({ name, refused: true as const }))];
  const selected = selectTools(source, candidates, wanted, diagnostics).filter((t): t is SourceTool => !('refused' in t));
  const functionNames = planFunctionNames(selected.map((t) => t.name), requestedFunctionNames(source, selected, diagnostics));
  const hasOutput = (t: SourceTool) => t.outputSchema !== undefined || (t.outputs !== undefined && t.outputs.length > 0);
  const typeNames = planIdentifiers(
    selected.flatMap((t) => {
      const fn = functionNames.get(t.name)!;
      const params = { key: `params:${t.name}`, preferred: toIdentifier(`${fn}Params`, 'pascal') };
      return hasOutput(t) ? [params, { key: `output:${t.name}`, preferred: toIdentifier(`${fn}Output`, 'pascal') }] : [params];
    }),
    functionNames.values(),
  );
  const tools = selected.map((tool) => {
    const planned: PlannedSourceTool = { tool, functionName: functionNames.get(tool.name)!, paramsName: typeNames.get(`params:${tool.name}`)! };
    const outputName = typeNames.get(`output:${tool.name}`);
    if (outputName !== undefined) planned.outputName = outputName;
    return planned;
  });
  return { module: source.name, source, provider, kind: provider.kind, tools, diagnostics };
}
