import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    // Date logic must not depend on the machine's zone; the product pins Asia/Shanghai itself,
    // and tests run in a zone west of UTC to prove it.
    env: { TZ: 'America/Los_Angeles' },
    // Generous: crash tests start real processes, and CI machines are small.
    testTimeout: 120_000,
    // Hooks create databases, seed the demo office and start servers and browsers; on a shared
    // two-core machine running two files at once they take as long as tests (a REC-08 hook took
    // over 60 s at load 18), so they get the same budget.
    hookTimeout: 120_000,
    // expect.poll waits for what a page shows after a request: with two files at once (a browser
    // journey beside a PostgreSQL file), a refresh can take more than the 1 s default.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // One test file per core. Vitest's default leaves a core free (cores − 1: one worker on two
    // cores), but these files mostly wait on PostgreSQL, disks and child processes, so a worker
    // per core keeps both busy.
    maxWorkers: Math.max(2, os.availableParallelism()),
    // A stray `.only` must not silently skip the rest of the suite in CI.
    allowOnly: !process.env.CI,
    globalSetup: ['test/global-setup.ts', 'test/dist-setup.ts'],
  },
});
