#!/usr/bin/env node
// Loads the command line only after checking it can: an old Node or a missing dependency
// prints one line saying what to do and exits 2, never a stack trace. What it loads is the
// package's one bundled module (dist/dify-toolgen.js, made by `npm run build`: scripts/bundle.mjs),
// the same file the package's `exports` name.
import { loadProblem, nodeVersionProblem } from './load-problem.js';

const LOAD_FAILED = 2;

const tooOld = nodeVersionProblem(process.versions.node);
if (tooOld) {
  process.stderr.write(tooOld + '\n');
  process.exit(LOAD_FAILED);
}

let cli;
try {
  cli = await import('../dist/dify-toolgen.js');
} catch (error) {
  process.stderr.write(loadProblem(error) + '\n');
  if (process.env.DIFY_TOOLGEN_DEBUG) process.stderr.write(String(error && error.stack) + '\n');
  process.exit(LOAD_FAILED);
}

process.exitCode = await cli.runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
