/**
 * The adversarial corpus (test/fixtures/adversarial, from ../shared/adversarial): every
 * hostile spec meets its verdict in expect.json and every check of the corpus README.
 * The cases run in one child process with a 512 MB heap, file reads recorded and network
 * access refused (run-cases.ts); the generated code is then parsed and type-checked here.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';
import { typeCheck } from '../generated/compile.js';

interface CaseResult {
  spec: string;
  verdict: 'generate' | 'reject' | 'either';
  folder: string;
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
  changed: string[];
  badReads: string[];
  connections: string[];
  identical: boolean;
  pwned: unknown;
  importError: string | null;
  polluted: unknown;
  prototypeKeys: number;
  files: string[];
  /** The same spec in the declarations shape (`typescript: {emit: declarations}`). */
  declarations: { folder: string; code: number; files: string[] };
}

const cache = join(REPO, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'adversarial-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = JSON.parse(
  execFileSync(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', join(import.meta.dirname, 'run-cases.ts'), work], {
    encoding: 'utf8',
    cwd: REPO,
    maxBuffer: 1 << 28,
  }),
) as { results: CaseResult[]; maxRssMb: number };
const results = run.results;
const generated = results.filter((r) => r.code === 0);

// Raw bidi, invisible and control characters that must never appear (README check 3 and 8).
const UNSAFE = /[\u0000\u001b\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\ufeff\u2028\u2029]/;
const CANARY = 'CANARY-7f3a9c';

/** Every identifier named `name` in a TypeScript file, found with the TypeScript parser. */
function identifiers(text: string, name: string): number {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  let count = 0;
  const visit = (node: ts.Node) => {
    if ((ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) && node.text === name) count++;
    ts.forEachChild(node, visit);
  };
  visit(file);
  return count;
}

describe('adversarial corpus', () => {
  it('ran every case of expect.json within 512 MB', () => {
    expect(results.length).toBe(27);
    console.log(`adversarial: ${results.length} specs, ${generated.length} generated, peak RSS ${run.maxRssMb.toFixed(0)} MB`);
  });

  describe.each(results.map((r) => [r.spec, r] as const))('%s', (_spec, r) => {
    it(`meets its verdict (${r.verdict})`, () => {
      if (r.verdict === 'generate') expect(r.code, r.stderr).toBe(0);
      if (r.verdict === 'reject') {
        expect(r.code).toBe(1);
        expect(r.stderr.match(/: error \[/g)?.length, r.stderr).toBe(1);
        expect(r.stderr).toMatch(/^specs\/[^:]+:\d+:\d+: error \[[a-z-]+\] /);
        expect(r.files).toEqual([]);
      }
      expect([0, 1]).toContain(r.code);
    });

    it('is bounded, with no stack trace', () => {
      expect(r.seconds).toBeLessThan(10);
      expect(r.stderr).not.toMatch(/\n\s+at (?!#)|Maximum call stack|internal error/);
    });

    it('writes only inside the output folder, reads nothing outside its spec folder, uses no network', () => {
      expect(r.changed.filter((f) => !f.startsWith('generated/'))).toEqual([]);
      expect(r.badReads).toEqual([]);
      expect(r.connections).toEqual([]);
    });

    it('leaks no canary, no environment value, no control or bidi character', () => {
      const outputs = r.files.map((f) => readFileSync(join(r.folder, f), 'utf8'));
      for (const text of [r.stdout, r.stderr, ...outputs]) {
        expect(text).not.toContain(CANARY);
        expect(text).not.toContain('ENV-CANARY-7f3a9c');
        expect(text).not.toMatch(UNSAFE);
      }
    });

    it('reruns byte-identically, pollutes no prototype, and imports without side effects', () => {
      expect(r.identical).toBe(true);
      expect(r.polluted).toBeNull();
      expect(r.prototypeKeys).toBe(Object.getOwnPropertyNames(Object.prototype).length);
      expect(r.pwned).toBeNull();
      expect(r.importError).toBeNull();
    });

    it('never makes __CORPUS_PWNED__ an identifier', () => {
      for (const file of r.files) expect(identifiers(readFileSync(join(r.folder, file), 'utf8'), '__CORPUS_PWNED__'), file).toBe(0);
    });

    it('in the declarations shape: the same verdict, and .d.ts and .js files as safe as the .ts module', () => {
      expect(r.declarations.code).toBe(r.code);
      expect(r.declarations.files.length).toBe(r.code === 0 ? 2 * r.files.length : 0);
      for (const file of r.declarations.files) {
        const text = readFileSync(join(r.declarations.folder, file), 'utf8');
        expect(text).not.toContain(CANARY);
        expect(text).not.toMatch(UNSAFE);
        expect(identifiers(text, '__CORPUS_PWNED__'), file).toBe(0);
      }
    });
  });

  it('generates code that passes tsc --strict for every generated case', () => {
    const files = generated.flatMap((r) => r.files.map((f) => join(r.folder, f)));
    expect(typeCheck(files)).toEqual([]);
  });
});
