/** The built-in templates: precompiled at build time, run by handlebars' runtime alone, as strict as a compiled one. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES_MODULE, builtinTemplatesModule } from '../../scripts/precompile-templates.js';
import { builtinTemplates, Code, compileTemplates, TEMPLATE_NAMES, TEMPLATES_DIR, type TemplateData, type TemplateName } from '../../src/emit/templates.js';

const REPO = join(import.meta.dirname, '..', '..');
const SOURCES = Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, readFileSync(join(TEMPLATES_DIR, `${name}.hbs`), 'utf8')])) as Record<TemplateName, string>;

describe('the precompiled built-in templates', () => {
  it('are what scripts/precompile-templates.ts makes of templates/*.hbs (run it after changing a template)', () => {
    expect(readFileSync(BUILTIN_TEMPLATES_MODULE, 'utf8')).toBe(builtinTemplatesModule());
  });

  const header = new Code('// header');
  it.each<[string, { name: TemplateName; data: TemplateData; want: string }]>([
    ['index, two modules', { name: 'index', data: { header, modules: [new Code('export * as a from "./a.js";'), new Code('export * as b from "./b.js";')] }, want: '// header\n\nexport * from "./runtime.js";\nexport * as a from "./a.js";\nexport * as b from "./b.js";\n' }],
    ['index, no module', { name: 'index', data: { header, modules: [] }, want: '// header\n\nexport * from "./runtime.js";\n' }],
    ['support', { name: 'support', data: { header, source: new Code('export const x = 1;\n') }, want: '// header\n\nexport const x = 1;\n\n' }],
  ])('render as the compiled .hbs does: %s', (_, { name, data, want }) => {
    expect(builtinTemplates()[name](data)).toBe(want);
    expect(compileTemplates(SOURCES)[name](data)).toBe(want);
  });

  it.each<[string, { name: TemplateName; data: TemplateData; want: RegExp }]>([
    ['a missing variable (strict)', { name: 'support', data: { header: new Code('') }, want: /"source" not defined in \[object Object\] - 3:3$/ }],
    ['a value that is not escaped code', { name: 'index', data: { header: 'raw' as unknown as Code, modules: [] }, want: /template index was given a value that is not escaped code \(string\)/ }],
  ])('refuse %s', (_, { name, data, want }) => {
    expect(() => builtinTemplates()[name](data)).toThrow(want);
  });

  it('load only handlebars’ runtime, never its compiler', () => {
    const script = [
      "const { builtinTemplates, Code } = await import('./dist/emit/templates.js');",
      "builtinTemplates().support({ header: new Code('// h'), source: new Code('x') });",
      "const { createRequire } = await import('node:module');",
      'const require = createRequire(import.meta.url);',
      "const loaded = (id) => require.resolve(id) in require.cache;",
      "console.log(JSON.stringify({ runtime: loaded('handlebars/dist/handlebars.runtime.js'), compiler: loaded('handlebars') }));",
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ runtime: true, compiler: false });
  });
});
