// npm test: the whole suite. Lints first (import boundaries and cycles: cheap, and a
// broken boundary should fail before minutes of tests), then builds the client (the
// browser tests serve it), then runs every vitest project.
import { spawnSync } from 'node:child_process'
import { buildIfStale } from './buildIfStale.mjs'

// No --cache: no-cycle reads other files, and ESLint's cache only notices a change
// to the linted file itself, so a cached run can report a cycle already broken.
const lint = spawnSync('npx', ['eslint', '.'], { stdio: 'inherit' })
if (lint.status !== 0) {
  console.error('npm test: ESLint failed (see above); no tests were run.')
  process.exit(lint.status ?? 1)
}

buildIfStale()
// Two runs: everything else first, then the real server process under floods, fuzz and kill -9 on its own,
// because those tests time another board's round trips and must not share the two cores with other tests.
const args = process.argv.slice(2)
const rest = spawnSync('npx', ['vitest', 'run', '--project', 'unit', '--project', 'integration', '--project', 'e2e', ...args], { stdio: 'inherit' })
const processTests = spawnSync('npx', ['vitest', 'run', '--project', 'process', '--passWithNoTests', ...args], { stdio: 'inherit' })
process.exit(rest.status || processTests.status || 0)
