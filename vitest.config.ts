import { defineConfig } from 'vitest/config';

// Two tiers: unit tests (pure code, no database) and integration tests (*.int.test.ts) that run on a
// real database cloned from one migrated template (PGlite by default, PostgreSQL with DATABASE_URL).
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    // Generous: a slow shared machine must not turn a correct test red; timings are the benchmarks' business.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'tests/e2e/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts'],
          globalSetup: ['src/db/testing/global-setup.ts'],
        },
      },
    ],
  },
});
