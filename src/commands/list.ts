/**
 * `dify-toolgen list`: the tools Dify creates from each spec, as a table or as JSON Lines.
 */
import { UserError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { diagnosticJson, formatDiagnostic, formatDiagnosticLine } from '../diagnostics/format.js';
import { printable } from '../diagnostics/printable.js';
import { pythonDefault, type DifyProvider } from '../dify/model.js';
import { deriveProvider } from '../dify/tools.js';
import { withBoundedHeapGrowth } from '../heap-growth.js';
import type { Limits } from '../load/limits.js';
import { readSpecFile } from '../load/read-document.js';
import { pyJsonText } from '../load/value.js';
import { withoutTurbofanWhenCold } from '../turbofan.js';

export type ListResult = { spec: string; provider: DifyProvider } | { spec: string; diagnostics: Diagnostic[] };

/** Reads and derives each spec; a refusal is a result, not an exception. */
export function listSpecs(specs: readonly string[], limits: Partial<Limits> = {}, resolvePath: (spec: string) => string = (s) => s): ListResult[] {
  return specs.map((spec) => {
    try {
      // As in `buildOutput`: V8's optimizing compiler only while reading in a cold run
      // (src/turbofan.ts), the heap's growth bounded (src/heap-growth.ts).
      return { spec, provider: withoutTurbofanWhenCold(() => withBoundedHeapGrowth(() => deriveProvider(readSpecFile(resolvePath(spec), limits, spec)))) };
    } catch (e) {
      if (e instanceof UserError) return { spec, diagnostics: e.diagnostics };
      throw e;
    }
  });
}

/** The stable JSON Lines record of one spec (see README, "list --json"). */
export function listRecord(result: ListResult): Record<string, unknown> {
  if ('diagnostics' in result) {
    return {
      spec: result.spec,
      error: result.diagnostics.map(formatDiagnosticLine).join(' '),
      diagnostics: result.diagnostics.map(diagnosticJson),
    };
  }
  const { provider } = result;
  return {
    spec: result.spec,
    server: provider.server,
    tools: provider.tools.map((tool) => ({
      // The parser's name (the golden data's view), and the name Dify invokes the tool by.
      name: tool.name,
      registeredName: tool.registeredName,
      method: tool.method,
      path: tool.path,
      parameters: tool.parameters.map((p) => ({ name: p.name, type: p.type, required: p.required, default: pythonDefault(p), in: p.in })),
    })),
    warnings: [...(provider.difyWarnings.duplicated_parameter ? [provider.difyWarnings.duplicated_parameter] : []), ...provider.diagnostics.filter((d) => d.code !== 'duplicated-parameter').map((d) => formatDiagnosticLine(d))],
    diagnostics: provider.diagnostics.map(diagnosticJson),
  };
}

/**
 * JSON text safe for any terminal or log: non-ASCII separators and bidi controls escaped;
 * numbers as Python's `json.dumps` writes them (`Infinity`, `NaN`, exact big integers).
 */
export function safeJson(value: unknown): string {
  return pyJsonText(value).replace(/[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The human-readable table of one spec. */
export function listTable(result: ListResult): string {
  if ('diagnostics' in result) return result.diagnostics.map(formatDiagnostic).join('\n\n');
  const { provider } = result;
  const title = provider.title ? ` · ${printable(provider.title, 80)}` : '';
  const lines = [`${printable(result.spec, 300)}${title} · ${provider.tools.length} tool${provider.tools.length === 1 ? '' : 's'} · server ${printable(provider.server ?? '(none)', 200)}`];
  for (const tool of provider.tools) {
    const parserName = tool.name === tool.registeredName ? '' : `  (operationId ${tool.name === null ? 'null' : printable(JSON.stringify(tool.name), 60)})`;
    lines.push('', `  ${printable(tool.registeredName, 200)}  ${tool.method.toUpperCase()} ${printable(tool.path, 200)}${parserName}`);
    const rows = tool.parameters.map((p) => [
      printable(p.name, 60),
      p.type,
      p.required ? 'required' : 'optional',
      p.in,
      p.default === null ? '' : `default ${printable(pyJsonText(pythonDefault(p)), 60)}`,
    ]);
    const widths = [0, 1, 2, 3].map((i) => Math.max(0, ...rows.map((r) => r[i]!.length)));
    for (const row of rows) lines.push(`      ${row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd()}`);
  }
  const warnings = provider.diagnostics.map(formatDiagnostic);
  if (warnings.length > 0) lines.push('', ...warnings);
  return lines.join('\n');
}
