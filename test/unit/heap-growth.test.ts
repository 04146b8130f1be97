/**
 * How far V8 lets the heap grow (src/heap-growth.ts): `withBoundedHeapGrowth` fixes the growing
 * factor at 2 inside its call (also nested), restores V8's dynamic factor after (also when the
 * call throws), and changes nothing when node was started with its own policy. Checked in a
 * child node that collects once per step (`gc()`) with `--trace-gc-verbose`, which prints, for
 * each full collection, V8's dynamic factor (`[HeapController] factor 4.0 based on mu=…`) and
 * then the factor the new limit was computed with (`[HeapController] Limit: old size: … KB,
 * new limit: … KB (2.0)`): the fixed one while the flag is set, the dynamic one otherwise.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';

const STEPS = ['before', 'inside', 'nested', 'afterNested', 'after', 'afterThrow'] as const;

/** V8's dynamic factor and the factor used, for the one full collection of each step (node started with `flags`). */
type Factors = { dynamic: string; used: string };
function factors(flags: string[]): Record<(typeof STEPS)[number], Factors> {
  const program = `
    const { withBoundedHeapGrowth } = await import(${JSON.stringify(join(REPO, 'src', 'heap-growth.ts'))});
    gc();
    withBoundedHeapGrowth(() => {
      gc();
      withBoundedHeapGrowth(() => gc());
      gc();
    });
    gc();
    try { withBoundedHeapGrowth(() => { throw new Error('x'); }); } catch {}
    gc();`;
  const child = spawnSync(process.execPath, ['--expose-gc', '--trace-gc-verbose', ...flags, '--import', 'tsx', '--input-type=module', '-e', program], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (child.status !== 0) throw new Error(child.stderr);
  // The last collections are the program's; loading tsx may have collected before.
  const found = [...child.stdout.matchAll(/\[HeapController\] factor (\d+\.\d) based on.*\n.*\[HeapController\] Limit: .*\((\d+\.\d)\)$/gm)].map((m) => ({ dynamic: m[1]!, used: m[2]! })).slice(-STEPS.length);
  return Object.fromEntries(STEPS.map((step, i) => [step, found[i]])) as Record<(typeof STEPS)[number], Factors>;
}

describe('withBoundedHeapGrowth', () => {
  it('fixes the factor at 2 inside its call, nested too, and gives V8 its dynamic factor back after, also after a throw', () => {
    const got = factors([]);
    const used = (steps: readonly (typeof STEPS)[number][]) => steps.map((step) => got[step].used);
    expect(used(['inside', 'nested', 'afterNested'])).toEqual(['2.0', '2.0', '2.0']);
    // Outside, the limit follows V8's dynamic factor, whatever it came to (usually 4.0).
    expect(used(['before', 'after', 'afterThrow'])).toEqual([got.before.dynamic, got.after.dynamic, got.afterThrow.dynamic]);
  });

  it.each([['--heap-growing-percent=50'], ['--heap_growing_percent=50']])('leaves the policy node was started with (%s) alone', (flag) => {
    expect(Object.values(factors([flag])).map((f) => f.used)).toEqual(STEPS.map(() => '1.5'));
  });
});
