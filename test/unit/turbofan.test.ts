/**
 * Where V8's optimizing compiler runs (src/turbofan.ts): `withoutTurbofan` turns it off inside
 * its call and `withTurbofan` on, each restoring the state it found (nested, and when the call
 * throws); `withoutTurbofanWhenCold` turns it off for its first call in a process only; none
 * turns it on when node was started without it. Checked in a child node
 * with V8's natives syntax, which reports whether a function asked to be optimized was.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';

type Probe = Record<'before' | 'without' | 'nestedWith' | 'afterNested' | 'after' | 'afterThrow' | 'firstRun' | 'secondRun', boolean>;

/** Whether V8 optimizes a function asked to be, at each point of a sequence of calls (node started with `flags`). */
function optimized(flags: string[]): Probe {
  const program = `
    const { withoutTurbofan, withTurbofan, withoutTurbofanWhenCold } = await import(${JSON.stringify(join(REPO, 'src', 'turbofan.ts'))});
    const prepare = new Function('f', '%PrepareFunctionForOptimization(f)');
    const optimize = new Function('f', '%OptimizeFunctionOnNextCall(f)');
    const status = new Function('f', 'return %GetOptimizationStatus(f)');
    // A new source each time: Function's compilation cache would hand back code optimized before.
    let made = 0;
    const check = () => { const f = new Function('x', '// ' + made++ + '\\nreturn x + 1'); prepare(f); f(1); f(2); optimize(f); f(3); return (status(f) & 16) !== 0; };
    const probe = { before: check() };
    withoutTurbofan(() => {
      probe.without = check();
      probe.nestedWith = withTurbofan(check);
      probe.afterNested = check();
    });
    probe.after = check();
    try { withoutTurbofan(() => { throw new Error('x'); }); } catch {}
    probe.afterThrow = check();
    probe.firstRun = withoutTurbofanWhenCold(check);
    probe.secondRun = withoutTurbofanWhenCold(check);
    console.log(JSON.stringify(probe));`;
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', ...flags, '--import', 'tsx', '--input-type=module', '-e', program], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout);
}

describe('withoutTurbofan, withTurbofan, withoutTurbofanWhenCold', () => {
  it.each<[string, { given: string[]; want: Probe }]>([
    [
      'off inside withoutTurbofan, on inside a nested withTurbofan, each state restored after, also after a throw; off for the first run only',
      { given: [], want: { before: true, without: false, nestedWith: true, afterNested: false, after: true, afterThrow: true, firstRun: false, secondRun: true } },
    ],
    [
      'never on when node was started without it',
      { given: ['--no-turbofan'], want: { before: false, without: false, nestedWith: false, afterNested: false, after: false, afterThrow: false, firstRun: false, secondRun: false } },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(optimized(given)).toEqual(want);
  });
});
