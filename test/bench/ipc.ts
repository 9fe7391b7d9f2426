import { spawn, spawnSync, type ChildProcess } from 'node:child_process'

/** A command to a bench child. */
interface IpcRequest {
  id: number
  cmd: string
  args?: unknown
}

/** A bench child's answer to one command. */
interface IpcReply {
  id: number
  ok: boolean
  value?: unknown
  error?: string
}

/** Handlers a bench child answers commands with. */
export type IpcHandlers = Record<string, (args: any) => unknown>

/** Child side: answers each command with its handler; exits when the parent goes away. */
export function serveIpc(handlers: IpcHandlers): void {
  process.on('message', (request: IpcRequest) => {
    const reply = (message: IpcReply): void => {
      if (process.connected) process.send!(message)
    }
    const handler = handlers[request.cmd]
    if (!handler) return reply({ id: request.id, ok: false, error: `unknown command ${request.cmd}` })
    Promise.resolve()
      .then(() => handler(request.args))
      .then(
        (value) => reply({ id: request.id, ok: true, value }),
        (error) => reply({ id: request.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
      )
  })
  process.on('disconnect', () => process.exit(0))
}

/** A bench child seen from the harness: call commands, kill it. */
export interface BenchChild {
  readonly process: ChildProcess
  readonly name: string
  call<T>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>
  /** Last lines the child wrote to stderr, for error messages. */
  tail(): string
  kill(): Promise<void>
}

const alive = new Set<ChildProcess>()

/** Whether `taskset` can pin processes here. */
export const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0

/** Kills every bench child still running, synchronously (for exit and signal handlers). */
export function killAllChildren(): void {
  for (const child of alive) child.kill('SIGKILL')
  alive.clear()
}

/** Pins the calling process (all its threads) to one core; false when taskset is missing. */
export function pinSelf(core: number): boolean {
  if (!hasTaskset) return false
  return spawnSync('taskset', ['-a', '-cp', String(core), String(process.pid)]).status === 0
}

/** Starts a TypeScript bench child under tsx with --expose-gc, pinned to `core`, with an IPC channel. */
export function spawnBenchChild(name: string, script: string, args: string[], core: number): BenchChild {
  // Bytecode flushing would shrink the heap a little on every forced GC and blur heap deltas.
  const nodeArgs = ['--expose-gc', '--no-flush-bytecode', '--import', 'tsx', script, ...args]
  const child = hasTaskset
    ? spawn('taskset', ['-c', String(core), process.execPath, ...nodeArgs], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    : spawn(process.execPath, nodeArgs, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
  alive.add(child)
  const lines: string[] = []
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString().split('\n').filter(Boolean))
    if (lines.length > 40) lines.splice(0, lines.length - 40)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => alive.delete(child))
  let next = 1
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  child.on('message', (reply: IpcReply) => {
    const entry = waiting.get(reply.id)
    if (!entry) return
    waiting.delete(reply.id)
    if (reply.ok) entry.resolve(reply.value)
    else entry.reject(new Error(`${name}: ${reply.error}`))
  })
  void exited.then(() => {
    for (const entry of waiting.values()) entry.reject(new Error(`${name} exited:\n${lines.join('\n')}`))
    waiting.clear()
  })
  return {
    process: child,
    name,
    call<T>(cmd: string, callArgs?: unknown, timeoutMs = 60_000): Promise<T> {
      const id = next++
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id)
          reject(new Error(`${name}: ${cmd} timed out after ${timeoutMs} ms\n${lines.join('\n')}`))
        }, timeoutMs)
        const settle = { resolve: (value: unknown) => (clearTimeout(timer), resolve(value as T)), reject: (error: Error) => (clearTimeout(timer), reject(error)) }
        waiting.set(id, settle)
        if (!child.connected) return settle.reject(new Error(`${name} is not running\n${lines.join('\n')}`))
        child.send({ id, cmd, args: callArgs } satisfies IpcRequest)
      })
    },
    tail: () => lines.join('\n'),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
