/**
 * Reads the tools of a builtin or workflow provider of the manifest: from its plugin or DSL,
 * or from its inline declaration, with the same rules either way.
 */
import { error, hasErrors, UserError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { quoted } from '../diagnostics/printable.js';
import type { Limits } from '../load/limits.js';
import type { ResolvedProvider } from '../manifest/load-manifest.js';
import type { BuiltinProviderEntry, WorkflowProviderEntry } from '../manifest/schema.js';
import type { SourceProvider, SourceTool } from './model.js';
import { builtinToolFromInline, readPlugin } from './plugin.js';
import { readWorkflowDsl, workflowFromInline } from './workflow.js';

export function loadSource(root: string, source: ResolvedProvider, limits: Partial<Limits>): SourceProvider {
  const { entry } = source;
  if (entry.type === 'builtin') return loadBuiltin(root, source, entry);
  if (entry.type === 'workflow') return loadWorkflow(source, entry, limits);
  throw new Error(`loadSource: ${entry.type} providers are read from their spec`);
}

function loadBuiltin(root: string, source: ResolvedProvider, entry: BuiltinProviderEntry): SourceProvider {
  if (entry.plugin !== undefined) {
    const provider = readPlugin(source.sourcePath!, { root, display: source.sourceDisplay, ...(Array.isArray(entry.tools) ? { tools: entry.tools as string[] } : {}) });
    if (provider.id !== entry.id) {
      throw new UserError(
        error('manifest-id-mismatch', `the manifest's id ${quoted(entry.id)} is not the id of the plugin's provider, ${quoted(provider.id)}`, {
          location: source.locate(['id']),
          dify: 'Dify names a builtin provider <plugin author>/<plugin name>/<provider identity.name>; calls to any other id fail.',
          hint: `set \`id: ${provider.id}\`, or point \`plugin\` at the plugin this id belongs to`,
        }),
      );
    }
    return provider;
  }
  // As for a plugin, a tool with an error is refused alone; the run still fails, after reporting everything.
  const diagnostics: Diagnostic[] = [];
  const tools: SourceTool[] = [];
  const refused: string[] = [];
  for (const [name, declaration] of Object.entries(entry.tools as Record<string, object>)) {
    const result = builtinToolFromInline({ name, ...declaration }, (path) => source.locate(['tools', name, ...path]));
    diagnostics.push(...result.diagnostics);
    if (hasErrors(result.diagnostics)) refused.push(name);
    else tools.push(result.tool);
  }
  return { kind: 'builtin', id: entry.id, tools, diagnostics, ...(refused.length > 0 ? { refused } : {}) };
}

function loadWorkflow(source: ResolvedProvider, entry: WorkflowProviderEntry, limits: Partial<Limits>): SourceProvider {
  if (entry.dsl !== undefined) {
    return readWorkflowDsl(source.sourcePath!, { display: source.sourceDisplay, toolName: entry.tool, toolNameLocation: source.locate(['tool']), limits });
  }
  const result = workflowFromInline(
    {
      name: entry.tool,
      ...(entry.label !== undefined ? { label: entry.label } : {}),
      ...(entry.description !== undefined ? { description: entry.description } : {}),
      variables: entry.parameters,
      outputs: entry.outputs,
    },
    (path) => source.locate(path[0] === 'variables' ? ['parameters', ...path.slice(1)] : path[0] === 'name' ? ['tool', ...path.slice(1)] : path),
  );
  if (hasErrors(result.diagnostics)) throw new UserError(result.diagnostics);
  return { kind: 'workflow', id: entry.id, tools: [result.tool], diagnostics: result.diagnostics };
}
