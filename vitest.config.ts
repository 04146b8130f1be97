import { defineConfig } from 'vitest/config';

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
  },
});
