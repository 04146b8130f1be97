/**
 * The export round trip: every part of a spec, read and derived again with the project's
 * own reader and `deriveProvider`, gives exactly the original derivation's tools for that
 * part (names, order, methods, paths, parameters with type, required flag, location and
 * default), no part has more than 100 tools, and every tool is in exactly one part.
 * Shared by test/corpus/export.test.ts and test/unit/export.test.ts.
 */
import { exportSpec, type ExportOptions } from '../../src/commands/export.js';
import { MAX_TOOLS_PER_PROVIDER, type DifyTool } from '../../src/dify/model.js';
import { deriveProvider } from '../../src/dify/tools.js';
import { parseSpecText } from '../../src/load/read-document.js';
import { formatPointer } from '../../src/load/value.js';

export interface RoundTrip {
  tools: number;
  parts: number;
  /** Most tools in one part. */
  largest: number;
  /** Largest part text, in bytes. */
  largestBytes: number;
  problems: string[];
}

/** The part of a tool that must survive export. */
export function toolShape(tool: DifyTool): string {
  return JSON.stringify([tool.name, tool.method, tool.path, tool.parameters.map((p) => [p.name, p.type, p.required, p.in, p.default])]);
}

/** Exports a spec in memory and derives every part again. */
export function exportRoundTrip(options: ExportOptions): RoundTrip {
  const result = exportSpec(options);
  const problems: string[] = [];
  const seen = new Map<string, string>();
  let largest = 0;
  let largestBytes = 0;
  for (const part of result.parts()) {
    largest = Math.max(largest, part.tools.length);
    largestBytes = Math.max(largestBytes, Buffer.byteLength(part.text));
    if (part.tools.length > MAX_TOOLS_PER_PROVIDER) problems.push(`${part.file}: ${part.tools.length} tools`);
    for (const tool of part.tools) {
      const at = formatPointer(tool.pointer);
      if (seen.has(at)) problems.push(`${at} is in ${seen.get(at)} and ${part.file}`);
      seen.set(at, part.file);
    }
    const again = deriveProvider(parseSpecText(part.text, part.file)).tools;
    const want = part.tools.map(toolShape);
    const got = again.map(toolShape);
    if (got.length !== want.length) problems.push(`${part.file}: ${got.length} tools derived again, ${want.length} exported`);
    const i = want.findIndex((w, n) => w !== got[n]);
    if (i >= 0) problems.push(`${part.file}: tool #${i}\n  got  ${(got[i] ?? '').slice(0, 400)}\n  want ${want[i]!.slice(0, 400)}`);
  }
  const selected = options.provider === undefined;
  if (selected && seen.size !== result.provider.tools.length) problems.push(`${seen.size} of ${result.provider.tools.length} tools exported`);
  return { tools: result.provider.tools.length, parts: result.plan.length, largest, largestBytes, problems };
}
