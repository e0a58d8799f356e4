import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Pure logic: compiler, FEEL, durations. No servers.
        test: { name: 'unit', include: ['workflows/test/**/*.test.ts', 'api/test/unit/**/*.test.ts', 'test/unit/**/*.test.ts'] },
      },
      {
        // Cases end to end against a real Temporal dev server and real PostgreSQL,
        // both started by test/global-setup.ts.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
