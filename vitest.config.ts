import { defineConfig } from 'vitest/config'

// Only the unit project runs without isolation (one module graph for all its files: they are pure and mock
// nothing). Every file that starts a server or a browser keeps a fresh one: without it the browser files leaked
// into one another (run after the late-sync and grid files, the rehearsal's workshop counted a fifth person).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', isolate: false } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The real server process under attack, floods, fuzz and kill -9: one file at a time, and npm test runs
        // this project after the others, so the canary's round trips measure the server, not the other tests.
        test: {
          name: 'process',
          include: ['test/process/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
