/**
 * One table of value encodings (test/fixtures/encoding/cases.json), run through both
 * runtimes: the TypeScript `encodeParameters` and the Python `encode_parameters`. Both
 * targets encode by the same rule table (src/dify/encoding.ts), so for the same rule and
 * value both must send the same thing, or refuse with the same message.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncodingError, encodeParameters, type ValueEncoding } from '../../generated/runtime.js';
import { REPO } from '../cli/run.js';

interface EncodingCase {
  name: string;
  encoding: ValueEncoding | null;
  value: unknown;
  sent?: unknown;
  error?: string;
}

const CASES_FILE = join(REPO, 'test', 'fixtures', 'encoding', 'cases.json');
const CASES = JSON.parse(readFileSync(CASES_FILE, 'utf8')) as EncodingCase[];
const want = (c: EncodingCase) => (c.error !== undefined ? { error: c.error } : { sent: c.sent });

function typescriptResult(c: EncodingCase): { sent?: unknown; error?: string } {
  try {
    return { sent: encodeParameters({ p: c.value }, c.encoding === null ? {} : { p: c.encoding })['p'] };
  } catch (e) {
    if (e instanceof EncodingError) return { error: e.message };
    throw e;
  }
}

describe('value encodings (one table, both runtimes)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('TypeScript: %s', (_name, c) => {
    expect(typescriptResult(c)).toEqual(want(c));
  });

  it('Python: every case, as the table says', () => {
    const result = spawnSync(join(REPO, '.venv', 'bin', 'python'), ['test/python/encoding_cases.py', CASES_FILE], { cwd: REPO, encoding: 'utf8', env: { ...process.env, PYTHONPATH: REPO } });
    expect(result.stderr).toBe('');
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(lines.map((got, i) => [CASES[i]!.name, got])).toEqual(CASES.map((c) => [c.name, want(c)]));
  });
});
