/**
 * V8 flags set for the length of a call and restored after: the generator's policies for how
 * V8 runs it (src/turbofan.ts, src/heap-growth.ts). Each flag is process-wide and set with
 * `v8.setFlagsFromString` (as src/emit/python/ruff.ts sets WebAssembly's flags around ruff's
 * compilation); a flag the user gave node wins, so a policy leaves its setting alone.
 */
import { setFlagsFromString } from 'node:v8';

/** Node's flags (its command line, then `NODE_OPTIONS`), each name (the part before any `=`) spelled with `-`. */
const STARTED_WITH = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  .filter((flag) => flag.startsWith('--'))
  .map((flag) => {
    const eq = flag.indexOf('=');
    return eq < 0 ? flag.replaceAll('_', '-') : flag.slice(0, eq).replaceAll('_', '-') + flag.slice(eq);
  });

/**
 * Whether node was started with a flag matching `pattern`, on its command line
 * (`process.execArgv`) or in `NODE_OPTIONS`. V8 reads `_` and `-` in a flag's name alike
 * (`--no_opt` is `--no-opt`), so names are matched spelled with `-`: write `pattern` so.
 */
function nodeStartedWith(pattern: RegExp): boolean {
  return STARTED_WITH.some((flag) => pattern.test(flag));
}

/**
 * A V8 setting with two states, `on` and `off` (the flag strings that set each), which calls
 * set for their length: `with(state, run)` runs `run` (synchronous) in that state and restores
 * the state it found after, also when `run` throws, so calls nest. `initial` is V8's state at
 * start; when node was started with a flag matching `userFlags`, the setting is the user's and
 * `with` changes nothing.
 */
export class ScopedV8Flag {
  /** The state as this object last set it (V8 offers no way to read a flag back). */
  private state: boolean;
  private readonly userOwned: boolean;

  constructor(
    private readonly flags: { on: string; off: string },
    initial: boolean,
    userFlags: RegExp,
  ) {
    this.state = initial;
    this.userOwned = nodeStartedWith(userFlags);
  }

  /** `run()` with the setting in `state`; the state found is restored after. */
  with<T>(state: boolean, run: () => T): T {
    if (this.userOwned) return run();
    const found = this.state;
    this.set(state);
    try {
      return run();
    } finally {
      this.set(found);
    }
  }

  private set(state: boolean): void {
    if (state === this.state) return;
    setFlagsFromString(state ? this.flags.on : this.flags.off);
    this.state = state;
  }
}
