/**
 * The generated code compiles under every flag users turn on: the example's output
 * (generated/) and the kinds modules (test/kinds/generated/) are type-checked under each
 * flag set on top of `strict`, with each module kind, by TypeScript 5.x (the `typescript`
 * devDependency, in this process through its API, one program per row reusing the parsed
 * files) and TypeScript 7 (the `tsgo-compiler` devDependency, one `tsc -p` per row, two at a
 * time). Every row it ran is printed, with its result.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
const WORK = join(REPO, 'node_modules', '.cache', 'dify-toolgen-tsconfig-matrix');

/** The generated modules checked: the example's output and the kinds modules. */
const FILES = ['generated', 'test/kinds/generated'].flatMap((dir) =>
  readdirSync(join(REPO, dir))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => join(REPO, dir, name)),
);

/** Compiler options every row has: `strict`, nothing emitted, no ambient types (the code needs none). */
const BASE = { target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] as string[] };

/** Each flag set users turn on, added to BASE; the last turns all of them on at once. */
const FLAG_SETS: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['strict', {}],
  ['noPropertyAccessFromIndexSignature', { noPropertyAccessFromIndexSignature: true }],
  ['exactOptionalPropertyTypes', { exactOptionalPropertyTypes: true }],
  ['noUncheckedIndexedAccess', { noUncheckedIndexedAccess: true }],
  ['noImplicitOverride', { noImplicitOverride: true }],
  ['noUnusedLocals', { noUnusedLocals: true }],
  ['noUnusedParameters', { noUnusedParameters: true }],
  ['verbatimModuleSyntax', { verbatimModuleSyntax: true }],
  ['isolatedModules', { isolatedModules: true }],
  ['erasableSyntaxOnly', { erasableSyntaxOnly: true }],
  ['isolatedDeclarations', { isolatedDeclarations: true, declaration: true }],
];
const ALL_FLAGS: Record<string, unknown> = Object.assign({}, ...FLAG_SETS.map(([, flags]) => flags));

/** Each module kind, with the resolution that goes with it. */
const MODULES: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['NodeNext', { module: 'NodeNext', moduleResolution: 'NodeNext' }],
  ['Node16', { module: 'Node16', moduleResolution: 'Node16' }],
  ['ESNext + Bundler', { module: 'ESNext', moduleResolution: 'Bundler' }],
  ['Preserve', { module: 'Preserve' }],
];

interface Row {
  name: string;
  options: Record<string, unknown>;
}

/** What one row gave: its errors, and how long the check took (printed, never asserted). */
interface Outcome {
  errors: string[];
  seconds: number;
}

const row = ([flags, flagOptions]: readonly [string, Record<string, unknown>], [module, moduleOptions]: readonly [string, Record<string, unknown>]): Row => ({
  name: `${flags} · ${module}`,
  options: { ...BASE, ...flagOptions, ...moduleOptions },
});

/**
 * Each flag set alone under NodeNext (which flag a failure comes from), then every flag at
 * once under each module kind. Each flag only adds errors, so the all-flags row of a module
 * kind fails whenever any single flag set would fail with it: the 15 rows find what the 44
 * of the full product would, at a third of the cost.
 */
const ROWS: Row[] = [...FLAG_SETS.map((flags) => row(flags, MODULES[0]!)), ...MODULES.map((module) => row(['all flag sets', ALL_FLAGS], module))];

/** `file(line,col): error TSnnnn: message`, paths relative to the repository. */
function formatTs5(diagnostic: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `error TS${diagnostic.code}: ${text}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(REPO, diagnostic.file.fileName)}(${line + 1},${character + 1}): error TS${diagnostic.code}: ${text}`;
}

/** Type-checks FILES under each row with TypeScript 5 in this process; parsed files are shared between rows. */
function checkWithTs5(rows: readonly Row[]): Map<string, Outcome> {
  const cache = new Map<string, ts.SourceFile | undefined>();
  const results = new Map<string, Outcome>();
  let oldProgram: ts.Program | undefined;
  for (const row of rows) {
    const started = performance.now();
    const { options, errors } = ts.convertCompilerOptionsFromJson(row.options, REPO);
    expect(errors.map(formatTs5), row.name).toEqual([]);
    const host = ts.createCompilerHost(options, true);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const format = typeof languageVersion === 'object' ? `${languageVersion.languageVersion}:${languageVersion.impliedNodeFormat}` : String(languageVersion);
      const key = `${format}:${fileName}`;
      if (!cache.has(key)) cache.set(key, getSourceFile(fileName, languageVersion, onError, shouldCreate));
      return cache.get(key);
    };
    const program: ts.Program = ts.createProgram({ rootNames: FILES, options, host, ...(oldProgram ? { oldProgram } : {}) });
    const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics(), ...(options.declaration ? program.getDeclarationDiagnostics() : [])];
    results.set(row.name, { errors: diagnostics.map(formatTs5), seconds: (performance.now() - started) / 1000 });
    oldProgram = program;
  }
  return results;
}

/** Runs TypeScript 7's `tsc -p` on one tsconfig written for the row; its output lines are the errors. */
function checkWithTs7(row: Row, index: number): Promise<Outcome> {
  const config = join(WORK, `row-${index}.json`);
  writeFileSync(config, JSON.stringify({ compilerOptions: row.options, files: FILES }, null, 2));
  const started = performance.now();
  return new Promise((done) => {
    execFile(process.execPath, [join(REPO, 'node_modules', 'tsgo-compiler', 'bin', 'tsc'), '-p', config, '--pretty', 'false'], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const lines = (stdout + stderr).split('\n').filter((line) => line.trim() !== '');
      const errors = error === null ? lines : lines.length > 0 ? lines : [`tsc failed: ${error.message}`];
      done({ errors, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** Runs `task` over `items`, `limit` at a time, keeping their order. */
async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return out;
}

/** Prints one line per row and returns the rows that failed with their errors. */
function report(compiler: string, results: ReadonlyMap<string, Outcome>): Record<string, string[]> {
  const failed: Record<string, string[]> = {};
  for (const [name, { errors, seconds }] of results) {
    console.log(`${compiler} · ${name}: ${errors.length === 0 ? 'ok' : `${errors.length} error(s)`} (${seconds.toFixed(1)} s)`);
    if (errors.length > 0) failed[name] = errors;
  }
  return failed;
}

describe('the generated code type-checks under every flag set and module kind', () => {
  it('has the modules it checks', () => {
    expect(FILES.map((file) => relative(REPO, file))).toContain('generated/runtime.ts');
    expect(FILES.map((file) => relative(REPO, file))).toContain('test/kinds/generated/everyType.ts');
    expect(ROWS).toHaveLength(FLAG_SETS.length + MODULES.length);
  });

  it(`with TypeScript ${ts.version}`, () => {
    expect(ts.version).toMatch(/^5\./);
    expect(report(`TypeScript ${ts.version}`, checkWithTs5(ROWS))).toEqual({});
  });

  it('with TypeScript 7', async () => {
    const version = (JSON.parse(readFileSync(join(REPO, 'node_modules', 'tsgo-compiler', 'package.json'), 'utf8')) as { version: string }).version;
    expect(version).toMatch(/^7\./);
    mkdirSync(WORK, { recursive: true });
    const outcomes = await inBatches(ROWS, 2, checkWithTs7);
    expect(report(`TypeScript ${version}`, new Map(ROWS.map((row, i) => [row.name, outcomes[i]!])))).toEqual({});
  });
});
