/**
 * The Python corpus check alone, with its figures: `npm run corpus:python [-- <every> [<limit>]]`
 * (every <every>-th accepted spec, at most <limit> specs and plugins; default: all of them).
 */
import { checkPythonCorpus } from '../test/corpus/python-corpus.js';

const every = process.argv[2] ? Number(process.argv[2]) : 1;
const limit = process.argv[3] ? Number(process.argv[3]) : Infinity;
const report = checkPythonCorpus({ every, limit }, (r) =>
  console.log(`batch ${r.batches}: ${r.specs} specs, ${r.plugins} plugins, ${r.megabytes.toFixed(0)} MB checked so far, ${r.errors.length} errors, ${r.checkSeconds.toFixed(0)} s in pyright`),
);
console.log(
  `python corpus: ${report.specs} specs and ${report.plugins} plugins (${report.tools} tools, ${report.megabytes.toFixed(0)} MB of Python) ` +
    `in ${report.batches} pyright runs: generated in ${report.generateSeconds.toFixed(0)} s, checked in ${report.checkSeconds.toFixed(0)} s`,
);
for (const refused of report.refusedPlugins) console.log(`refused plugin: ${refused}`);
for (const error of report.errors) console.log(error);
process.exitCode = report.errors.length > 0 ? 1 : 0;
