import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestWorkshop } from './workshopFixture.js'
import { spawnServer, type SpawnedServer } from './spawnServer.js'
import { waitFor } from './waitFor.js'

/**
 * Limits raised far past anything a test sends, so that attack tests measure
 * survival, not the per-address allowances of invariant 6. Unknown variables
 * are ignored by servers that do not have a limit yet.
 */
export const GENEROUS_LIMITS: Record<string, string> = {
  KUILU_MAX_JOINS_PER_MINUTE: '1000000',
  KUILU_MAX_UPDATES_PER_SECOND: '1000000',
  KUILU_MAX_CONTROL_PER_SECOND: '1000000',
  KUILU_MAX_AWARENESS_PER_SECOND: '1000000',
}

/** A temp data dir and the real server processes started on it; `cleanup()` kills them all and removes the dir. */
export interface ServerSandbox {
  readonly dataDir: string
  /** Starts server/main.ts on the sandbox's data dir, port 0, with GENEROUS_LIMITS plus `env`. */
  spawn(env?: Record<string, string>): Promise<SpawnedServer>
  /** Registers a cleanup step (a client to close, a timer to stop); steps run in reverse order. */
  defer(step: () => unknown): void
  cleanup(): Promise<void>
}

/** Creates a sandbox; call `cleanup()` in afterEach/afterAll so a failing test leaves no process or dir behind. */
export function createServerSandbox(prefix: string): ServerSandbox {
  const dataDir = mkdtempSync(join(tmpdir(), `kuilu-${prefix}-`))
  const servers: SpawnedServer[] = []
  const steps: (() => unknown)[] = []
  return {
    dataDir,
    async spawn(env = {}) {
      const server = await spawnServer({ dataDir, env: { ...GENEROUS_LIMITS, ...env } })
      servers.push(server)
      return server
    },
    defer(step) {
      steps.push(step)
    },
    async cleanup() {
      for (const step of steps.splice(0).reverse()) {
        try {
          await step()
        } catch {
          // cleanup goes on: the process and the dir must go whatever a client did
        }
      }
      for (const server of servers.splice(0)) await server.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Whether the spawned process is still running. */
export function isRunning(server: SpawnedServer): boolean {
  return server.process.exitCode === null && server.process.signalCode === null
}

/** The last lines the server logged, for assertion messages that show why it died. */
export function tail(server: SpawnedServer, lines = 15): string {
  return server.output.slice(-lines).join('\n')
}

/** The sync endpoint's base URL (append `/<boardId>`). */
export const syncUrlOf = (server: SpawnedServer): string => `ws://127.0.0.1:${server.port}/sync`

/** GET /healthz; the status, or 0 when the server did not answer at all. */
export async function healthStatus(server: SpawnedServer): Promise<number> {
  try {
    const response = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 0
  }
}

/** Creates an open board with POST /api/boards. */
export async function createOpenBoard(server: SpawnedServer): Promise<string> {
  const response = await fetch(`${server.url}/api/boards`, { method: 'POST' })
  if (response.status !== 201) throw new Error(`create board: HTTP ${response.status} ${await response.text()}`)
  return ((await response.json()) as { id: string }).id
}

/** Creates a workshop with POST /api/workshops on a spawned server and pulls the tokens out of its links. */
export async function createSpawnedWorkshop(server: SpawnedServer, title = 'Hostile input drill'): Promise<TestWorkshop> {
  const response = await fetch(`${server.url}/api/workshops`, { method: 'POST', body: JSON.stringify({ title, language: 'en' }) })
  if (response.status !== 201) throw new Error(`create workshop: HTTP ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { id: string; boards: string[]; links: Record<keyof TestWorkshop['tokens'], string> }
  const token = (url: string) => new URL(url).searchParams.get('token')!
  return {
    id: body.id,
    boardId: body.boards[0],
    tokens: { facilitator: token(body.links.facilitator), participant: token(body.links.participant), viewer: token(body.links.viewer) },
  }
}

/** Stops a server with SIGTERM and waits for it to exit; SIGKILLs it and throws if it does not within `timeoutMs`. */
export async function stopGracefully(server: SpawnedServer, timeoutMs = 15_000): Promise<number | string | null> {
  void server.kill('SIGTERM')
  try {
    await waitFor(() => !isRunning(server), { timeoutMs, what: 'the server to exit after SIGTERM' })
  } catch (error) {
    await server.kill('SIGKILL')
    throw error
  }
  return server.exited
}
