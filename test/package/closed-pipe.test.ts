/**
 * The bin when its reader stops early (`dify-toolgen list --json specs/*.yaml | head -1`):
 * the run ends quietly, with no EPIPE stack trace. Needs `npm run build` first (as `npm test`
 * does).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '..', '..');
const BIN = join(REPO, 'bin', 'dify-toolgen.js');
const scratch = mkdtempSync(join(tmpdir(), 'dify-toolgen-pipe-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A spec of 2,000 tools of 12 parameters: `list` prints about 2 MB for it, far more than a pipe holds. */
function bigSpec(): string {
  const parameters = Array.from({ length: 12 }, (_, i) => `{name: q${i}, in: query, schema: {type: string}}`).join(', ');
  let paths = '';
  for (let i = 0; i < 2000; i++) paths += `  /items${i}:\n    get: {operationId: listItems${i}, parameters: [${parameters}], responses: {}}\n`;
  const file = join(scratch, 'big.yaml');
  writeFileSync(file, `openapi: 3.0.3\ninfo: {title: big, version: "1"}\nservers: [{url: https://api.example.com}]\npaths:\n${paths}`);
  return file;
}

/** Runs the bin and closes its stdout after the first chunk, as `| head -c 1` does; its exit code and stderr. */
function readFirstChunk(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: scratch, env: { ...process.env, DIFY_TOOLGEN_DEBUG: '', DIFY_TOOLGEN_COMPILE_CACHE: '0' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('a reader that closes the pipe early', () => {
  const spec = bigSpec();
  it.each([
    ['list', ['list', spec]],
    ['list --json', ['list', '--json', spec]],
  ])('%s ends quietly with exit code 0', async (_name, args) => {
    expect(await readFirstChunk(args)).toEqual({ code: 0, stderr: '' });
  });
});
