/**
 * Plans a builtin (plugin) or workflow provider module, target-neutral: which tools it
 * wraps (the manifest's `tools`), with the manifest's `functionNames` checked. Each target
 * plans its own identifiers from the model built on this (`src/model/provider-model.ts`).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ResolvedProvider } from '../manifest/load-manifest.js';
import type { SourceProvider, SourceTool } from '../sources/model.js';
import { checkFunctionNames, selectTools } from './provider-plan.js';

export interface PlannedSourceTool {
  tool: SourceTool;
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
  checkFunctionNames(source, selected.map((t) => t.name), diagnostics);
  return { module: source.name, source, provider, kind: provider.kind, tools: selected.map((tool) => ({ tool })), diagnostics };
}
