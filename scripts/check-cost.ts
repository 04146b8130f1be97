/**
 * What a TypeScript module costs its users' type-checker: `tsc --strict` (the project's
 * TypeScript) on each given file, every measurement in a fresh process, repetitions
 * interleaved across the files, reporting the median CPU time and wall time of the check
 * phase (`getSemanticDiagnostics` of the whole program: binding and checking, not parsing).
 * CPU time is steadier than wall time on a loaded machine.
 *
 *   tsx scripts/check-cost.ts [--runs N] [--lib-check skip|full|declarations] file.ts [file.ts …]
 *
 * `--lib-check`: `skip` (default) sets `skipLibCheck`; `full` checks every declaration file,
 * TypeScript's default libraries included; `declarations` checks every declaration file but
 * the default libraries (`skipDefaultLibCheck`): what a generated `.d.ts` costs by itself.
 * JSDoc is parsed as tsc's command line parses it (only comments with `@see`/`@link` in
 * TypeScript files), so the figures are tsc's.
 *
 * Used to measure what a change of the generated code's shape buys (docs/performance.md).
 * Each file must resolve its imports from where it lies (e.g. `zod` from a node_modules above).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import ts from 'typescript';

type LibCheck = 'skip' | 'full' | 'declarations';
const LIB_CHECK: Record<LibCheck, ts.CompilerOptions> = {
  skip: { skipLibCheck: true },
  full: { skipLibCheck: false },
  declarations: { skipLibCheck: false, skipDefaultLibCheck: true },
};

/** One check of `file` in this process: `{cpu, wall, errors}` (seconds, count of errors). */
function checkOnce(file: string, libCheck: LibCheck): { cpu: number; wall: number; errors: number } {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    types: [],
    ...LIB_CHECK[libCheck],
  };
  const host = ts.createCompilerHost(options);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseForTypeErrors;
  const program = ts.createProgram([file], options, host);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const cpu1 = process.cpuUsage(cpu0);
  return { cpu: (cpu1.user + cpu1.system) / 1e6, wall: (performance.now() - wall0) / 1000, errors: diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error).length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  console.log(JSON.stringify(checkOnce(resolve(args[1]!), args[2] as LibCheck)));
} else {
  let runs = 3;
  let libCheck: LibCheck = 'skip';
  while (args[0] === '--runs' || args[0] === '--lib-check') {
    if (args[0] === '--runs') runs = Number(args[1]);
    else if (args[1] === 'skip' || args[1] === 'full' || args[1] === 'declarations') libCheck = args[1];
    else throw new Error(`--lib-check: skip, full or declarations, not ${args[1]}`);
    args.splice(0, 2);
  }
  const results = new Map<string, { cpu: number; wall: number; errors: number }[]>(args.map((f) => [f, []]));
  for (let i = 0; i < runs; i++) {
    for (const file of args) {
      const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', file, libCheck], { encoding: 'utf8', maxBuffer: 1 << 26 });
      if (child.status !== 0) throw new Error(`checking ${file} failed:\n${child.stderr}`);
      results.get(file)!.push(JSON.parse(child.stdout.trim().split('\n').pop()!));
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  const first = median(results.get(args[0]!)!.map((r) => r.cpu));
  console.log('| file | check CPU (s) | check wall (s) | CPU ratio to the first | errors |\n|---|--:|--:|--:|--:|');
  for (const [file, rs] of results) {
    const cpu = median(rs.map((r) => r.cpu));
    console.log(`| ${file} | ${cpu.toFixed(2)} | ${median(rs.map((r) => r.wall)).toFixed(2)} | ${(cpu / first).toFixed(2)} | ${rs[0]!.errors} |`);
  }
}
