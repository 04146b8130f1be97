/**
 * The README's TypeScript examples compile against the example's generated modules, as a
 * user pastes them beside `generated/`: every ```ts block that starts with an import. The
 * names an example leaves to the reader (`session`, `text`, `adopt`) are declared for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';
import { typeCheck } from './compile.js';

const README = readFileSync(join(REPO, 'README.md'), 'utf8');

/** Each ```ts block that starts with an import, with the README line it starts at. */
const EXAMPLES = [...README.matchAll(/^```ts\n(import [^]*?)^```$/gm)].map((match) => ({
  line: README.slice(0, match.index).split('\n').length + 1,
  code: match[1]!,
}));

const GIVEN = [
  '/// <reference types="node" />',
  'declare const session: import("./generated/runtime.js").DifySession;',
  'declare const text: string;',
  'declare function adopt(session: import("./generated/runtime.js").DifySession): Promise<void>;',
].join('\n');

describe("the README's TypeScript examples", () => {
  it('are found: the plugin call, the local session, the mock session, programmatic use', () => {
    expect(EXAMPLES.map((e) => e.code.split('\n')[0])).toEqual([
      'import { petstore, summarize } from "./generated/index.js";',
      'import * as petstore from "./generated/petstore.js";',
      'import { expect, it } from "vitest"; // or node:test — the mock uses no runner API',
      'import { readSpecFile, deriveProvider } from "dify-toolgen";',
    ]);
  });

  it('compile with tsc --strict (one program; an error names the README line its example starts at)', () => {
    const file = (line: number) => join(REPO, `readme-example-${line}.ts`);
    const files = new Map([[join(REPO, 'readme-given.d.ts'), GIVEN], ...EXAMPLES.map((e) => [file(e.line), e.code] as const)]);
    const errors = typeCheck(files, { noUnusedLocals: false });
    expect(errors.map((d) => d.replace(/^.*readme-example-(\d+)\.ts:(\d+):/, (_all, start: string, line: string) => `README.md:${Number(start) + Number(line) - 1}:`))).toEqual([]);
  });
});
