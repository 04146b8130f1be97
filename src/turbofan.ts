/**
 * Where V8's optimizing compiler (TurboFan) runs during a generator run. A run is short and
 * cold: most of its functions run once per tool, parameter, schema or class, often enough for
 * V8 to optimize them (on background threads, with deoptimizations and recompilations), too
 * briefly for the optimized code to repay that work. The exception is reading a spec: the
 * JSON reader's and the YAML parser's per-character loops run millions of times, where
 * optimized code wins. So a cold run of the pipeline runs without TurboFan
 * (`withoutTurbofanWhenCold`, around `buildOutput` and `list`'s derivation) and the reading of
 * spec text with it (`withTurbofan`, around `parseSpecText`); V8's baseline compilers
 * (Ignition, Sparkplug, and Maglev where V8 has it) run throughout.
 *
 * Measured on GitHub's spec, TypeScript target (`scripts/bench-run.mjs`, interleaved runs,
 * docs/performance.md "Ninth pass"): with TurboFan everywhere ~1.0–1.5 s wall, without it
 * anywhere ~1.07 s, with it only while reading ~0.8 s, on the same machine in one sitting.
 *
 * Only a process's first run is cold: a process that runs the pipeline again (the corpus in one
 * process, `generate --watch`, a server calling `buildOutput`) has run every function many
 * times, and there TurboFan repays (the corpus, 1,850 specs in one process: 42.3 s with it off
 * for every run, 31.9 s with it off for the first only). So `withoutTurbofanWhenCold` turns it
 * off for the first call only.
 *
 * The flag is process-wide, set for each call and restored after (src/v8-flags.ts). Code
 * already optimized stays so. The calls nest: each restores the state it found, also when
 * `run` throws. Nothing is changed when node was started with TurboFan off (`--no-turbofan`,
 * `--no-opt`, `--jitless`, `--max-opt=0..2`): these functions never turn it on then.
 */
import { ScopedV8Flag } from './v8-flags.js';

/** Flags given to node that keep V8's optimizing compiler (or all code generation) off: then TurboFan is never turned on. */
const TURBOFAN_OFF_FLAGS = /^--(?:no-opt|no-turbofan|jitless|max-opt=[0-2])$/;

/** V8's optimizing compiler, on at start (node's default). */
const turbofan = new ScopedV8Flag({ on: '--turbofan', off: '--no-turbofan' }, true, TURBOFAN_OFF_FLAGS);

/** `run()` (synchronous) with V8's optimizing compiler off; the state found is restored after. */
export function withoutTurbofan<T>(run: () => T): T {
  return turbofan.with(false, run);
}

/** `run()` (synchronous) with V8's optimizing compiler on, unless node was started without it; the state found is restored after. */
export function withTurbofan<T>(run: () => T): T {
  return turbofan.with(true, run);
}

/** Whether a run of the pipeline has started in this process (the next one is warm). */
let warmed = false;

/**
 * `run()` (synchronous) without V8's optimizing compiler if it is the first call in this
 * process (a cold run); later calls run as they are, with TurboFan on.
 */
export function withoutTurbofanWhenCold<T>(run: () => T): T {
  if (warmed) return run();
  warmed = true;
  return withoutTurbofan(run);
}
