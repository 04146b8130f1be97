#!/usr/bin/env node
// Loads the command line only after checking it can: an old Node or a missing dependency
// prints one line saying what to do and exits 2, never a stack trace. What it loads is the
// package's one bundled script (dist/dify-toolgen.cjs, made by `npm run build`:
// scripts/bundle.mjs), compiled with V8's code cache (bin/compile-cache.js); the package's
// `exports` name the same code, through dist/dify-toolgen.js.
import { fileURLToPath } from 'node:url';
import { loadBundle } from './compile-cache.js';
import { loadProblem, nodeVersionProblem } from './load-problem.js';

const LOAD_FAILED = 2;

/**
 * The commands whose runs save the code cache (bin/compile-cache.js): those that read specs,
 * and so call much of the bundle. A cache saved by `--help` would hold next to nothing.
 */
const CACHING_COMMANDS = new Set(['generate', 'check', 'list', 'export']);

/**
 * The commands whose successful runs call nearly all the bundle a project's runs call (the
 * whole pipeline): their cache is complete and kept; another's is partial, used until one of
 * these replaces it.
 */
const COMPLETE_COMMANDS = new Set(['generate', 'check']);

/** Whether the run `args` (the command, then its arguments) saves the code cache: one of `CACHING_COMMANDS`, not asked for its help (`generate --help`, `check -h`). */
function savesCache(args) {
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  return CACHING_COMMANDS.has(args[0]) && !options.includes('--help') && !options.includes('-h');
}

/**
 * A reader that stops early (`dify-toolgen list --json … | head -1`) closes the pipe: what is
 * left to print has no reader. The run then ends quietly (its exit code so far, 0 while it
 * runs), as a command line tool's user expects, not with Node's unhandled EPIPE error and its
 * stack trace.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const tooOld = nodeVersionProblem(process.versions.node);
if (tooOld) {
  process.stderr.write(tooOld + '\n');
  process.exit(LOAD_FAILED);
}

let bundle;
try {
  bundle = loadBundle(fileURLToPath(new URL('../dist/dify-toolgen.cjs', import.meta.url)));
} catch (error) {
  process.stderr.write(loadProblem(error) + '\n');
  if (process.env.DIFY_TOOLGEN_DEBUG) process.stderr.write(String(error && error.stack) + '\n');
  process.exit(LOAD_FAILED);
}

process.exitCode = await bundle.exports.runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
if (savesCache(process.argv.slice(2))) bundle.saveCache(COMPLETE_COMMANDS.has(process.argv[2]) && process.exitCode === 0);
