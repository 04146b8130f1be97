/** The one line the bin prints when it cannot start (bin/load-problem.js). */
import { describe, expect, it } from 'vitest';
import { loadProblem, nodeVersionProblem } from '../../bin/load-problem.js';
import { commandModule } from '../../src/cli.js';
import { UserError } from '../../src/diagnostics/diagnostic.js';

describe('nodeVersionProblem', () => {
  it.each([
    ['Node 18 is too old', { given: '18.19.0', want: 'dify-toolgen: Node 18.19.0 is too old; it needs Node 20 or newer: install a current Node (https://nodejs.org) and run it again' }],
    ['Node 16 is too old', { given: '16.0.0', want: 'dify-toolgen: Node 16.0.0 is too old; it needs Node 20 or newer: install a current Node (https://nodejs.org) and run it again' }],
    ['Node 20 runs', { given: '20.0.0', want: undefined }],
    ['Node 24 runs', { given: '24.3.1', want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(nodeVersionProblem(given)).toBe(want);
  });
});

describe('loadProblem', () => {
  const missing = Object.assign(new Error("Cannot find package 'prettier' imported from /p/node_modules/dify-toolgen/dist/emit/typescript/print.js\nDid you mean"), { code: 'ERR_MODULE_NOT_FOUND' });
  it.each([
    ['a missing package is named', { given: missing as unknown, want: "dify-toolgen: cannot load its dependency 'prettier' (ERR_MODULE_NOT_FOUND); reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details" }],
    [
      'a package a require() cannot find is named, not the file in it',
      {
        given: Object.assign(new Error("Cannot find module 'handlebars/dist/handlebars.runtime.js'\nRequire stack:\n- /p/node_modules/dify-toolgen/dist/dify-toolgen.js"), { code: 'MODULE_NOT_FOUND' }) as unknown,
        want: "dify-toolgen: cannot load its dependency 'handlebars' (MODULE_NOT_FOUND); reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details",
      },
    ],
    [
      'a scoped package is named with its scope',
      {
        given: Object.assign(new Error("Cannot find package '@astral-sh/ruff-wasm-nodejs/ruff_wasm.js' imported from /p/dist/dify-toolgen.js"), { code: 'ERR_MODULE_NOT_FOUND' }) as unknown,
        want: "dify-toolgen: cannot load its dependency '@astral-sh/ruff-wasm-nodejs' (ERR_MODULE_NOT_FOUND); reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details",
      },
    ],
    [
      'a missing file of the package itself is shown as its path',
      {
        given: Object.assign(new Error("Cannot find module '/p/node_modules/dify-toolgen/dist/dify-toolgen.js' imported from /p/node_modules/dify-toolgen/bin/dify-toolgen.js"), { code: 'ERR_MODULE_NOT_FOUND' }) as unknown,
        want: "dify-toolgen: cannot load its dependency '/p/node_modules/dify-toolgen/dist/dify-toolgen.js' (ERR_MODULE_NOT_FOUND); reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details",
      },
    ],
    ['any other failure shows its first line', { given: new SyntaxError("Unexpected token '?'\n    at x") as unknown, want: "dify-toolgen: cannot load its modules (Unexpected token '?'); reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details" }],
    ['a thrown string', { given: 'boom' as unknown, want: 'dify-toolgen: cannot load its modules (boom); reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details' }],
  ])('%s', (_name, { given, want }) => {
    const line = loadProblem(given);
    expect(line).toBe(want);
    expect(line).not.toContain('\n');
  });
});

describe('commandModule (a command module loaded on first use)', () => {
  it('turns a missing package into a user error naming it', async () => {
    const missing = Object.assign(new Error("Cannot find package 'chokidar' imported from /p/dist/commands/watch.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    const failure = await commandModule(() => Promise.reject(missing), 'chokidar').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).diagnostics).toEqual([
      { code: 'missing-dependency', severity: 'error', message: "dify-toolgen cannot load its dependency 'chokidar' (ERR_MODULE_NOT_FOUND)", hint: 'reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again' },
    ]);
  });

  it('passes any other failure on, and the module when it loads', async () => {
    const broken = new SyntaxError('Unexpected token');
    await expect(commandModule(() => Promise.reject(broken), 'chokidar')).rejects.toBe(broken);
    await expect(commandModule(() => Promise.resolve({ watchGenerate: 1 }), 'chokidar')).resolves.toEqual({ watchGenerate: 1 });
  });
});
