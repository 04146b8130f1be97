/**
 * The Python package is printed without V8's optimizing compiler (`withoutTurbofan`,
 * src/emit/python/package.ts): off inside the call, on again after it (also when the call
 * throws), and left off when node was started without it. Checked in a child node with V8's
 * natives syntax, which reports whether a function was optimized.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';

/** Whether V8 optimizes a function asked to be, before, inside and after `withoutTurbofan` (node started with `flags`). */
function optimized(flags: string[]): { before: boolean; inside: boolean; after: boolean; afterThrow: boolean } {
  const program = `
    const { withoutTurbofan } = await import(${JSON.stringify(join(REPO, 'src', 'emit', 'python', 'package.ts'))});
    const prepare = new Function('f', '%PrepareFunctionForOptimization(f)');
    const optimize = new Function('f', '%OptimizeFunctionOnNextCall(f)');
    const status = new Function('f', 'return %GetOptimizationStatus(f)');
    const check = () => { const f = new Function('x', 'return x + 1'); prepare(f); f(1); f(2); optimize(f); f(3); return (status(f) & 16) !== 0; };
    const before = check();
    const inside = withoutTurbofan(check);
    const after = check();
    try { withoutTurbofan(() => { throw new Error('x'); }); } catch {}
    console.log(JSON.stringify({ before, inside, after, afterThrow: check() }));`;
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', ...flags, '--import', 'tsx', '--input-type=module', '-e', program], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

describe('withoutTurbofan', () => {
  it.each<[string, { given: string[]; want: ReturnType<typeof optimized> }]>([
    ['off inside the call, on again after it, also after a throw', { given: [], want: { before: true, inside: false, after: true, afterThrow: true } }],
    ['left off when node was started without it', { given: ['--no-turbofan'], want: { before: false, inside: false, after: false, afterThrow: false } }],
  ])('%s', (_name, { given, want }) => {
    expect(optimized(given)).toEqual(want);
  });
});
