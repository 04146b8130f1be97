/**
 * Fuzzing with hostile strings in every string a spec, a plugin declaration or a DSL variable
 * can carry: a fixed, seeded number of cases in CI (FUZZ_RUNS and FUZZ_SEED for more); a
 * failing case is printed as its spec and manifest, ready to become a regular test.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';
import { typeCheckNative } from '../generated/compile.js';
import { checkCase, cleanup, fuzzCase } from './fuzz.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const cache = join(REPO, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const root = mkdtempSync(join(cache, 'fuzz-'));
afterAll(() => cleanup(root));

/**
 * The support files every case gets unchanged (templates): checked once, from `shared/`.
 * Type-checking one copy per case cost more than the rest of the test (a 67 kB runtime.ts
 * and a 23 kB validators.ts in each of ~90 generated cases).
 */
const SUPPORT = ['runtime.ts', 'validators.ts'];
const shared = join(root, 'shared');

describe('fuzzing the pipeline with hostile strings', () => {
  const outputs: string[] = [];
  const support = new Map<string, string>();
  let generated = 0;

  it(`holds every invariant for ${RUNS} seeded cases (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fuzzCase, (c) => {
        const outcome = checkCase(root, c);
        if (outcome.files.length) {
          generated++;
          const dir = join(outcome.dir, 'out');
          mkdirSync(dir, { recursive: true });
          for (const f of outcome.files) {
            if (SUPPORT.includes(f.name)) {
              // Every case's copy is the one checked, byte for byte; the case imports it from there.
              const first = support.get(f.name);
              if (first === undefined) {
                support.set(f.name, f.content);
                mkdirSync(shared, { recursive: true });
                writeFileSync(join(shared, f.name), f.content);
                outputs.push(join(shared, f.name));
              } else if (f.content !== first) outcome.problems.push(`${f.name}: differs from the first case's`);
              writeFileSync(join(dir, f.name), `export * from "../../shared/${f.name.replace(/\.ts$/, '.js')}";\n`);
              continue;
            }
            writeFileSync(join(dir, f.name), f.content);
            outputs.push(join(dir, f.name));
          }
        } else cleanup(outcome.dir);
        if (outcome.problems.length > 0) {
          throw new Error(`${outcome.problems.join('\n')}\nfailing case (spec, module, inline tool, workflow variables):\n${JSON.stringify(c)}`);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`fuzz: ${RUNS} cases (seed ${SEED}), ${generated} generated, ${RUNS - generated} refused cleanly`);
  });

  it('the generated modules pass tsc --strict and import without side effects', async () => {
    expect(typeCheckNative(outputs, root)).toEqual([]);
    for (const file of outputs.filter((f) => !/(index|runtime|validators)\.ts$/.test(f))) await import(file);
    expect((globalThis as Record<string, unknown>).__CORPUS_PWNED__).toBeUndefined();
  });
});
