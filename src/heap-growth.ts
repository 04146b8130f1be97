/**
 * How far V8 lets the heap grow during a generator run. After each full collection V8 sets the
 * old generation's next limit to the bytes that survived times a growing factor; by default
 * that factor is dynamic, up to 4 on a 64-bit machine, and highest when the program allocates
 * fast, as a generator does. So a process that runs the pipeline on one large spec after
 * another (the corpus in one process, `generate --watch`, a server calling `buildOutput`) may
 * hold up to four times the largest spec's live data before collecting: 1,344–1,368 MiB peak
 * for the corpus, whose largest spec (Microsoft Graph beta) peaks at ~560 MiB alone.
 *
 * `withBoundedHeapGrowth` fixes the factor at 2 (`--heap-growing-percent=100`) during a run:
 * peak memory stays near twice the live data of the largest spec. Measured (docs/performance.md,
 * "Tenth pass"): the corpus at 751–756 MiB peak in 28.3–29.2 s against 1,368 MiB in 30.2 s;
 * GitHub's and Stripe's specs alone, time and peak unchanged (0.749 s against 0.757 s, 193
 * against 192 MiB; Stripe 0.546 s against 0.549 s). A lower factor bounds memory further but
 * costs time (50: 622 MiB, 32.1 s; 20: 570 MiB, 33.2 s).
 *
 * The flag is process-wide and V8 reads it whenever it recomputes the limit, so it is set for
 * the run and restored after (src/v8-flags.ts; to V8's default, the dynamic factor: a factor a
 * library user set at run time with `v8.setFlagsFromString` is not seen, and is reset), also
 * when the run throws; calls nest. Nothing is changed when node was started with its own
 * policy (`--heap-growing-percent`, `--predictable-gc-schedule`).
 */
import { ScopedV8Flag } from './v8-flags.js';

/** The old generation grows to twice what survived the last full collection (V8: factor = 1 + percent / 100). */
const RUN_GROWING_PERCENT = 100;

/** Flags given to node that set the heap's growing policy: then `withBoundedHeapGrowth` leaves it alone. */
const GROWTH_POLICY_FLAGS = /^--(?:heap-growing-percent|predictable-gc-schedule)(?:=|$)/;

/** The fixed growing factor, off at start (V8's default, `0`: the dynamic factor). */
const boundedGrowth = new ScopedV8Flag({ on: `--heap-growing-percent=${RUN_GROWING_PERCENT}`, off: '--heap-growing-percent=0' }, false, GROWTH_POLICY_FLAGS);

/**
 * `run()` (synchronous) with V8's heap growing factor fixed at 2, unless node was started with
 * its own growth policy; the state found is restored after, also when `run` throws.
 */
export function withBoundedHeapGrowth<T>(run: () => T): T {
  return boundedGrowth.with(true, run);
}
