/**
 * File skeletons are handlebars templates (`templates/*.hbs`), compiled with `noEscape` and
 * `strict`, and fed only `Code`: text made by the printer or the escapers. A template can
 * arrange code; it can never receive raw spec text, because `render` refuses any value that
 * is not `Code` (or a number or boolean).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type HandlebarsCompiler from 'handlebars';
import { BUILTIN_TEMPLATE_SPECS } from './builtin-templates.js';
import { error, UserError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { printable, quoted } from '../diagnostics/printable.js';
import { PACKAGE_ROOT } from '../paths.js';
import { readOrRefuse } from '../load/read-document.js';

/** Code that is safe to place in a generated file as is. */
export class Code {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type TemplateData = Code | number | boolean | readonly TemplateData[] | { readonly [key: string]: TemplateData };

export const TEMPLATE_NAMES = ['provider', 'index', 'support'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** The folder of the built-in templates and of the runtime source (the package's templates/). */
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');

export type Templates = Record<TemplateName, (data: TemplateData) => string>;

let builtin: Templates | undefined;
/**
 * Handlebars' runtime, in its one-file build (the package has no `exports` map, so CommonJS
 * resolution reaches it): ~4 ms to load against ~13 ms for `handlebars/runtime`, which requires
 * a dozen files. Loaded with this module, so a missing dependency is reported at start-up
 * (bin/load-problem.js) and a run reads no package file.
 */
const handlebarsRuntime = createRequire(import.meta.url)('handlebars/dist/handlebars.runtime.js') as Pick<typeof HandlebarsCompiler, 'create'>;

/**
 * The built-in templates, from their precompiled form (src/emit/builtin-templates.ts, made by
 * scripts/precompile-templates.ts): handlebars' runtime alone runs them, so a run without
 * overrides never loads the compiler (~27 ms) nor compiles anything.
 */
export function builtinTemplates(): Templates {
  if (builtin === undefined) {
    const env = handlebarsRuntime.create();
    builtin = Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, checkedTemplate(env.template(BUILTIN_TEMPLATE_SPECS[name]), name, undefined)])) as Templates;
  }
  return builtin;
}

let compiler: typeof HandlebarsCompiler | undefined;

/** Handlebars' full compiler, loaded on first use: only overrides (and their checks) need it. */
function handlebarsCompiler(): typeof HandlebarsCompiler {
  compiler ??= createRequire(import.meta.url)('handlebars') as typeof HandlebarsCompiler;
  return compiler;
}

/** Support modules copied into every output folder: real TypeScript, not templated. */
export const SUPPORT_MODULES = ['runtime.ts', 'validators.ts'] as const;

/** The text of a support module (templates/), read once per process: every run writes it. */
export function supportSource(name: (typeof SUPPORT_MODULES)[number]): string {
  return packageFile(name);
}

/** The support modules of the `declarations` shape, compiled from the two above by scripts/declarations-support.ts. */
export const DECLARATION_SUPPORT_MODULES = ['runtime.d.ts', 'runtime.js', 'validators.d.ts', 'validators.js'] as const;

/** The text of a precompiled support module (templates/declarations/). */
export function declarationSupportSource(name: (typeof DECLARATION_SUPPORT_MODULES)[number]): string {
  return packageFile(`declarations/${name}`);
}

// The package's own files under templates/, by path: they never change while it runs, and a
// process generating many specs (the corpus, `generate --watch`) would otherwise read
// 100 KB per run (0.5 ms of the 3 ms a small spec costs).
const packageFiles = new Map<string, string>();

/** The text of a file of the package's templates/ folder (`path` relative to it, `/`-separated), read once per process. */
export function packageFile(path: string): string {
  let text = packageFiles.get(path);
  if (text === undefined) packageFiles.set(path, (text = readFileSync(join(TEMPLATES_DIR, path), 'utf8')));
  return text;
}

/** The helpers a template may use: handlebars' own block helpers, nothing else. */
export const TEMPLATE_HELPERS = ['each', 'if', 'unless'] as const;

/** The options of every template: no HTML escaping, unknown variables an error, only TEMPLATE_HELPERS. */
export const COMPILE_OPTIONS = {
  noEscape: true,
  strict: true,
  knownHelpers: Object.fromEntries(TEMPLATE_HELPERS.map((h) => [h, true])),
  knownHelpersOnly: true,
} as const;

/**
 * Compiles templates. `files` names the file each came from (for overrides), so that a
 * mistake (a syntax error, an unknown helper, an unknown variable) is reported there.
 */
export function compileTemplates(sources: Record<TemplateName, string>, files: Partial<Record<TemplateName, string>> = {}): Templates {
  const env = handlebarsCompiler().create();
  const compiled = {} as Templates;
  const problems: Diagnostic[] = [];
  for (const name of TEMPLATE_NAMES) {
    const file = files[name];
    let template: HandlebarsTemplateDelegate;
    const refused = file === undefined ? [] : helperProblems(sources[name], file);
    if (refused.length > 0) {
      problems.push(...refused);
      continue;
    }
    try {
      template = env.compile(sources[name], COMPILE_OPTIONS);
      // Compile now, not on first use, so every override's mistakes are found up front.
      env.precompile(sources[name], COMPILE_OPTIONS);
    } catch (e) {
      if (file === undefined) throw e;
      problems.push(templateError(file, e as Error));
      continue;
    }
    compiled[name] = checkedTemplate(template, name, file);
  }
  if (problems.length > 0) throw new UserError(problems);
  return compiled;
}

/** `template` refusing data that is not escaped code; an override's failure is located in its `file`. */
function checkedTemplate(template: HandlebarsTemplateDelegate, name: TemplateName, file: string | undefined): (data: TemplateData) => string {
  return (data) => {
    assertEscaped(data, name);
    try {
      return template(data);
    } catch (e) {
      if (file === undefined) throw e;
      throw new UserError(templateError(file, e as Error));
    }
  };
}

/** Built-in templates, with the files of `folder` (a manifest's `templates`) in their place. */
export function templatesWithOverrides(folder: string, display: string): Templates {
  const sources = Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, packageFile(`${name}.hbs`)])) as Record<TemplateName, string>;
  const files: Partial<Record<TemplateName, string>> = {};
  const problems: Diagnostic[] = [];
  for (const entry of readOrRefuse(() => readdirSync(folder), 'template-unreadable', `the templates folder ${quoted(display)}`, display).sort()) {
    const name = entry.replace(/\.hbs$/, '') as TemplateName;
    if (!entry.endsWith('.hbs')) continue;
    if (!(TEMPLATE_NAMES as readonly string[]).includes(name)) {
      problems.push(
        error('template-unknown', `${quoted(entry)} is not a template dify-toolgen uses`, {
          location: { file: `${display}/${entry}` },
          hint: `name overrides after the built-in templates: ${TEMPLATE_NAMES.map((n) => `${n}.hbs`).join(', ')}`,
        }),
      );
      continue;
    }
    sources[name] = readOrRefuse(() => readFileSync(join(folder, entry), 'utf8'), 'template-unreadable', `the template ${quoted(entry)}`, `${display}/${entry}`);
    files[name] = `${display}/${entry}`;
  }
  if (problems.length > 0) throw new UserError(problems);
  return compileTemplates(sources, files);
}

/** Handlebars' own helpers and the names it calls on a miss: none may be used but TEMPLATE_HELPERS. */
const BUILTIN_HELPERS = new Set(['blockHelperMissing', 'each', 'helperMissing', 'if', 'log', 'lookup', 'unless', 'with']);

type HbsNode = hbs.AST.Node & { loc: hbs.AST.SourceLocation };

/**
 * Every use of a helper a template may not use, at its file:line:column: a block other than
 * `each`/`if`/`unless`, a mustache with arguments (a helper call, e.g. `{{lookup modules 0}}`),
 * a built-in helper's name (`{{log}}`, `{{helperMissing}}`), a sub-expression, a partial or a
 * decorator. Read from the parsed template, so nothing reaches handlebars' runtime; a syntax
 * error is left to `compile`, which reports it.
 */
export function helperProblems(source: string, file: string): Diagnostic[] {
  let program: hbs.AST.Program;
  try {
    program = handlebarsCompiler().parse(source);
  } catch {
    return [];
  }
  const problems: Diagnostic[] = [];
  const refuse = (node: HbsNode, what: string) =>
    problems.push(
      error('template-error', `the template uses ${what}`, {
        location: { file, line: node.loc.start.line, column: node.loc.start.column + 1 },
        hint: `templates may use only ${TEMPLATE_HELPERS.join(', ')}, as blocks ({{#each list}}…{{/each}}), and the variables they receive (see "Templates" in the README)`,
      }),
    );
  const helper = (name: string | undefined) => `the ${name !== undefined && BUILTIN_HELPERS.has(name) ? '' : 'unknown '}helper ${quoted(name ?? 'a literal')}`;
  const visit = (node: hbs.AST.Node | undefined | null): void => {
    if (!node) return;
    const n = node as HbsNode & Partial<hbs.AST.BlockStatement>;
    const name = n.path && n.path.type === 'PathExpression' ? (n.path as hbs.AST.PathExpression).original : undefined;
    switch (node.type) {
      case 'BlockStatement':
        if (name === undefined || !(TEMPLATE_HELPERS as readonly string[]).includes(name)) refuse(n, `${helper(name)} as a block`);
        break;
      case 'MustacheStatement':
        if ((n.params?.length ?? 0) > 0 || (n.hash?.pairs.length ?? 0) > 0) refuse(n, helper(name));
        else if (name !== undefined && BUILTIN_HELPERS.has(name)) refuse(n, helper(name));
        break;
      case 'SubExpression':
        refuse(n, 'a sub-expression');
        break;
      case 'PartialStatement':
      case 'PartialBlockStatement':
        refuse(n, 'a partial');
        return;
      case 'Decorator':
      case 'DecoratorBlock':
        refuse(n, 'a decorator');
        return;
    }
    for (const param of n.params ?? []) visit(param);
    for (const pair of n.hash?.pairs ?? []) visit(pair.value);
    for (const child of (node as hbs.AST.Program).body ?? []) visit(child);
    visit(n.program);
    visit(n.inverse);
  };
  visit(program);
  return problems;
}

/** Handlebars ends its messages with ` - line:column`; that becomes the location. */
function templateError(file: string, e: Error): Diagnostic {
  const message = e.message.split('\n')[0] ?? e.message;
  const at = /(?: - |line )(\d+):(\d+)\s*$/.exec(message) ?? /on line (\d+)/.exec(e.message);
  const unknownHelper = /unknown helper (\S+)/.exec(message);
  const unknownVariable = /"([^"]+)" not defined in/.exec(message);
  const what = unknownHelper
    ? `the template uses the unknown helper ${quoted(unknownHelper[1]!)}`
    : unknownVariable
      ? `the template uses ${quoted(unknownVariable[1]!)}, which is neither a variable it receives nor a helper`
      : `the template cannot be compiled: ${printable(message.replace(/ - \d+:\d+\s*$/, ''), 200)}`;
  return error('template-error', what, {
    location: { file, ...(at ? { line: Number(at[1]), ...(at[2] ? { column: Number(at[2]) + 1 } : {}) } : {}) },
    hint: unknownHelper
      ? `templates may use only ${TEMPLATE_HELPERS.join(', ')}`
      : 'see "Templates" in the README for the data each template receives',
  });
}

/** Refuses anything but escaped code in template data. */
function assertEscaped(data: TemplateData, where: string): void {
  if (data instanceof Code || typeof data === 'number' || typeof data === 'boolean') return;
  if (Array.isArray(data)) {
    for (const item of data) assertEscaped(item, where);
    return;
  }
  if (typeof data === 'object' && data !== null && Object.getPrototypeOf(data) === Object.prototype) {
    for (const value of Object.values(data)) assertEscaped(value as TemplateData, where);
    return;
  }
  throw new Error(`template ${where} was given a value that is not escaped code (${typeof data})`);
}
