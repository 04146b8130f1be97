/**
 * File skeletons are handlebars templates (`templates/*.hbs`), compiled with `noEscape` and
 * `strict`, and fed only `Code`: text made by the printer or the escapers. A template can
 * arrange code; it can never receive raw spec text, because `render` refuses any value that
 * is not `Code` (or a number or boolean).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';

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

/** The folder of the built-in templates and of the runtime source. */
export const TEMPLATES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'templates');

export type Templates = Record<TemplateName, (data: TemplateData) => string>;

let builtin: Templates | undefined;

/** The built-in templates, compiled once. */
export function builtinTemplates(): Templates {
  builtin ??= compileTemplates(Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, readFileSync(join(TEMPLATES_DIR, `${name}.hbs`), 'utf8')])) as Record<TemplateName, string>);
  return builtin;
}

/** Support modules copied into every output folder: real TypeScript, not templated. */
export const SUPPORT_MODULES = ['runtime.ts', 'validators.ts'] as const;

export function supportSource(name: (typeof SUPPORT_MODULES)[number]): string {
  return readFileSync(join(TEMPLATES_DIR, name), 'utf8');
}

export function compileTemplates(sources: Record<TemplateName, string>): Templates {
  const env = Handlebars.create();
  const compiled = {} as Templates;
  for (const name of TEMPLATE_NAMES) {
    const template = env.compile(sources[name], { noEscape: true, strict: true, knownHelpers: { each: true, if: true, unless: true }, knownHelpersOnly: true });
    compiled[name] = (data) => {
      assertEscaped(data, name);
      return template(data);
    };
  }
  return compiled;
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
