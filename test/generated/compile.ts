/** Type-checks a set of generated modules in one TypeScript program (fast: one program, many files). */
import { Project, ts } from 'ts-morph';

export interface CompileOptions {
  moduleResolution?: 'NodeNext' | 'Bundler';
  /** Where `zod` is resolved from (a folder containing node_modules). */
  cwd?: string;
}

/** Diagnostics of compiling the given files (path → content) with --strict. */
export function typeCheck(files: ReadonlyMap<string, string> | string[], options: CompileOptions = {}): string[] {
  const bundler = options.moduleResolution === 'Bundler';
  const project = new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: bundler ? ts.ModuleKind.ESNext : ts.ModuleKind.NodeNext,
      moduleResolution: bundler ? ts.ModuleResolutionKind.Bundler : ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noUnusedLocals: true,
      types: [],
    },
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
