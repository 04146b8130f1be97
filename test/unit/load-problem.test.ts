/** The one line the bin prints when it cannot start (bin/load-problem.js). */
import { describe, expect, it } from 'vitest';
import { loadProblem, nodeVersionProblem } from '../../bin/load-problem.js';

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
    ['any other failure shows its first line', { given: new SyntaxError("Unexpected token '?'\n    at x") as unknown, want: "dify-toolgen: cannot load its modules (Unexpected token '?'); reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details" }],
    ['a thrown string', { given: 'boom' as unknown, want: 'dify-toolgen: cannot load its modules (boom); reinstall it (npm install --save-dev dify-toolgen, or npm ci) and run it again; DIFY_TOOLGEN_DEBUG=1 shows the details' }],
  ])('%s', (_name, { given, want }) => {
    const line = loadProblem(given);
    expect(line).toBe(want);
    expect(line).not.toContain('\n');
  });
});
