/**
 * `npm run bench`: generation time and peak memory on GitHub's REST API spec (13 MB, 1,223
 * tools) for dify-toolgen and, in the same run, for openapi-typescript (types only), each
 * run in a fresh process; reports medians and the ratio ours/peer (below 1: we are faster).
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const spec = process.env.BENCH_SPEC ?? join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json');
const runs = Number(process.env.BENCH_RUNS ?? 5);

interface Sample {
  seconds: number;
  maxRssMb: number;
  bytes: number;
}

function run(which: 'ours' | 'peer'): Sample {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bench-run.ts'), which, spec], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!) as Sample;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const samples: Record<'ours' | 'peer', Sample[]> = { ours: [], peer: [] };
for (let i = 0; i < runs; i++) {
  // Interleaved, so that both see the same machine load.
  samples.ours.push(run('ours'));
  samples.peer.push(run('peer'));
}
const row = (name: string, s: Sample[]) => {
  const t = median(s.map((x) => x.seconds));
  const m = median(s.map((x) => x.maxRssMb));
  console.log(`${name.padEnd(22)} median ${t.toFixed(2)} s   peak RSS ${m.toFixed(0)} MB   output ${(s[0]!.bytes / 1e6).toFixed(2)} MB`);
  return { t, m };
};
console.log(`spec: ${spec}\nruns: ${runs} each, interleaved, one process per run`);
const a = row('dify-toolgen', samples.ours);
const b = row('openapi-typescript', samples.peer);
console.log(`ratio (dify-toolgen / openapi-typescript): time ${(a.t / b.t).toFixed(2)}, peak memory ${(a.m / b.m).toFixed(2)}`);
