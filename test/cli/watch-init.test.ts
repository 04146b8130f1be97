/** generate --watch (edits regenerate; a broken edit keeps the watcher alive) and init. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { hasTopLevelJsonKey } from '../../src/commands/init.js';
import { watchTargets } from '../../src/commands/watch.js';
import { cli, EXAMPLE_MANIFEST, project, REPO, until } from './run.js';

describe('generate --watch', () => {
  it('regenerates on an edit, reports a broken edit and keeps watching, stops on abort', async () => {
    const dir = project(EXAMPLE_MANIFEST);
    const spec = join(dir, 'specs', 'petstore.yaml');
    const original = readFileSync(spec, 'utf8');
    let stdout = '';
    let stderr = '';
    const controller = new AbortController();
    let exit: number | undefined;
    const running = runCli(['generate', '--watch'], { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), signal: controller.signal }).then((code) => (exit = code));
    await until(() => stdout.includes('watching 3 inputs'), 'the first run');
    const petstore = () => readFileSync(join(dir, 'generated', 'petstore.ts'), 'utf8');
    expect(petstore()).toContain('"listPets"');

    writeFileSync(spec, original.replace('operationId: listPets', 'operationId: listAllPets'));
    await until(() => petstore().includes('"listAllPets"'), 'the regenerated module');

    writeFileSync(spec, original.replace(/servers:\n  - url: .*\n/, ''));
    await until(() => stderr.includes('error [no-servers]'), 'the diagnostics of the broken edit');
    expect(stdout).toContain('dify-toolgen: not generated (see above); watching for changes');
    expect(exit).toBeUndefined();
    expect(petstore()).toContain('"listAllPets"');

    writeFileSync(spec, original);
    await until(() => petstore().includes('"listPets"'), 'the module after the fix');

    controller.abort();
    await running;
    expect(exit).toBe(0);
    expect(stdout).toMatch(/dify-toolgen: stopped watching\n$/);
  }, 60_000);
});

describe('generate --watch, an input deleted and made again', () => {
  it('regenerates from the new file (git checkout, or an editor that deletes and writes)', async () => {
    const dir = project(EXAMPLE_MANIFEST);
    const spec = join(dir, 'specs', 'petstore.yaml');
    const original = readFileSync(spec, 'utf8');
    let stdout = '';
    const controller = new AbortController();
    const running = runCli(['generate', '--watch'], { cwd: dir, stdout: (t) => (stdout += t), stderr: () => undefined, signal: controller.signal });
    await until(() => stdout.includes('watching 3 inputs'), 'the first run');
    const petstore = () => readFileSync(join(dir, 'generated', 'petstore.ts'), 'utf8');

    rmSync(spec);
    await until(() => stdout.includes('not generated (see above)'), 'the run without the spec');
    writeFileSync(spec, original.replace('operationId: listPets', 'operationId: listAllPets'));
    await until(() => petstore().includes('"listAllPets"'), 'the module from the spec made again');
    writeFileSync(spec, original);
    await until(() => petstore().includes('"listPets"'), 'the module after a later edit');

    // The manifest itself, deleted and made again.
    const manifest = readFileSync(join(dir, 'dify-tools.yaml'), 'utf8');
    const runs = stdout.split('\n').length;
    rmSync(join(dir, 'dify-tools.yaml'));
    await until(() => stdout.split('\n').length > runs, 'the run without the manifest');
    writeFileSync(join(dir, 'dify-tools.yaml'), manifest.replace('output: generated', 'output: generated2'));
    await until(() => existsSync(join(dir, 'generated2', 'petstore.ts')), 'the module from the manifest made again');

    controller.abort();
    expect(await running).toBe(0);
  }, 60_000);
});

describe('generate --watch started on a broken spec', () => {
  const CLEAN = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\nservers: [{url: https://api.example.com}]\npaths:\n  /a:\n    get: {operationId: getA, responses: {}}\n';
  it.each([
    ['a spec Dify refuses', [] as string[], CLEAN.replace('servers: [{url: https://api.example.com}]\n', '')],
    ['--strict and a warning', ['--strict'], CLEAN.replace('responses: {}}\n', 'responses: {}}\n    options: {operationId: probeA, responses: {}}\n')],
  ])('%s: watches the spec the manifest names, and regenerates once it is fixed', async (_name, flags, broken) => {
    const dir = project('providers:\n  a:\n    type: api\n    id: 6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b10\n    spec: a.yaml\n');
    writeFileSync(join(dir, 'a.yaml'), broken);
    let stdout = '';
    const controller = new AbortController();
    const running = runCli(['generate', '--watch', ...flags], { cwd: dir, stdout: (t) => (stdout += t), stderr: () => undefined, signal: controller.signal });
    await until(() => stdout.includes('watching 2 inputs'), 'the first run');
    expect(stdout).toContain('not generated (see above)');
    writeFileSync(join(dir, 'a.yaml'), CLEAN);
    await until(() => existsSync(join(dir, 'generated', 'a.ts')), 'the module once the spec is fixed');
    controller.abort();
    expect(await running).toBe(0);
  }, 60_000);
});

describe('what --watch watches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-watch-'));
  mkdirSync(join(dir, 'specs', 'plugins', 'google', 'tools'), { recursive: true });
  const at = (...parts: string[]) => join(dir, ...parts);
  const { roots, ignored } = watchTargets([at('dify-tools.yaml'), at('specs', 'petstore.yaml'), at('specs', 'plugins', 'google')]);

  it('the folders of the input files, and the input folders', () => {
    expect(roots).toEqual([dir, at('specs'), at('specs', 'plugins', 'google')]);
  });

  it.each([
    ['the manifest', at('dify-tools.yaml'), false],
    ['a spec', at('specs', 'petstore.yaml'), false],
    ['a file in a plugin', at('specs', 'plugins', 'google', 'tools', 'google_search.yaml'), false],
    ['a folder on the way to a plugin', at('specs', 'plugins'), false],
    ['another file beside the manifest', at('package.json'), true],
    ['another spec', at('specs', 'weather.json'), true],
    ['a folder beside the manifest', at('node_modules'), true],
    ['a file in it', at('node_modules', 'zod', 'package.json'), true],
    ['a folder whose name starts like the plugin', at('specs', 'plugins', 'google2'), true],
  ])('%s: ignored %s', (_name, path, want) => {
    expect(ignored(path)).toBe(want);
  });
});

describe('init', () => {
  it('writes a commented starter manifest from the specs, plugins and DSLs it finds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-init-'));
    cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
    const run = await cli(dir, 'init');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe(
      "dify-toolgen: wrote dify-tools.yaml with 5 providers (2 api, 2 builtin, 1 workflow); fill in the ids marked TODO, then run 'dify-toolgen generate'\n",
    );
    const manifest = readFileSync(join(dir, 'dify-tools.yaml'), 'utf8');
    expect(manifest).toContain('# yaml-language-server: $schema=node_modules/dify-toolgen/schema/dify-tools.schema.json');
    expect(manifest).toContain('  petstore:\n    type: api\n');
    expect(manifest).toContain('  google:\n    type: builtin\n    id: langgenius/google/google\n    plugin: "specs/plugins/google"\n');
    expect(manifest).toContain('    id: langgenius/tavily/tavily\n    plugin: "specs/plugins/tavily-0.1.4.difypkg"\n');
    expect(manifest).toContain('    type: workflow\n');
    expect(manifest).toContain('    dsl: "specs/workflows/summarize.yml"\n');
    // The starter is valid: only the api and workflow ids (Dify's) are to be filled in.
    const check = await cli(dir, 'generate');
    expect(check.code).toBe(0);
  });

  it('in a Dify plugin (its manifest.yaml at the root), writes Python output and no TypeScript', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-init-'));
    cpSync(join(REPO, 'specs', 'plugins', 'google'), dir, { recursive: true });
    cpSync(join(REPO, 'specs', 'petstore.yaml'), join(dir, 'specs', 'petstore.yaml'));
    expect((await cli(dir, 'init')).code).toBe(0);
    const manifest = readFileSync(join(dir, 'dify-tools.yaml'), 'utf8');
    expect(manifest).toContain('# This folder is a Dify plugin, and Dify runs plugins in Python: the wrappers are a Python\n');
    expect(manifest).toContain('\ntypescript: false\npython:\n  output: tools_generated\nproviders:\n');
    const run = await cli(dir, 'generate');
    // The Python output needs no zod: the only warnings are init's placeholders and the example spec's own.
    expect(run.stderr.split('\n').filter((l) => / warning \[/.test(l) && !l.includes('[manifest-placeholder]') && !l.startsWith('specs/'))).toEqual([]);
    expect(run.code).toBe(0);
    expect(readdirSync(join(dir, 'tools_generated')).sort()).toEqual(['__init__.py', 'google.py', 'petstore.py', 'runtime.py']);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });

  it('elsewhere, writes TypeScript output and the Python key commented out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-init-'));
    cpSync(join(REPO, 'specs', 'petstore.yaml'), join(dir, 'petstore.yaml'));
    expect((await cli(dir, 'init')).code).toBe(0);
    expect(readFileSync(join(dir, 'dify-tools.yaml'), 'utf8')).toContain('\noutput: generated\n# python:\n#   output: tools_generated   # also a Python package over the dify_plugin SDK\nproviders:\n');
  });

  it('never replaces an existing manifest', async () => {
    const dir = project(EXAMPLE_MANIFEST);
    const run = await cli(dir, 'init');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('dify-tools.yaml: error [manifest-exists] dify-tools.yaml already exists; init never replaces a manifest');
    expect(readFileSync(join(dir, 'dify-tools.yaml'), 'utf8')).toBe(EXAMPLE_MANIFEST);
  });

  it('in an empty folder, writes a manifest that explains the shape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-init-'));
    mkdirSync(join(dir, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'x', 'openapi.yaml'), 'openapi: 3.0.0\n');
    expect((await cli(dir, 'init')).stdout).toContain('with 0 providers');
    expect(readFileSync(join(dir, 'dify-tools.yaml'), 'utf8')).toContain('# Nothing was found to start from.');
  });
});

describe('hasTopLevelJsonKey (init recognises minified JSON specs)', () => {
  it.each([
    ['a minified spec', '{"openapi":"3.0.0","info":{}}', true],
    ['a Swagger 2 spec, pretty', '{\n  "swagger": "2.0"\n}', true],
    ['the key nested in an object', '{"info": {"openapi": "3.0.0"}}', false],
    ['the key in an array', '[{"openapi": 1}]', false],
    ['the word as a value', '{"name": "openapi", "x": 1}', false],
    ['an escaped quote before it', '{"a": "x\\"y", "openapi": "3"}', true],
    ['a package.json script named openapi', '{"scripts": {"openapi": "x"}}', false],
  ])('%s', (_name, text, want) => {
    expect(hasTopLevelJsonKey(text, ['openapi', 'swagger'])).toBe(want);
  });
});
