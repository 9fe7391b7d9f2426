import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

/** The real server (server/main.ts) in its own process, as `npm start` runs it. */
export interface SpawnedServer {
  process: ChildProcess
  port: number
  url: string
  /** Lines the server logged, for failure messages. */
  output: string[]
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<number | string | null>
  kill(signal?: NodeJS.Signals): Promise<number | string | null>
}

/** Starts server/main.ts under tsx with the given data dir and port (0 picks a free one). */
export async function spawnServer(options: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(options.port ?? 0), DATA_DIR: options.dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)))
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line))
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line)
      try {
        const entry = JSON.parse(line) as { message?: string; port?: number }
        if (entry.message === 'listening' && entry.port) resolve(entry.port)
      } catch {
        // not a log line; kept in output
      }
    })
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${output.join('\n')}`)))
  })
  return {
    process: child,
    port,
    url: `http://127.0.0.1:${port}`,
    output,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
}
