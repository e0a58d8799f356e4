import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  test: {
    projects: [
      {
        // Pure logic: compiler, FEEL, durations. No servers.
        test: { name: 'unit', include: ['workflows/test/**/*.test.ts', 'cases/test/**/*.test.ts', 'api/test/unit/**/*.test.ts', 'test/unit/**/*.test.ts'] },
      },
      {
        // The web app's components and logic in happy-dom.
        plugins: [vue()],
        test: { name: 'web', include: ['modeler/test/**/*.test.ts'], environment: 'happy-dom' },
      },
      {
        // The interpreter's element behaviour: runSop with stub activities on
        // Temporal's time-skipping test server (one per file), asserting on the
        // case events it emits. No PostgreSQL, no API.
        test: {
          name: 'interpreter',
          include: ['test/interpreter/**/*.test.ts'],
          globalSetup: ['test/interpreter/global-setup.ts'],
          // Test files share their workers' module graph (the compiler, the SDK's
          // native bridge): loading them once per worker instead of per file saves
          // most of this tier's time. Each file still has its own test server.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Cases end to end against a real Temporal dev server and real PostgreSQL,
        // both started by test/global-setup.ts; test/e2e drives the built web app
        // in headless Chromium against the same servers.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Browser pages and case projections settle in well under a second on
          // an idle machine; CI machines are not idle.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
