/**
 * Emits the files of the TypeScript output folder from the tool model: one module per
 * provider (its names planned by `typescript/module-plan.ts`), the index, the runtime.
 * Statements are built as structures, printed by the one printer, and placed into the
 * templates as `Code`.
 */
import type { ResolvedManifest } from '../manifest/load-manifest.js';
import type { ProviderModel } from '../model/tool-model.js';
import type { OutputFile } from '../write/write-output.js';
import { GENERATED_MARKER } from '../write/write-output.js';
import { commentLines } from './escape.js';
import { buildApiModule, type ModuleSections } from './typescript/api-module.js';
import { planTypeScriptModule, type TypeScriptModulePlan } from './typescript/module-plan.js';
import { buildSourceModule } from './typescript/source-module.js';
import { printStatement, printStatements } from './typescript/print.js';
import type { Statement } from './typescript/ast.js';
import { builtinTemplates, Code, DECLARATION_SUPPORT_MODULES, declarationSupportSource, SUPPORT_MODULES, supportSource, type Templates } from './templates.js';
import { declarationStatements, scriptStatements } from './typescript/declarations.js';

/** The header of every generated file; its first line is the marker `generate` looks for. */
export function fileHeader(source?: string): Code {
  const from = source === undefined ? '' : commentLines(source).join(' ');
  return new Code(
    `${GENERATED_MARKER}${from ? ` from ${from}` : ''}.\n` + '// Do not edit it by hand: change the input and run `dify-toolgen generate`.',
  );
}

function code(statements: readonly Statement[]): Code {
  return new Code(printStatements(statements).replace(/\n$/, ''));
}

/** The module builder of each provider kind. */
const BUILDERS: Record<ProviderModel['kind'], (plan: TypeScriptModulePlan) => ModuleSections> = {
  api: buildApiModule,
  builtin: buildSourceModule,
  workflow: buildSourceModule,
};

/**
 * The TypeScript files of every provider model (plus index and support modules), sorted by
 * name, in the shape the manifest asks for (`.ts` modules, or `.d.ts` + `.js` pairs).
 * Reports nothing: what is worth a warning is in the models' diagnostics.
 */
export function emitFiles(
  manifest: Pick<ResolvedManifest, 'fileDisplay'> & Partial<Pick<ResolvedManifest, 'typescriptEmit'>>,
  models: readonly ProviderModel[],
  templates: Templates = builtinTemplates(),
): OutputFile[] {
  if (manifest.typescriptEmit === 'declarations') return emitDeclarationFiles(manifest, models);
  const files: OutputFile[] = models.map((model) => {
    const sections = BUILDERS[model.kind](planTypeScriptModule(model));
    const content = templates.provider({
      header: fileHeader(model.sourceDisplay),
      // A module without tools uses neither the runtime nor the validators.
      imports: sections.tools.length > 0 ? code(sections.imports) : false,
      provider: code([sections.provider]),
      types: sections.types.map((statements) => code(statements.flatMap((st, i) => (i === 0 ? [st] : [{ kind: 'blank' as const }, st])))),
      tools: sections.tools.map((t) => ({ params: code([t.params]), schema: code([t.schema]), wrapper: code([t.wrapper]) })),
      metadata: code([sections.metadata]),
      requests: sections.requests && sections.tools.length > 0 ? code([sections.requests]) : false,
    });
    return { name: `${model.module}.ts`, content };
  });
  const sorted = [...models].sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
  files.push({
    name: 'index.ts',
    content: templates.index({
      header: fileHeader(manifest.fileDisplay),
      modules: sorted.map((model) => new Code(printStatement({ kind: 'exportAll', from: `./${model.module}.js`, as: model.module }))),
    }),
  });
  for (const name of SUPPORT_MODULES) {
    files.push({ name, content: templates.support({ header: fileHeader(), source: new Code(supportSource(name).replace(/\n$/, '')) }) });
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A module's statements in the order the `provider` template lays them out, blank lines between. */
function moduleStatements(sections: ModuleSections): Statement[] {
  const spaced = (statements: readonly Statement[]) => statements.flatMap((st, i): Statement[] => (i === 0 ? [st] : [{ kind: 'blank' }, st]));
  const groups: Statement[][] = [
    // The imports are one block; every other statement stands apart.
    ...(sections.tools.length > 0 ? [sections.imports] : []),
    [sections.provider],
    ...sections.types.map(spaced),
    ...sections.tools.flatMap((t) => [[t.params], [t.schema], [t.wrapper]]),
    [sections.metadata],
    ...(sections.requests && sections.tools.length > 0 ? [[sections.requests]] : []),
  ];
  return groups.flatMap((group, i): Statement[] => (i === 0 ? group : [{ kind: 'blank' }, ...group]));
}

/**
 * The `declarations` shape (see typescript/declarations.ts): per provider a `.d.ts` and a
 * `.js` made from the module's statements, the index as both, and the support modules
 * precompiled in templates/declarations/ (scripts/declarations-support.ts).
 */
function emitDeclarationFiles(manifest: Pick<ResolvedManifest, 'fileDisplay'>, models: readonly ProviderModel[]): OutputFile[] {
  const file = (name: string, header: Code, body: string): OutputFile => ({ name, content: `${header.text}\n\n${body}` });
  const files: OutputFile[] = models.flatMap((model) => {
    const statements = moduleStatements(BUILDERS[model.kind](planTypeScriptModule(model)));
    const header = fileHeader(model.sourceDisplay);
    return [file(`${model.module}.d.ts`, header, printStatements(declarationStatements(statements))), file(`${model.module}.js`, header, printStatements(scriptStatements(statements)))];
  });
  const sorted = [...models].sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
  const index = printStatements([{ kind: 'exportAll', from: './runtime.js' }, ...sorted.map((model): Statement => ({ kind: 'exportAll', from: `./${model.module}.js`, as: model.module }))]);
  files.push(file('index.d.ts', fileHeader(manifest.fileDisplay), index), file('index.js', fileHeader(manifest.fileDisplay), index));
  for (const name of DECLARATION_SUPPORT_MODULES) files.push(file(name, fileHeader(), declarationSupportSource(name)));
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
