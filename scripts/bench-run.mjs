/**
 * One measured run of `npm run bench`, in its own process so that its peak memory and CPU
 * time are the generator's own. Plain JavaScript, run by node itself: a TypeScript loader
 * (tsx) in this process would add its own start-up time and memory (a loader thread and
 * esbuild) to every generator's figures alike, pulling every ratio toward 1.
 *
 *   node bench-run.mjs <tool> <spec> <workdir> [target]
 *
 * - `dify-toolgen`: runs what users run, `dify-toolgen generate`: `runCli` from the bundle
 *   (dist/dify-toolgen.cjs) loaded as the bin loads it, with V8's code cache
 *   (bin/compile-cache.js; `DIFY_TOOLGEN_COMPILE_CACHE` as for the bin), in `<workdir>` with
 *   its `dify-tools.yaml` (written by bench.ts for `target`), its messages dropped. A
 *   generator that refuses that manifest (exit 1, e.g. an older build without a Python
 *   target) yields `{na}` rather than a failure, except for the TypeScript target; an
 *   internal error (exit 2) is a failure.
 * - `openapi-typescript`: types only, written to `<workdir>/openapi-typescript.ts`.
 * - `orval`: the fetch client, one file, written to `<workdir>/orval/`.
 *
 * The clock starts before the tool's modules are imported (loading a generator is part of
 * running it) and stops when its files are written (and, for dify-toolgen, its code cache,
 * on a first run). Runs after the first start from the code cache, as users' later runs do;
 * `DIFY_TOOLGEN_COMPILE_CACHE=0` measures every run cold. Prints one JSON line:
 * `{seconds, cpuSeconds, maxRssMb}` (CPU time and peak RSS of the whole process) or `{na}`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/** @returns {Promise<undefined | {na: string}>} */
async function difyToolgen(workdir, target) {
  const { loadBundle } = await import(resolve(import.meta.dirname, '..', 'bin', 'compile-cache.js'));
  const bundle = loadBundle(resolve(import.meta.dirname, '..', 'dist', 'dify-toolgen.cjs'));
  let errors = '';
  const code = await bundle.exports.runCli(['generate'], { stdout: () => {}, stderr: (text) => (errors += text), cwd: workdir });
  // A generate that succeeded: a complete run, whose cache is kept (bin/compile-cache.js).
  bundle.saveCache(code === 0);
  if (code === 0) return undefined;
  if (target === 'typescript' || code !== 1) throw new Error(`dify-toolgen generate exited with ${code}:\n${errors}`);
  return { na: `the generator refuses the manifest: ${errors.split('\n')[0]}` };
}

async function openapiTypescript(spec, workdir) {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(readFileSync(spec, 'utf8')), { silent: true });
  writeFileSync(join(workdir, 'openapi-typescript.ts'), astToString(ast));
}

async function orval(spec, workdir) {
  const { generate } = await import('orval');
  const out = join(workdir, 'orval');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  await generate({ input: { target: spec }, output: { target: join(out, 'client.ts'), client: 'fetch', mode: 'single' } }, workdir);
}

const [tool, specArg, workdirArg, target = 'typescript'] = process.argv.slice(2);
const spec = resolve(specArg);
const workdir = resolve(workdirArg);
const started = performance.now();
const refused = tool === 'dify-toolgen' ? await difyToolgen(workdir, target) : tool === 'orval' ? await orval(spec, workdir) : await openapiTypescript(spec, workdir);
const seconds = (performance.now() - started) / 1000;
const usage = process.resourceUsage();
console.log(JSON.stringify(refused ?? { seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024 }));
