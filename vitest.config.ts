import { defineConfig } from 'vitest/config'

// `isolate: false` everywhere: files run one after another in one worker without a fresh module graph each
// (no test file mocks modules or globals), which saves the per-file import of tldraw, Yjs and playwright-core.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', isolate: false } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          isolate: false,
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
          isolate: false,
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
          isolate: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
