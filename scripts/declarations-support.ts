/**
 * Makes the support modules of the `declarations` shape (`typescript: {emit: declarations}`)
 * from templates/runtime.ts and templates/validators.ts: each as a `.js` and a `.d.ts`,
 * compiled by TypeScript and formatted by prettier, into templates/declarations/. The
 * validators' declarations do not mention zod (`Validator` is the runtime's
 * `ParameterSchema`), so a user's type-checker never loads zod's declarations.
 *
 * `npx tsx scripts/declarations-support.ts` rewrites the folder; the unit test
 * test/unit/declarations.test.ts fails when the committed files differ from what it makes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';

const REPO = resolve(import.meta.dirname, '..');
const TEMPLATES = join(REPO, 'templates');
export const DECLARATIONS_DIR = join(TEMPLATES, 'declarations');

/** The zod-free declaration of the validators' type, in place of `z.ZodMiniType`. */
const OPAQUE_VALIDATOR = [
  'import type { ParameterSchema } from "./runtime.js";',
  '/** A validator: what `safeParse` a value against (the runtime builds it with zod). */',
  'export interface Validator extends ParameterSchema {}',
].join('\n');

/** A top-level declaration of a `.d.ts` starting with `head`, with its doc comment, up to its closing brace at the start of a line. */
function declarationOf(head: string): RegExp {
  return new RegExp(`(/\\*\\*(?:[^*]|\\*(?!/))*\\*/\\s*)?${head} \\{[\\s\\S]*?\\n\\};?\\n`);
}

/** Every file of templates/declarations/, by name, as this script makes them. */
export async function declarationSupportFiles(): Promise<Map<string, string>> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    declaration: true,
    strict: true,
    skipLibCheck: true,
    removeComments: false,
    noEmitOnError: true,
    outDir: join(REPO, 'node_modules', '.cache', 'declarations-support'),
  };
  const program = ts.createProgram([join(TEMPLATES, 'runtime.ts'), join(TEMPLATES, 'validators.ts')], options);
  const emitted = new Map<string, string>();
  const result = program.emit(undefined, (file, text) => emitted.set(file.replace(/^.*[\\/]/, ''), text));
  const problems = ts.getPreEmitDiagnostics(program).concat(result.diagnostics);
  if (problems.length > 0) throw new Error(ts.formatDiagnostics(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => REPO, getNewLine: () => '\n' }));
  const files = new Map<string, string>();
  for (const [name, text] of [...emitted].sort(([a], [b]) => (a < b ? -1 : 1))) {
    let source = text;
    if (name === 'validators.d.ts') {
      source = source
        .replace('import { z } from "zod/v4-mini";', '')
        .replace(/(\/\*\*[^/]*\*\/\s*)?export type Validator = z\.ZodMiniType;/, OPAQUE_VALIDATOR)
        // How validators.ts types zod's functions: its own business, and zod's types.
        .replace(declarationOf('export interface ZodFunctions'), '')
        .replace(declarationOf('type Messages ='), '')
        .replace(declarationOf('interface CheckPayload'), '');
      if (/\bz\./.test(source)) throw new Error('validators.d.ts still mentions zod: extend the rewrite');
    }
    files.set(name, await prettier.format(source, { parser: name.endsWith('.d.ts') ? 'typescript' : 'babel' }));
  }
  return files;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(DECLARATIONS_DIR, { recursive: true });
  for (const [name, text] of await declarationSupportFiles()) writeFileSync(join(DECLARATIONS_DIR, name), text);
  console.log(`wrote ${DECLARATIONS_DIR}`);
}
