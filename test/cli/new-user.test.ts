/**
 * What a reviewer met trying the packed tool as a new user: each finding, as the exact
 * message and location the user now gets.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertDistinctNames } from '../../src/write/write-output.js';
import { cli, project } from './run.js';

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
