/**
 * The fuzzer's hostile cases (test/adversarial/fuzz.ts: hostile strings in every string a
 * spec, a plugin declaration or a DSL variable can carry), generated as Python: two runs give
 * the same files, and every package parses, holds no `__CORPUS_PWNED__` name and no raw
 * unsafe character, imports without side effects (test/python/hostile_check.py) and passes
 * pyright in strict mode; the files are in ruff's form.
 * FUZZ_RUNS and FUZZ_SEED as for the TypeScript fuzzer.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics/diagnostic.js';
import { buildOutput } from '../../src/generate.js';
import { REPO } from '../cli/run.js';
import { cleanup, fuzzCase, writeProject } from '../adversarial/fuzz.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const cache = join(REPO, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const root = mkdtempSync(join(cache, 'fuzz-python-'));
afterAll(() => cleanup(root));

describe('fuzzing the Python output with hostile strings', () => {
  it(`holds every invariant for ${RUNS} seeded cases (seed ${SEED})`, () => {
    const packages: string[] = [];
    fc.assert(
      fc.property(fuzzCase, (c) => {
        const dir = writeProject(root, c);
        const manifest = JSON.parse(readFileSync(join(dir, 'dify-tools.json'), 'utf8')) as Record<string, unknown>;
        writeFileSync(join(dir, 'dify-tools.json'), JSON.stringify({ typescript: false, python: { output: `pkg_${packages.length}` }, ...manifest }));
        let files: Array<{ name: string; content: string }>;
        try {
          files = buildOutput({ cwd: dir }).outputs[0]!.files;
        } catch (e) {
          if (e instanceof UserError) return;
          throw e;
        }
        expect(buildOutput({ cwd: dir }).outputs[0]!.files).toEqual(files);
        const folder = join(dir, `pkg_${packages.length}`);
        mkdirSync(folder);
        for (const f of files) writeFileSync(join(folder, f.name), f.content);
        packages.push(folder);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(packages.length).toBeGreaterThan(0);
    const result = spawnSync(join(REPO, '.venv', 'bin', 'python'), [join(REPO, 'test', 'python', 'hostile_check.py'), ...packages], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(result.status, result.stderr).toBe(0);
    const problems = JSON.parse(result.stdout) as Record<string, string[]>;
    expect(Object.entries(problems).filter(([, p]) => p.length > 0)).toEqual([]);
    const ruff = spawnSync(join(REPO, '.venv', 'bin', 'ruff'), ['format', '--check', '--no-cache', ...packages], { encoding: 'utf8' });
    expect(ruff.stdout.split('\n').filter((l) => l.startsWith('unformatted') || l.startsWith('Would reformat'))).toEqual([]);
    // pyright (strict) over every package at once: hostile names must still give valid types.
    const config = join(root, 'pyrightconfig.json');
    writeFileSync(config, JSON.stringify({ typeCheckingMode: 'strict', pythonVersion: '3.12', reportMissingTypeStubs: false }));
    const pyright = spawnSync(process.execPath, [join(REPO, 'node_modules', 'pyright', 'index.js'), '-p', config, '--pythonpath', join(REPO, '.venv', 'bin', 'python'), ...packages], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(pyright.stdout.split('\n').filter((l) => / - error/.test(l))).toEqual([]);
    console.log(`python fuzz: ${RUNS} cases (seed ${SEED}), ${packages.length} generated`);
  });
});
