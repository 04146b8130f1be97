/**
 * One measured run, in its own process so peak memory is its own: generates wrappers for a
 * spec with dify-toolgen (`ours`) or types with openapi-typescript (`peer`), in memory, and
 * prints `{seconds, maxRssMb, bytes}` as JSON.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deriveProvider } from '../src/dify/tools.js';
import { emitFiles } from '../src/emit/files.js';
import { readSpecFile } from '../src/load/read-document.js';
import type { ResolvedManifest, ResolvedProvider } from '../src/manifest/load-manifest.js';
import { planProvider } from '../src/plan/provider-plan.js';

const [which, spec] = process.argv.slice(2) as ['ours' | 'peer', string];

async function ours(file: string): Promise<number> {
  const root = dirname(file);
  const source: ResolvedProvider = {
    name: 'bench',
    entry: { type: 'api', id: '00000000-0000-0000-0000-000000000000', spec: file },
    sourcePath: file,
    sourceDisplay: relative(root, file),
    locate: () => ({ file }),
  };
  const manifest = { file, fileDisplay: 'dify-tools.yaml', root, outputDir: root, outputDisplay: '.', providers: [source], manifest: {} } as unknown as ResolvedManifest;
  const provider = deriveProvider(readSpecFile(file));
  const files = emitFiles(manifest, [planProvider(source, provider)], []);
  return files.reduce((n, f) => n + f.content.length, 0);
}

async function peer(file: string): Promise<number> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(JSON.parse(readFileSync(file, 'utf8')), { silent: true });
  return astToString(ast).length;
}

const started = performance.now();
const bytes = await (which === 'ours' ? ours(resolve(spec)) : peer(resolve(spec)));
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes }));
