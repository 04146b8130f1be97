/**
 * The flags node was started with, for the modules that set V8 flags during a run
 * (src/turbofan.ts, src/heap-growth.ts): a flag the user gave node wins, so those modules leave
 * its setting alone.
 */

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
export function nodeStartedWith(pattern: RegExp): boolean {
  return STARTED_WITH.some((flag) => pattern.test(flag));
}
