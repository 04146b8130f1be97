/**
 * The measured process of `npm run corpus:generate`: what users run to build a project's output
 * without writing it, `dify-toolgen check --json` (`runCli` from the bundle,
 * dist/dify-toolgen.cjs, loaded as the bin loads it: bin/compile-cache.js; this process
 * saves no cache, which would hold the code of every path the corpus takes), on every project of a list,
 * one after the other, in this one process. No project has an output folder, so every file
 * `generate` would write is reported missing: their count is the number of files. Plain
 * JavaScript run by node itself, like the bench's runner (scripts/bench-run.mjs): a TypeScript
 * loader here would add its own time and memory to the generator's (under tsx, the corpus
 * took 77 s and peaked at 1.9 GiB; built, 53 s).
 *
 *   node corpus-run.mjs <list.json>
 *
 * `<list.json>`: `[{spec, dir}]`, each `dir` holding a manifest (scripts/corpus-generate.ts
 * writes them). Prints one JSON line: `{seconds, cpuSeconds, maxRssMb, files, outcomes: [{spec,
 * accepted, seconds}]}`; a spec is refused when `check` reports diagnostics without a file
 * report (a `UserError`); an internal error (exit 2) ends the process with its message.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const projects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const started = performance.now();
const { loadBundle } = await import(resolve(import.meta.dirname, '..', 'bin', 'compile-cache.js'));
const { runCli } = loadBundle(resolve(import.meta.dirname, '..', 'dist', 'dify-toolgen.cjs')).exports;
const report = { files: 0, outcomes: [] };
for (const { spec, dir } of projects) {
  const specStarted = performance.now();
  let stdout = '';
  let stderr = '';
  const code = await runCli(['check', '--json'], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: dir });
  if (code === 2) throw new Error(`${spec}: dify-toolgen check failed:\n${stderr}`);
  const result = JSON.parse(stdout);
  const accepted = result.missing !== undefined;
  if (accepted) report.files += result.missing.length + result.stale.length + result.upToDate.length;
  report.outcomes.push({ spec, accepted, seconds: (performance.now() - specStarted) / 1000 });
}
const usage = process.resourceUsage();
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024, ...report }));
