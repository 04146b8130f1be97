/**
 * What a first run tells the user: placeholder ids left by `init` (warned at their manifest
 * line, fatal under --strict, in generate and check alike) and a project whose package.json
 * does not keep zod, the generated code's one runtime dependency, in `dependencies`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, EXAMPLE_MANIFEST, project, REPO, withPackageJson } from './run.js';

/**
 * The `file:line:column: warning [code] message` heads of what a run printed, but for the
 * example spec's own warnings (what Dify cannot send as meant, tested in example.test.ts).
 */
function warningHeads(stderr: string): string[] {
  return stderr.split('\n').filter((line) => / warning \[/.test(line) && !line.startsWith('specs/'));
}

describe('placeholders left by init', () => {
  const initialised = async () => {
    const dir = withPackageJson(mkdtempSync(join(tmpdir(), 'dify-toolgen-first-run-')));
    cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
    expect((await cli(dir, 'init')).code).toBe(0);
    return dir;
  };
  const PLACEHOLDER_WARNINGS = [
    'dify-tools.yaml:11:9: warning [manifest-placeholder] the id of provider "petstore" is the placeholder "00000000-0000-0000-0000-000000000000" that \'dify-toolgen init\' writes',
    'dify-tools.yaml:25:9: warning [manifest-placeholder] the id of provider "weather" is the placeholder "00000000-0000-0000-0000-000000000000" that \'dify-toolgen init\' writes',
    'dify-tools.yaml:29:9: warning [manifest-placeholder] the id of provider "summarize" is the placeholder "00000000-0000-0000-0000-000000000000" that \'dify-toolgen init\' writes',
    'dify-tools.yaml:30:11: warning [manifest-placeholder] the tool of provider "summarize" ("summarize") is still marked TODO',
  ];

  it.each([
    ['generate', { argv: ['generate'], code: 0 }],
    ['generate --strict', { argv: ['generate', '--strict'], code: 1 }],
    ['check --strict', { argv: ['check', '--strict'], code: 1 }],
  ])('%s warns at every placeholder line', async (_name, { argv, code }) => {
    const dir = await initialised();
    if (argv[0] === 'check') await cli(dir, 'generate');
    const run = await cli(dir, ...argv);
    expect(run.code).toBe(code);
    expect(warningHeads(run.stderr)).toEqual(PLACEHOLDER_WARNINGS);
    expect(run.stderr).toContain("     25 |     id: 00000000-0000-0000-0000-000000000000   # TODO: the API tool provider's id in Dify\n");
    expect(run.stderr).toContain("  fix:  write the API tool provider's id, shown in Dify's Tools page, and remove the TODO comment\n");
  });

  it('check --strict says the files are up to date and that the warnings fail it', async () => {
    const dir = await initialised();
    await cli(dir, 'generate');
    expect((await cli(dir, 'check', '--strict')).stdout).toBe('dify-toolgen: generated/ is up to date (8 files), but --strict fails on 0 errors, 8 warnings\n');
  });

  it('is quiet once the ids are filled in', async () => {
    const dir = await initialised();
    const file = join(dir, 'dify-tools.yaml');
    let n = 0;
    const filled = readFileSync(file, 'utf8')
      .replace(/00000000-0000-0000-0000-000000000000 +# TODO[^\n]*/g, () => `6f1c2a9e-2b1f-4d7e-9a51-0c3e8f7d2b1${n++}`)
      .replace(/tool: summarize +# TODO[^\n]*/, 'tool: summarize_document');
    writeFileSync(file, filled);
    // Not --strict: the example spec keeps warnings of its own (what Dify cannot send as meant).
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(0);
    expect(warningHeads(run.stderr)).toEqual([]);
  });

  it('warns on the builtin placeholder id', async () => {
    const dir = project('providers:\n  google:\n    type: builtin\n    id: author/plugin/provider\n    plugin: specs/plugins/google\n');
    const run = await cli(dir, 'generate');
    expect(warningHeads(run.stderr)).toEqual(['dify-tools.yaml:4:9: warning [manifest-placeholder] the id of provider "google" is the placeholder "author/plugin/provider" that \'dify-toolgen init\' writes']);
  });
});

describe('zod in the dependencies of the project that holds the output', () => {
  it.each([
    ['no zod at all', { pkg: '{\n  "name": "plugin",\n  "dependencies": {\n    "left-pad": "1.0.0"\n  }\n}\n', want: [
      'package.json:3:3: warning [zod-not-a-dependency] the generated modules import zod at run time, but zod is not in "dependencies" of this package.json',
      '      3 |   "dependencies": {',
      "  fix:  run 'npm install zod' in the project folder (zod 3.25 or 4) so that a production install keeps it",
    ] }],
    ['zod only in devDependencies', { pkg: '{\n  "name": "plugin",\n  "devDependencies": {\n    "zod": "^4.0.0"\n  }\n}\n', want: [
      'package.json:4:5: warning [zod-not-a-dependency] the generated modules import zod at run time, but zod is only in "devDependencies" of this package.json',
      '      4 |     "zod": "^4.0.0"',
      "  fix:  run 'npm install --save-prod zod' in the project folder (zod 3.25 or 4) so that a production install keeps it",
    ] }],
    ['zod in dependencies', { pkg: '{"name": "plugin", "dependencies": {"zod": "^3.25.0"}}', want: [] }],
    ['zod a peer of a library', { pkg: '{"name": "lib", "peerDependencies": {"zod": "^4.0.0"}, "devDependencies": {"zod": "^4.0.0"}}', want: [] }],
  ])('%s', async (_name, { pkg, want }) => {
    const dir = project(EXAMPLE_MANIFEST);
    writeFileSync(join(dir, 'package.json'), pkg);
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((line) => /warning \[zod|^ {2}fix: .*zod|^ +\d+ \| /.test(line))).toEqual(want);
  });

  it('warns when no package.json holds the output folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dify-toolgen-first-run-'));
    cpSync(join(REPO, 'specs'), join(dir, 'specs'), { recursive: true });
    writeFileSync(join(dir, 'dify-tools.yaml'), EXAMPLE_MANIFEST);
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((line) => /warning \[/.test(line) && !line.startsWith('specs/'))).toHaveLength(1);
    expect(run.stderr).toContain(
      'warning [zod-not-a-dependency] the generated modules import zod at run time, but there is no package.json in the output folder or above it to list zod in\n' +
        '  fix:  create the plugin\'s package.json with zod in "dependencies" (npm init -y && npm install zod; zod 3.25 or 4)\n',
    );
  });

  it('finds the package.json above the manifest folder', async () => {
    const dir = project(EXAMPLE_MANIFEST);
    const parent = mkdtempSync(join(tmpdir(), 'dify-toolgen-first-run-'));
    cpSync(dir, join(parent, 'tools'), { recursive: true });
    rmSync(join(parent, 'tools', 'package.json'));
    writeFileSync(join(parent, 'package.json'), '{"name": "plugin"}');
    const run = await cli(join(parent, 'tools'), 'generate');
    expect(warningHeads(run.stderr)).toEqual(['../package.json: warning [zod-not-a-dependency] the generated modules import zod at run time, but zod is not in "dependencies" of this package.json']);
  });
});
