import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    // Date logic must not depend on the machine's zone; the product pins Asia/Shanghai itself,
    // and tests run in a zone west of UTC to prove it.
    env: { TZ: 'America/Los_Angeles' },
    // Generous: CLI and crash tests start real processes, and CI machines are small.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
