/**
 * What a reviewer met trying the packed tool as a new user: each finding, as the exact
 * message and location the user now gets.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleNameProblem, toModuleName } from '../../src/manifest/module-name.js';
import { assertDistinctNames } from '../../src/write/write-output.js';
import { cli, project, REPO } from './run.js';

const api = (name: string, spec = 'specs/petstore.yaml') => `  ${name}:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: ${spec}\n`;

/** Runs `generate` on a manifest; returns stderr and whether the output folder was created. */
async function generateWith(manifest: string, ...flags: string[]) {
  const dir = project(manifest);
  const run = await cli(dir, 'generate', ...flags);
  return { ...run, dir, wrote: existsSync(join(dir, 'generated')) ? readdirSync(join(dir, 'generated')).sort() : [] };
}

describe('module names that collide with what dify-toolgen writes itself', () => {
  it.each([
    ['a support module', 'validators', 'dify-tools.yaml:2:3: error [manifest-module-name] the provider name "validators" is taken by a file dify-toolgen writes itself (index, runtime, validators, in any case)'],
    ['a support module in another case', 'Runtime', 'dify-tools.yaml:2:3: error [manifest-module-name] the provider name "Runtime" is taken by a file dify-toolgen writes itself (index, runtime, validators, in any case)'],
    ['a runtime function index.ts re-exports', 'configure', `dify-tools.yaml:2:3: error [manifest-module-name] the provider name "configure" is exported by the runtime, which index.ts re-exports: the provider's namespace would shadow it`],
    ['a runtime class index.ts re-exports', 'ToolCall', `dify-tools.yaml:2:3: error [manifest-module-name] the provider name "ToolCall" is exported by the runtime, which index.ts re-exports: the provider's namespace would shadow it`],
    ['a name that does not start with a letter', '_2fa', 'dify-tools.yaml:2:3: error [manifest-module-name] the provider name "_2fa" cannot be a module name: a module name is a letter, then letters, digits or _ (at most 64 characters)'],
  ])('%s: %s is refused, located, and nothing is written', async (_what, name, want) => {
    const run = await generateWith(`providers:\n${api(name)}`);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').slice(0, 2)).toEqual([want, '  fix:  rename the provider key: it becomes generated/<name>.ts and the name index.ts exports it under']);
    expect(run.wrote).toEqual([]);
  });

  it('the writer refuses two output files of one name (any case) before writing anything', () => {
    expect(() => assertDistinctNames([{ name: 'a.ts', content: '' }, { name: 'validators.ts', content: '' }, { name: 'Validators.ts', content: '' }])).toThrow(
      'two generated files are named "Validators.ts" (ignoring case); nothing was written',
    );
    expect(() => assertDistinctNames([{ name: 'a.ts', content: '' }, { name: 'b.ts', content: '' }])).not.toThrow();
  });
});

describe('`output` that is not a folder', () => {
  it.each([
    ['an existing file', 'dify-tools.yaml', 'dify-tools.yaml:1:9: error [manifest-output-not-folder] the output path "dify-tools.yaml" is a file, not a folder'],
    ['a folder below a file', 'specs/petstore.yaml/out', 'dify-tools.yaml:1:9: error [manifest-output-not-folder] the output path "specs/petstore.yaml/out" goes through "specs/petstore.yaml", which is a file, not a folder'],
  ])('%s is a located manifest error', async (_what, output, want) => {
    const dir = project(`output: ${output}\nproviders:\n${api('petstore')}`);
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(want);
  });
});

describe('init derives module names by the rule the manifest checks', () => {
  it.each([
    ['index', 'index_'],
    ['2fa', 'p2fa'],
    ['validators', 'validators_'],
    ['configure', 'configure_'],
    ['my-api.v2', 'myApiV2'],
    ['delete', 'delete_'],
  ])('%s → %s, which passes moduleNameProblem', (stem, want) => {
    expect(toModuleName(stem)).toBe(want);
    expect(moduleNameProblem(want)).toBeUndefined();
  });

  it('writes a manifest generate accepts, with a spec Dify refuses commented out and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-'));
    mkdirSync(join(dir, 'specs'));
    cpSync(join(REPO, 'specs', 'petstore.yaml'), join(dir, 'specs', 'index.yaml'));
    cpSync(join(REPO, 'specs', 'petstore.yaml'), join(dir, 'specs', '2fa.yaml'));
    writeFileSync(join(dir, 'specs', 'old.yaml'), 'swagger: "2.0"\ninfo: {title: t, version: "1"}\npaths: {}\n');
    cpSync(join(REPO, 'specs', 'petstore.yaml'), join(dir, 'specs', 'petStore.yaml'));
    cpSync(join(REPO, 'specs', 'petstore.yaml'), join(dir, 'specs', 'petstore.yaml'));
    expect((await cli(dir, 'init')).code).toBe(0);
    const manifest = readFileSync(join(dir, 'dify-tools.yaml'), 'utf8');
    expect(manifest.split('\n').filter((line) => /^ {2}\S/.test(line))).toEqual([
      '  p2fa:',
      '  index_:',
      "  # Dify refuses specs/old.yaml, so it is left out: specs/old.yaml:1:1: the document has no `servers`. Dify refuses this schema: its parser raises KeyError: 'servers'. Fix: add a `servers` entry with the API base URL, e.g. servers: [{url: https://api.example.com}].",
      '  # Fix the spec, then uncomment:',
      '  # old:',
      '  #   type: api',
      "  #   id: 00000000-0000-0000-0000-000000000000   # TODO: the API tool provider's id in Dify",
      '  #   spec: "specs/old.yaml"',
      '  petStore:',
      '  petstore2:',
    ]);
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, 'generated')).sort()).toEqual(['index.ts', 'index_.ts', 'p2fa.ts', 'petStore.ts', 'petstore2.ts', 'runtime.ts', 'validators.ts']);
  });
});

describe('a workflow variable whose default fails Dify’s input check', () => {
  it('is typed as required; one with a good default stays optional', async () => {
    const variable = (name: string, rest: string) => `      - {variable: ${name}, label: L, type: select, required: false, options: [a, b]${rest}}\n`;
    const run = await generateWith(
      `providers:\n  flow:\n    type: workflow\n    id: 3a9c1f0e-5b7d-4e2a-8c6f-1d0b9e8a7c65\n    tool: flow\n    parameters:\n${variable('empty', ", default: ''")}${variable('other', ', default: c')}${variable('good', ', default: a')}${variable('none', '')}      - {variable: count, label: L, type: number, required: false, default: lots}\n`,
    );
    expect(run.code).toBe(0);
    const module = readFileSync(join(run.dir, 'generated', 'flow.ts'), 'utf8');
    expect(module.match(/^ {2}(empty|other|good|none|count)\??:(?= [^v])/gm)).toEqual(['  empty:', '  other:', '  good?:', '  none?:', '  count:']);
  });
});

describe('generate --strict with warnings only', () => {
  it.each([
    // The placeholder id, and the four things the example spec cannot send as meant.
    ['text', [] as string[], 'error [strict-warnings] --strict treats the 5 warnings above as errors: nothing was written'],
    ['--json', ['--json'], '--strict treats the 5 warnings above as errors: nothing was written'],
  ])('(%s) fails and writes nothing', async (_name, flags, want) => {
    const run = await generateWith(`providers:\n${api('petstore').replace('6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10', '00000000-0000-0000-0000-000000000000')}`, '--strict', ...flags);
    expect(run.code).toBe(1);
    expect(run.wrote).toEqual([]);
    expect(run.stderr + run.stdout).toContain(want);
    expect(run.stderr + run.stdout).toContain('manifest-placeholder');
  });
});

describe('diagnostics about a tool left out with `tools:`', () => {
  const spec = [
    'openapi: 3.0.3',
    'info: {title: t, version: "1"}',
    'servers: [{url: "https://x"}]',
    'paths:',
    '  /a:',
    '    get: {operationId: a, responses: {"200": {description: ok}}}',
    '    options: {operationId: b, responses: {"200": {description: ok}}}',
    '',
  ].join('\n');
  it.each([
    ['every tool', '', ['spec.yaml:7:5: warning [uninvocable-method] tool "b" uses the method OPTIONS, which Dify cannot invoke'], 1],
    ['tools: [a]', '    tools: [a]\n', [], 0],
    ['tools: [b]', '    tools: [b]\n', ['spec.yaml:7:5: warning [uninvocable-method] tool "b" uses the method OPTIONS, which Dify cannot invoke'], 1],
  ])('%s: only selected tools are reported on', async (_name, tools, want, strictExit) => {
    const dir = project(`providers:\n${api('p', 'spec.yaml')}${tools}`);
    writeFileSync(join(dir, 'spec.yaml'), spec);
    const run = await cli(dir, 'generate', '--strict');
    expect(run.stderr.split('\n').filter((line) => / (warning|error) \[(?!strict)/.test(line))).toEqual(want);
    expect(run.code).toBe(strictExit);
  });
});

describe('check --json on a stale file', () => {
  it('carries the diff with real newlines; other control characters stay escaped', async () => {
    const dir = project(`providers:\n${api('petstore')}`);
    await cli(dir, 'generate');
    const file = join(dir, 'generated', 'petstore.ts');
    // A lone CR: a CRLF line ending is compared without its CR (test/cli/user-paths.test.ts).
    writeFileSync(file, readFileSync(file, 'utf8').replace('export const provider', '// edi\rted\nexport const provider'));
    const run = await cli(dir, 'check', '--json');
    expect(run.code).toBe(1);
    const [stale] = (JSON.parse(run.stdout) as { diagnostics: Array<{ code: string; message: string }> }).diagnostics;
    expect(stale!.code).toBe('output-stale');
    expect(stale!.message.split('\n').filter((line) => /^ {4}[-+] /.test(line))).toEqual(['    - // edi\\u{000d}ted']);
  });
});

describe('locations', () => {
  it('a YAML date used as a property name is reported at the key', async () => {
    const dir = project('providers: {}\n');
    writeFileSync(
      join(dir, 'spec.yaml'),
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: "https://x"}]\npaths:\n  /a:\n    post:\n      operationId: a\n      requestBody:\n        content:\n          application/json:\n            schema:\n              properties:\n                2024-01-01: {type: string}\n',
    );
    const run = await cli(dir, 'list', 'spec.yaml');
    expect(run.stdout.split('\n')[0]).toBe(
      'spec.yaml:13:17: error [not-a-string] Dify requires a property name to be a string, but it is the date 2024-01-01 (YAML reads an unquoted date as a datetime.date)',
    );
  });

  it.each([
    ['a provider module', 'petstore.ts', 'move or rename the file, or rename the provider in the manifest (the provider key is the file name)'],
    ['the index', 'index.ts', 'dify-toolgen writes index.ts itself in every output folder: move the file away, or point `output` at a folder of its own'],
  ])('a hand-written %s in the output folder: the display path, line 1 and a fitting hint', async (_what, name, hint) => {
    const dir = project(`providers:\n${api('petstore')}`);
    mkdirSync(join(dir, 'generated'));
    writeFileSync(join(dir, 'generated', name), '// mine\nexport const x = 1;\n');
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `generated/${name}:1:1: error [output-not-generated] refusing to overwrite "${name}": it was not generated by dify-toolgen (its first line is not the generated header)\n` +
        '      1 | // mine\n' +
        `  fix:  ${hint}\n`,
    );
  });
});

describe('manifest mistakes zod reports in its own words', () => {
  const builtin = (parameter: string) => `providers:\n  search:\n    type: builtin\n    id: acme/search/search\n    tools:\n      find:\n        parameters:\n          - ${parameter}\n`;
  it.each([
    ['a misspelt type value', `providers:\n${api('petstore').replace('type: api', 'type: workflw')}`, ['dify-tools.yaml:3:11: error [manifest-provider-type] the provider "petstore" has the unknown type "workflw"', '  fix:  did you mean "workflow"? a provider is `type: api` (an OpenAPI spec), `type: builtin` (a plugin) or `type: workflow` (a published workflow)']],
    ['a misspelt type key', `providers:\n${api('petstore').replace('type: api', 'typ: api')}`, ['dify-tools.yaml:3:5: error [manifest-provider-type] the provider "petstore" has no `type`', '  fix:  did you mean `type` for "typ"? a provider is `type: api` (an OpenAPI spec), `type: builtin` (a plugin) or `type: workflow` (a published workflow)']],
    ['an empty tool name', `providers:\n${api('petstore')}    tools: [""]\n`, ['dify-tools.yaml:6:13: error [manifest-empty] an empty text at providers.petstore.tools.0', '  fix:  write a tool name (run `dify-toolgen list <spec>` to see them), or remove the empty entry']],
    ['an empty tools list', `providers:\n${api('petstore')}    tools: []\n`, ['dify-tools.yaml:6:12: error [manifest-empty] `tools` is an empty list at providers.petstore.tools', '  fix:  list the tools to wrap, or remove `tools` to wrap every tool']],
    ['an unknown key in an inline parameter', builtin('{name: q, type: string, form: llm, requird: true}'), ['dify-tools.yaml:8:48: error [manifest-unknown-key] unknown key "requird" in parameters[0] of the inline tool "find"', "  fix:  did you mean \"required\"? a parameter has the keys of a tool YAML's parameters: name, label, human_description, type, scope, form, llm_description, required, auto_generate, template, default, min, max, multiple, precision, options"]],
  ])('%s', async (_name, manifest, want) => {
    const run = await generateWith(manifest);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => !/^ +\d+ \| /.test(line))).toEqual([...want, '']);
  });
});

describe('a broken tool file selected in `tools:`', () => {
  it('reports the file’s own error only, not also "no tool named"', async () => {
    const dir = project('providers:\n  google:\n    type: builtin\n    id: langgenius/google/google\n    plugin: specs/plugins/google\n    tools: [dupkey]\n');
    const plugin = join(dir, 'specs', 'plugins', 'google');
    writeFileSync(join(plugin, 'tools', 'dupkey.yaml'), 'identity:\n  name: dupkey\n  name: again\n');
    writeFileSync(join(plugin, 'provider', 'google.yaml'), readFileSync(join(plugin, 'provider', 'google.yaml'), 'utf8').replace('  - tools/google_image_search.yaml\n', '  - tools/google_image_search.yaml\n  - tools/dupkey.yaml\n'));
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => / error \[/.test(line))).toHaveLength(1);
    expect(run.stderr).not.toContain('no tool named');
    expect(run.stderr).toMatch(/^specs\/plugins\/google\/tools\/dupkey\.yaml:3:3: error \[/);
  });
});

describe('plain messages for paths and arguments', () => {
  const GENERATE_USAGE = "usage: dify-toolgen generate [--manifest <file>] [--json] [--strict] [--watch] [--allow-file-refs] [--max-* <n>] [--target <t>]; run 'dify-toolgen generate --help' for every option";
  it.each([
    ['a misspelt option', ['generate', '--manifst', 'x.yaml'], 'stderr', ['error [bad-arguments] unknown option "--manifst" (did you mean "--manifest"?)', `  fix:  ${GENERATE_USAGE}`]],
    ['an option without its value', ['generate', '--manifest'], 'stderr', ['error [bad-arguments] the option "--manifest" needs a value', `  fix:  ${GENERATE_USAGE}`]],
    ['a flag given a value', ['generate', '--json=1'], 'stderr', ['error [bad-arguments] the option "--json" takes no value', `  fix:  ${GENERATE_USAGE}`]],
    ['a value that starts with a dash', ['generate', '--manifest', '-x.yaml'], 'stderr', ['error [bad-arguments] the option "--manifest" needs a value; write one that starts with "-" as --manifest=<value>', `  fix:  ${GENERATE_USAGE}`]],
    [
      '--json with --watch (a watch never ends with one report; the refusal is JSON, as --json asks)',
      ['generate', '--watch', '--json'],
      'stdout',
      ['{"ok":false,"diagnostics":[{"code":"bad-arguments","severity":"error","message":"--json does not go with --watch","hint":"drop --json to watch, or run dify-toolgen generate --json once for a JSON report"}]}'],
    ],
    ['--watch with check', ['check', '--watch'], 'stderr', ['error [bad-arguments] --watch goes with generate', '  fix:  dify-toolgen generate --watch']],
    ['a limit that is not a number', ['list', '--max-bytes', 'abc', 'x.yaml'], 'stderr', ['error [bad-arguments] --max-bytes takes a positive whole number, not "abc"', '  fix:  write a number of bytes, e.g. --max-bytes 134217728 (the default is 67108864)']],
    ['list given a folder', ['list', 'specs'], 'stdout', ['specs: error [spec-unreadable] cannot read the spec: it is a folder, not a file', '  fix:  name the spec file inside the folder']],
  ])('%s', async (_name, argv, stream, want) => {
    const dir = project(`providers:\n${api('petstore')}`);
    const run = await cli(dir, ...argv);
    expect(run.code).toBe(1);
    expect(run[stream as 'stdout' | 'stderr'].split('\n').filter((line) => line !== '')).toEqual(want);
  });

  it.each([
    ['a folder as spec', `providers:\n${api('petstore', 'specs/plugins')}`, 'dify-tools.yaml', 'dify-tools.yaml:5:11: error [manifest-missing-file] the spec "specs/plugins" is a folder, not a file'],
    ['a JSON manifest with a syntax error', '{"providers": {\n  "a": }\n', 'dify-tools.json', 'dify-tools.json:3:1: error [manifest-syntax] the manifest is not valid JSON: Flow map must end with a }'],
  ])('%s', async (_name, manifest, file, want) => {
    const dir = project('');
    rmSync(join(dir, 'dify-tools.yaml'));
    writeFileSync(join(dir, file), manifest);
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(want);
  });

  it.each([
    ['generate', ['--strict', '--allow-file-refs', '--max-* <n>']],
    ['check', ['--strict', '--allow-file-refs', '--max-* <n>']],
    ['list', ['--json', '--validate', '--max-* <n>']],
  ])('%s --help: the usage line names every option', async (command, options) => {
    const usage = (await cli(REPO, command, '--help')).stdout.split('\n')[0]!;
    for (const option of options) expect(usage).toContain(option);
  });

  it('--help names --version', async () => {
    expect((await cli(REPO, '--help')).stdout).toContain('  -v, --version     print the version\n');
  });
});
