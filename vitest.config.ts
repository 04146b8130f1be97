import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest test files, slowest first (durations of a full run on the build machine, at
 * load: corpus compile 622 s, adversarial fuzz 94 s, export round trip 64 s, Python corpus
 * 33 s, Python fuzz 26 s, …; the others take under 15 s each).
 */
const SLOWEST = [
  'test/corpus/compile.test.ts',
  'test/adversarial/fuzz.test.ts',
  'test/corpus/export.test.ts',
  'test/corpus/python.test.ts',
  'test/python/fuzz.test.ts',
  'test/python/python.test.ts',
  'test/adversarial/adversarial.test.ts',
  'test/differential/differential.test.ts',
  'test/generated/tsconfig-matrix.test.ts',
  'test/package/install.test.ts',
];

/**
 * Starts the slowest files first. Without timings of an earlier run (a fresh checkout, as in
 * CI: they live in node_modules/.vite) vitest orders files by size, largest first, which
 * starts the small corpus compile file, minutes long, last: the run then lasts as long as
 * the others plus it, instead of as long as the longest of the two workers.
 */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOWEST.indexOf(relative(file.project.config.root, file.moduleId).replaceAll('\\', '/'));
      return index < 0 ? SLOWEST.length : index;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The Python environment (.venv: the dify_plugin SDK, mypy, ruff) the Python tests use.
    globalSetup: ['scripts/python-env.mjs'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The corpus compile (minutes, mostly a tsc child process) runs beside the other files.
    maxWorkers: 2,
    fileParallelism: true,
    sequence: { sequencer: SlowestFirst },
  },
});
