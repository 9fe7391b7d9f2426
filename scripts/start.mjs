// npm start: build the client if needed, then run the server in this process (signals reach it directly).
import { register } from 'tsx/esm/api'
import { buildIfStale } from './buildIfStale.mjs'

buildIfStale()
register()
await import('../server/main.ts')
