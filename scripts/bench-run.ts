/**
 * One measured run of `npm run bench`, in its own process so that its peak memory is its own.
 *
 *   bench-run.ts <tool> <spec> <workdir> [target]
 *
 * - `dify-toolgen`: writes `<workdir>/dify-tools.yaml` naming the spec (which must lie in
 *   `<workdir>`: manifests confine paths) and runs the public pipeline,
 *   `generate` from dist/generate.js, for `target` `typescript`, `python` or `both` (the
 *   manifest keys `python: {output}` and `typescript: false`). A generator that refuses those
 *   keys (a `UserError` about the manifest) yields `{na}` rather than a failure.
 * - `openapi-typescript`: types only, written to `<workdir>/openapi-typescript.ts`.
 * - `orval`: the fetch client, one file, written to `<workdir>/orval/`.
 *
 * The clock starts before the tool's modules are imported (loading a generator is part of
 * running it) and stops when its files are written. Prints one JSON line:
 * `{seconds, cpuSeconds, maxRssMb, bytes}` (bytes written; CPU time of the whole process) or `{na: reason}`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchManifest, folderBytes, type Target, type Tool } from './bench-manifest.js';

async function difyToolgen(spec: string, workdir: string, target: Target): Promise<number | { na: string }> {
  writeFileSync(join(workdir, 'dify-tools.yaml'), benchManifest(basename(spec), target));
  const { generate } = (await import(resolve(import.meta.dirname, '..', 'dist', 'generate.js'))) as typeof import('../src/generate.js');
  const { UserError } = (await import(resolve(import.meta.dirname, '..', 'dist', 'diagnostics', 'diagnostic.js'))) as typeof import('../src/diagnostics/diagnostic.js');
  try {
    generate({ cwd: workdir });
  } catch (e) {
    if (target === 'typescript' || !(e instanceof UserError)) throw e;
    return { na: `the generator refuses the manifest: ${e.diagnostics[0]?.message ?? e.message}` };
  }
  return folderBytes(join(workdir, 'ts')) + folderBytes(join(workdir, 'py'));
}

async function openapiTypescript(spec: string, workdir: string): Promise<number> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(readFileSync(spec, 'utf8')), { silent: true });
  const text = astToString(ast);
  writeFileSync(join(workdir, 'openapi-typescript.ts'), text);
  return Buffer.byteLength(text);
}

async function orval(spec: string, workdir: string): Promise<number> {
  const { generate } = await import('orval');
  const out = join(workdir, 'orval');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  await generate({ input: { target: spec }, output: { target: join(out, 'client.ts'), client: 'fetch', mode: 'single' } }, workdir);
  return folderBytes(out);
}

const [tool, specArg, workdirArg, targetArg] = process.argv.slice(2) as [Tool, string, string, Target | undefined];
const spec = resolve(specArg);
const workdir = resolve(workdirArg);
const started = performance.now();
const result =
  tool === 'dify-toolgen' ? await difyToolgen(spec, workdir, targetArg ?? 'typescript') : tool === 'orval' ? await orval(spec, workdir) : await openapiTypescript(spec, workdir);
const seconds = (performance.now() - started) / 1000;
const usage = process.resourceUsage();
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
console.log(JSON.stringify(typeof result === 'number' ? { seconds, cpuSeconds, maxRssMb: usage.maxRSS / 1024, bytes: result } : result));
