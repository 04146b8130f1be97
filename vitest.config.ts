import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The corpus compile (minutes, mostly a tsc child process) runs beside the other files.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
