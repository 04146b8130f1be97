/**
 * The measured process of `npm run corpus:generate`: the built pipeline (`buildOutput` from
 * dist/generate.js, all but writing the files) on every project of a list, one after the
 * other, in this one process. Plain JavaScript run by node itself, like the bench's runner
 * (scripts/bench-run.mjs): a TypeScript loader here would add its own time and memory to the
 * generator's (under tsx, the corpus took 77 s and peaked at 1.9 GiB; built, 53 s).
 *
 *   node corpus-run.mjs <list.json>
 *
 * `<list.json>`: `[{spec, dir}]`, each `dir` holding a manifest (scripts/corpus-generate.ts
 * writes them). Prints one JSON line: `{seconds, cpuSeconds, maxRssMb, files, megabytes,
 * outcomes: [{spec, accepted, seconds}]}`; a failure that is not a `UserError` (a refusal
 * with diagnostics) ends the process with its stack.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const dist = resolve(import.meta.dirname, '..', 'dist');
const projects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const started = performance.now();
const { buildOutput } = await import(resolve(dist, 'generate.js'));
const { UserError } = await import(resolve(dist, 'diagnostics', 'diagnostic.js'));
const report = { files: 0, megabytes: 0, outcomes: [] };

/**
 * Builds one project and counts its files; false when refused. A function of its own so that
 * the output is unreachable once it returns: a local of the loop's body stays in the loop's
 * frame (an interpreter register) until the next spec overwrites it, which kept Graph beta's
 * whole output (353 MiB: spec, plans, module text) alive while Graph was generated.
 */
function buildProject(dir) {
  try {
    const output = buildOutput({ cwd: dir });
    report.files += output.files.length;
    for (const file of output.files) report.megabytes += file.content.length / 1e6;
    return true;
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return false;
  }
}

for (const { spec, dir } of projects) {
  const specStarted = performance.now();
  const accepted = buildProject(dir);
  report.outcomes.push({ spec, accepted, seconds: (performance.now() - specStarted) / 1000 });
}
const usage = process.resourceUsage();
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024, ...report }));
