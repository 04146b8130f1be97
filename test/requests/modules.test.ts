/**
 * The generated modules the local session reads: current (check), compiling under --strict,
 * and tree-shakable: a bundle that uses only a wrapper carries neither the request data nor
 * the local session.
 */
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO } from '../cli/run.js';
import { typeCheck } from '../generated/compile.js';

const GENERATED = join(REPO, 'test/requests/generated');

async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: join(REPO, 'generated'), loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    external: ['zod', 'zod/*'],
  });
  return result.outputFiles[0]!.text;
}

describe('the modules of the golden specs', () => {
  it('are what generate writes (dify-toolgen check --manifest test/requests/dify-tools.yaml)', async () => {
    const run = await cli(REPO, 'check', '--manifest', 'test/requests/dify-tools.yaml');
    expect(run.code).toBe(0);
  });

  it.each(['NodeNext', 'Bundler'] as const)('compile with tsc --strict, moduleResolution %s', (moduleResolution) => {
    const files = readdirSync(GENERATED).filter((f) => f.endsWith('.ts')).map((f) => join(GENERATED, f));
    expect(typeCheck(files, { moduleResolution })).toEqual([]);
  });
});

describe('tree shaking', () => {
  it.each([
    ['a wrapper alone carries no request data and no local session', "import { addPet } from './petstore.js'; console.log(addPet);", { has: ['invokeEncodedTool'], not: ['createLocalSession', 'https://petstore.example.com/v1', 'Empty response from the tool', 'createMockSession'] }],
    ['the local session brings both', "import * as petstore from './petstore.js'; import { createLocalSession } from './runtime.js'; console.log(createLocalSession({ providers: [{ module: petstore }] }));", { has: ['https://petstore.example.com/v1', 'Empty response from the tool'], not: [] }],
  ] as const)('%s', async (_name, code, { has, not }) => {
    const out = await bundle(code);
    for (const text of has) expect(out).toContain(text);
    for (const text of not) expect(out).not.toContain(text);
  });
});
