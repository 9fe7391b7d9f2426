// npm test: the whole suite. Builds the client first (the browser tests serve it), then runs every vitest project.
import { spawnSync } from 'node:child_process'
import { buildIfStale } from './buildIfStale.mjs'

buildIfStale()
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 1)
