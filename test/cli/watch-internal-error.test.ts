/**
 * generate --watch when a later run meets a bug (an error that is not a UserError): the run
 * is reported as the command line reports an internal error, and the watch goes on. Before,
 * the rejected run was unhandled and Node ended the process with its stack trace. The bug is
 * made by a generate that throws on its second call only.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import { EXAMPLE_MANIFEST, project, until } from './run.js';

const calls = vi.hoisted(() => ({ generate: 0 }));

vi.mock('../../src/generate.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/generate.js')>();
  return {
    ...real,
    generate: (...args: Parameters<typeof real.generate>) => {
      calls.generate += 1;
      if (calls.generate === 2) throw new Error('a bug the second run meets');
      return real.generate(...args);
    },
  };
});

describe('generate --watch, a later run that meets a bug', () => {
  it('prints the internal error as the command line does, keeps watching, and the next change regenerates', async () => {
    const dir = project(EXAMPLE_MANIFEST);
    const spec = join(dir, 'specs', 'petstore.yaml');
    const original = readFileSync(spec, 'utf8');
    let stdout = '';
    let stderr = '';
    const controller = new AbortController();
    const debug = process.env.DIFY_TOOLGEN_DEBUG;
    delete process.env.DIFY_TOOLGEN_DEBUG;
    try {
      const running = runCli(['generate', '--watch'], { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), signal: controller.signal });
      await until(() => stdout.includes('watching 3 inputs'), 'the first run');
      const firstRun = stderr.length; // the example's warnings

      writeFileSync(spec, original.replace('operationId: listPets', 'operationId: listAllPets'));
      await until(() => stdout.includes('not generated (an internal error, above)'), 'the run that meets the bug');
      expect(stderr.slice(firstRun)).toBe(
        'dify-toolgen: internal error: a bug the second run meets\n' +
          'This is a bug in dify-toolgen, not in your input. Please report it with the command you ran and, if you can, the spec.\n' +
          'Set DIFY_TOOLGEN_DEBUG=1 to see the stack trace.\n',
      );

      writeFileSync(spec, original.replace('operationId: listPets', 'operationId: listEveryPet'));
      await until(() => readFileSync(join(dir, 'generated', 'petstore.ts'), 'utf8').includes('"listEveryPet"'), 'the run after the bug');

      controller.abort();
      expect(await running).toBe(0);
      expect(calls.generate).toBe(3);
    } finally {
      if (debug !== undefined) process.env.DIFY_TOOLGEN_DEBUG = debug;
    }
  }, 60_000);
});
