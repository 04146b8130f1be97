/** Template overrides: a `templates:` folder replaces built-in skeletons by file name. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE_MANIFEST, project, REPO } from './run.js';

const BUILTIN_PROVIDER = readFileSync(join(REPO, 'templates', 'provider.hbs'), 'utf8');

function withTemplates(files: Record<string, string>): string {
  const dir = project(`templates: my-templates\n${EXAMPLE_MANIFEST}`);
  mkdirSync(join(dir, 'my-templates'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'my-templates', name), text);
  return dir;
}

describe('template overrides', () => {
  it('replace the built-in template of the same name, and check stays true to them', async () => {
    const banner = '// Wrappers for the ACME plugin.\n';
    const dir = withTemplates({ 'provider.hbs': BUILTIN_PROVIDER.replace('{{{header}}}\n', `{{{header}}}\n${banner}`) });
    const run = await cli(dir, 'generate');
    // Only the example spec's own warnings (what Dify cannot send as meant), no template error.
    expect(run.stderr.match(/\[[\w-]+\]/g)).toEqual(['[untyped-property-null]', '[ref-property-as-text]', '[body-form-encoded]', '[binary-from-plugin]']);
    const petstore = readFileSync(join(dir, 'generated', 'petstore.ts'), 'utf8');
    expect(petstore).toContain(`run \`dify-toolgen generate\`.\n${banner}\nimport * as runtime`);
    expect(readFileSync(join(dir, 'generated', 'index.ts'), 'utf8')).not.toContain(banner);
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  it.each([
    ['an unknown helper', { 'provider.hbs': '{{{header}}}\n{{shout header}}\n' }, 'my-templates/provider.hbs:2:1: error [template-error] the template uses the unknown helper "shout"\n', 'templates may use only each, if, unless'],
    ['an unknown block', { 'provider.hbs': '{{{header}}}\n{{#shout}}x{{/shout}}\n' }, 'my-templates/provider.hbs:2:1: error [template-error] the template uses the unknown helper "shout" as a block', 'see "Templates" in the README'],
    ['lookup', { 'index.hbs': '{{{header}}}\n{{lookup modules 0}}\n' }, 'my-templates/index.hbs:2:1: error [template-error] the template uses the helper "lookup"\n', 'templates may use only each, if, unless, as blocks'],
    ['with', { 'support.hbs': '{{{header}}}\n  {{#with header}}{{{this}}}{{/with}}\n' }, 'my-templates/support.hbs:2:3: error [template-error] the template uses the helper "with" as a block\n', 'templates may use only each, if, unless'],
    ['log', { 'provider.hbs': '{{{header}}}\n{{#each tools}}{{log "hi"}}{{/each}}\n' }, 'my-templates/provider.hbs:2:16: error [template-error] the template uses the helper "log"\n', 'templates may use only each, if, unless'],
    ['helperMissing', { 'index.hbs': '{{{header}}}\n\n{{helperMissing}}\n' }, 'my-templates/index.hbs:3:1: error [template-error] the template uses the helper "helperMissing"\n', 'templates may use only each, if, unless'],
    ['a sub-expression', { 'index.hbs': '{{{header}}}\n{{#if (lookup modules 0)}}x{{/if}}\n' }, 'my-templates/index.hbs:2:7: error [template-error] the template uses a sub-expression\n', 'templates may use only each, if, unless'],
    ['a partial', { 'index.hbs': '{{{header}}}\n{{> footer}}\n' }, 'my-templates/index.hbs:2:1: error [template-error] the template uses a partial\n', 'templates may use only each, if, unless'],
    ['an unknown variable', { 'index.hbs': '{{{header}}}\n\n{{{footer}}}\n' }, 'my-templates/index.hbs:3:4: error [template-error] the template uses "footer", which is neither a variable it receives nor a helper', 'see "Templates" in the README'],
    ['a syntax error', { 'support.hbs': '{{{header}}\n' }, 'my-templates/support.hbs', 'error [template-error] the template cannot be compiled'],
    ['a file that is not a template', { 'module.hbs': '{{{header}}}\n' }, 'my-templates/module.hbs: error [template-unknown] "module.hbs" is not a template dify-toolgen uses', 'provider.hbs, index.hbs, support.hbs'],
  ])('%s is an error with its file and line', async (_name, files, location, hint) => {
    const dir = withTemplates(files);
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(location);
    expect(run.stderr).toContain(hint);
  });
});
