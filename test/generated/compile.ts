/** Type-checks a set of generated modules in one TypeScript program (fast: one program, many files). */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Project, ts } from 'ts-morph';

/** The native TypeScript compiler (typescript@7, the `tsgo-compiler` devDependency). */
const TSGO = join(dirname(createRequire(import.meta.url).resolve('tsgo-compiler/package.json')), 'bin', 'tsc');

export interface CompileOptions {
  moduleResolution?: 'NodeNext' | 'Bundler';
  /** Where `zod` is resolved from (a folder containing node_modules). */
  cwd?: string;
  /** `false`: unused locals are no error (for examples that name a result and stop there). */
  noUnusedLocals?: boolean;
}

/** The compiler options of both checks, as a tsconfig.json writes them. */
function compilerOptionsJson(bundler: boolean): Record<string, unknown> {
  return {
    target: 'ES2022',
    module: bundler ? 'ESNext' : 'NodeNext',
    moduleResolution: bundler ? 'Bundler' : 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noUnusedLocals: true,
    types: [],
  };
}

/** Diagnostics of compiling the given files (path → content) with --strict. */
export function typeCheck(files: ReadonlyMap<string, string> | string[], options: CompileOptions = {}): string[] {
  const bundler = options.moduleResolution === 'Bundler';
  const project = new Project({
    compilerOptions: ts.convertCompilerOptionsFromJson({ ...compilerOptionsJson(bundler), noUnusedLocals: options.noUnusedLocals ?? true }, '.').options,
    skipAddingFilesFromTsConfig: true,
  });
  if (Array.isArray(files)) project.addSourceFilesAtPaths(files);
  else for (const [path, content] of files) project.createSourceFile(path, content, { overwrite: true });
  const diagnostics = project.getPreEmitDiagnostics();
  return diagnostics.map((d) => {
    const file = d.getSourceFile()?.getFilePath() ?? '';
    const line = d.getLineNumber() ?? 0;
    const text = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n');
    return `${file}:${line}: ${text}`;
  });
}

/**
 * `typeCheck`'s check (the same options) of files on disk, by the native TypeScript compiler
 * in a child process, which checks files on both cores: for the fuzz test's ~100 modules,
 * 21.6 s in this process became about 4 s (at load 11). `folder` receives
 * the tsconfig. Errors as tsc prints
 * them (`file(line,col): error TSnnnn: …`), or why tsc did not run.
 */
export function typeCheckNative(files: readonly string[], folder: string): string[] {
  const config = join(folder, 'tsconfig.typecheck.json');
  writeFileSync(config, JSON.stringify({ compilerOptions: compilerOptionsJson(false), files }));
  try {
    execFileSync(process.execPath, [TSGO, '-p', config, '--pretty', 'false'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    return [];
  } catch (e) {
    const errors = ((e as { stdout?: string }).stdout ?? '').split('\n').filter((l) => l.includes('error TS'));
    return errors.length > 0 ? errors : [String(e)];
  }
}
