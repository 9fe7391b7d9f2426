// npm run dev: the API and sync server on KUILU_API_PORT (8081) and Vite's dev server in front of it on 8080.
import { spawn } from 'node:child_process'

const apiPort = process.env.KUILU_API_PORT ?? '8081'
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/main.ts'], { stdio: 'inherit', env: { ...process.env, PORT: apiPort } }),
  spawn('npx', ['vite', '--port', process.env.PORT ?? '8080', '--strictPort'], { stdio: 'inherit', env: { ...process.env, KUILU_API_PORT: apiPort } }),
]
const stop = () => children.forEach((child) => child.kill('SIGTERM'))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
children.forEach((child) => child.on('exit', (code) => { stop(); process.exitCode = code ?? 0 }))
