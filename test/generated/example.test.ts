/**
 * The bundled example: generated/ is what generate writes for specs/ + dify-tools.yaml, it
 * compiles under --strict with NodeNext and Bundler resolution, and passes prettier --check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { cli, REPO } from '../cli/run.js';
import { typeCheck } from './compile.js';

const GENERATED = join(REPO, 'generated');
const files = readdirSync(GENERATED)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => join(GENERATED, f));

describe('the committed example output', () => {
  it('is what generate writes today (dify-toolgen check)', async () => {
    const run = await cli(REPO, 'check');
    // The example spec keeps four things Dify cannot send as meant; each is a located warning.
    expect(run.stderr.match(/^\S+: warning \[[\w-]+\]/gm)).toEqual([
      'specs/petstore.yaml:141:9: warning [untyped-property-null]',
      'specs/petstore.yaml:145:9: warning [ref-property-as-text]',
      'specs/petstore.yaml:97:11: warning [body-form-encoded]',
      'specs/petstore.yaml:102:17: warning [binary-from-plugin]',
    ]);
    expect(run.code).toBe(0);
  });

  it.each(['NodeNext', 'Bundler'] as const)('compiles with tsc --strict, moduleResolution %s', (moduleResolution) => {
    expect(typeCheck(files, { moduleResolution })).toEqual([]);
  });

  it.each(files.map((f) => [f.slice(REPO.length + 1), f]))('%s passes prettier --check', async (_name, file) => {
    const text = readFileSync(file, 'utf8');
    expect(await prettier.check(text, { filepath: file })).toBe(true);
  });
});
