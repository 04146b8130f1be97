/**
 * Emits the files of the TypeScript output folder from the tool model: one module per
 * provider (its names planned by `typescript/module-plan.ts`), the index, the runtime.
 * Statements are built as structures, printed by the one printer, and placed into the
 * templates as `Code`, one group at a time: a module's builder yields a group (a named type
 * with its validator, a tool's parameters, validator and wrapper, …), the emitter prints it
 * and drops its trees before asking for the next, and decides the imports last from what
 * it printed.
 */
import type { ResolvedManifest } from '../manifest/load-manifest.js';
import type { ProviderModel } from '../model/tool-model.js';
import type { OutputFile } from '../write/write-output.js';
import { GENERATED_MARKER } from '../write/write-output.js';
import { commentLines } from './escape.js';
import { apiModuleGroups, groupDefinesValidator, groupStatements, moduleImports, type ModuleGroup } from './typescript/api-module.js';
import { planTypeScriptModule, type TypeScriptModulePlan } from './typescript/module-plan.js';
import { sourceModuleGroups } from './typescript/source-module.js';
import { printStatement, printStatements, StatementText } from './typescript/print.js';
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

/** Statements as code for a template slot: printed as `printStatements` prints them, without the final newline (and no copy of the text to drop it). */
function printedCode(statements: readonly Statement[]): Code {
  const text = new StatementText();
  text.add(statements);
  return new Code(text.body());
}

/**
 * The pieces of a module, for the built-in `provider` template: each piece of code goes into
 * the template as a mark (`\0<n>\0`), and the filled template is cut at the marks and each
 * put back, so the module is its pieces in order (`OutputFile.chunks`) and a string joined
 * from them lazily, never one flat copy (see `OutputFile.chunks`). Exact for the built-in
 * templates: they place values as they are (no helpers but each/if/unless) and hold no NUL.
 */
export class ModulePieces {
  private readonly texts: string[] = [];

  /** A mark standing for `code` in the template. */
  mark(code: Code): Code {
    this.texts.push(code.text);
    return new Code(`\0${this.texts.length - 1}\0`);
  }

  /** The filled template with every mark replaced: the module's text and its pieces. */
  file(name: string, filled: string): OutputFile {
    const chunks = filled.split('\0').map((part, i) => (i % 2 === 0 ? part : this.texts[Number(part)]!)).filter((part) => part !== '');
    let content = '';
    for (const chunk of chunks) content += chunk;
    return { name, content, chunks };
  }
}

/**
 * The statement groups of a provider's module, by provider kind: a generator builds each
 * group when the emitter asks for the next, and the emitter prints it at once, so only one
 * group's trees are alive at a time (docs/performance.md, "Sixth pass: streaming emit").
 */
const BUILDERS: Record<ProviderModel['kind'], (plan: TypeScriptModulePlan) => Iterable<ModuleGroup>> = {
  api: apiModuleGroups,
  builtin: sourceModuleGroups,
  workflow: sourceModuleGroups,
};

/**
 * What a module's emitter learns from its groups as it prints them: whether any defines a
 * validator (the imports then add the registry) and how many tools it has (a module without
 * tools has no imports and no `requests`).
 */
class ModuleFacts {
  hasValidators = false;
  tools = 0;

  /** Records what `group` needs; false for a group the module leaves out (`requests` without tools). */
  note(group: ModuleGroup): boolean {
    this.hasValidators ||= groupDefinesValidator(group);
    if (group.section === 'tool') this.tools += 1;
    return group.section !== 'requests' || this.tools > 0;
  }

  /** The module's imports, decided from every group: none without tools. */
  imports(): Statement[] {
    return this.tools > 0 ? moduleImports(this.hasValidators) : [];
  }
}

/**
 * A provider's `.ts` module: the `provider` template filled with each group's code, printed
 * as the builder yields it; the imports last, from what was printed. With the built-in
 * templates, the file carries its pieces (`ModulePieces`).
 */
function providerModule(model: ProviderModel, templates: Templates): OutputFile {
  const pieces = templates === builtinTemplates() ? new ModulePieces() : undefined;
  const code = (statements: readonly Statement[]): Code => (pieces ? pieces.mark(printedCode(statements)) : printedCode(statements));
  const facts = new ModuleFacts();
  const types: Code[] = [];
  const tools: Array<Record<'params' | 'schema' | 'wrapper', Code>> = [];
  const single: Partial<Record<'provider' | 'metadata' | 'requests', Code>> = {};
  for (const group of BUILDERS[model.kind](planTypeScriptModule(model))) {
    if (!facts.note(group)) continue;
    if (group.section === 'tool') tools.push({ params: code([group.params]), schema: code([group.schema]), wrapper: code([group.wrapper]) });
    else if (group.section === 'type') types.push(code(groupStatements(group)));
    else single[group.section] = code([group.statement]);
  }
  const imports = facts.imports();
  const header = fileHeader(model.sourceDisplay);
  const filled = templates.provider({
    header: pieces ? pieces.mark(header) : header,
    imports: imports.length > 0 ? code(imports) : false,
    provider: single.provider!,
    types,
    tools,
    metadata: single.metadata!,
    requests: single.requests ?? false,
  });
  const name = `${model.module}.ts`;
  return pieces ? pieces.file(name, filled) : { name, content: filled };
}

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
  const files: OutputFile[] = models.map((model) => providerModule(model, templates));
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

/**
 * A provider's module in the `declarations` shape: its `.d.ts` and `.js` bodies, each group
 * printed into both as the builder yields it, a blank line before each (as the `provider`
 * template spaces them); the imports last, placed before both bodies.
 */
function declarationModule(model: ProviderModel): { declarations: string; script: string } {
  const facts = new ModuleFacts();
  const declarations = new StatementText();
  const script = new StatementText();
  for (const group of BUILDERS[model.kind](planTypeScriptModule(model))) {
    if (!facts.note(group)) continue;
    const statements: Statement[] = [{ kind: 'blank' }, ...groupStatements(group)];
    declarations.add(declarationStatements(statements));
    script.add(scriptStatements(statements));
  }
  const imports = facts.imports();
  return { declarations: afterImports(printStatements(declarationStatements(imports)), declarations.done()), script: afterImports(printStatements(scriptStatements(imports)), script.done()) };
}

/** A body after its imports, a blank line between (as `printStatements` lays out imports, a blank, the body). */
function afterImports(imports: string, body: string): string {
  return imports === '' ? body : body === '' ? imports : `${imports}\n${body}`;
}

/**
 * The `declarations` shape (see typescript/declarations.ts): per provider a `.d.ts` and a
 * `.js` made from the module's statements, the index as both, and the support modules
 * precompiled in templates/declarations/ (scripts/declarations-support.ts).
 */
function emitDeclarationFiles(manifest: Pick<ResolvedManifest, 'fileDisplay'>, models: readonly ProviderModel[]): OutputFile[] {
  const file = (name: string, header: Code, body: string): OutputFile => ({ name, content: `${header.text}\n\n${body}` });
  const files: OutputFile[] = models.flatMap((model) => {
    const { declarations, script } = declarationModule(model);
    const header = fileHeader(model.sourceDisplay);
    return [file(`${model.module}.d.ts`, header, declarations), file(`${model.module}.js`, header, script)];
  });
  const sorted = [...models].sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
  const index = printStatements([{ kind: 'exportAll', from: './runtime.js' }, ...sorted.map((model): Statement => ({ kind: 'exportAll', from: `./${model.module}.js`, as: model.module }))]);
  files.push(file('index.d.ts', fileHeader(manifest.fileDisplay), index), file('index.js', fileHeader(manifest.fileDisplay), index));
  for (const name of DECLARATION_SUPPORT_MODULES) files.push(file(name, fileHeader(), declarationSupportSource(name)));
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
