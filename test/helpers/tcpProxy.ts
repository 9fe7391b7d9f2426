import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A loopback TCP proxy in front of a service (PostgreSQL, Redis), so a test
 * can take the service away from the code under test and give it back
 * without touching the service itself.
 */
export interface TcpProxy {
  /** The proxy's port on 127.0.0.1: point the code under test here. */
  readonly port: number
  /** Connections open through the proxy now. */
  readonly openConnections: number
  /**
   * A network that stops carrying bytes: open connections stay up but nothing
   * crosses them, and new ones are accepted but not carried, until `resume()`.
   * What a client sees: a query that never answers, a connect that times out.
   */
  pause(): void
  /**
   * The service goes away: every open connection is cut, and new ones are
   * cut as they arrive, until `resume()`. What a client sees: ECONNRESET.
   */
  drop(): void
  /** Carries bytes again; what waited in a pause goes on. */
  resume(): void
  /** Cuts everything and stops listening. */
  close(): Promise<void>
}

interface Pair {
  client: Socket
  upstream: Socket | null
}

/** Starts a proxy on 127.0.0.1, port 0, to `target`. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'open' | 'paused' | 'dropped' = 'open'
  const pairs = new Set<Pair>()
  const cut = (pair: Pair): void => {
    pair.client.destroy()
    pair.upstream?.destroy()
    pairs.delete(pair)
  }
  // Bytes are forwarded by hand, not piped: a pipe resumes its source on 'drain', which would undo a pause.
  const forward = (from: Socket, to: Socket): void => {
    from.on('data', (chunk: Buffer) => {
      if (!to.write(chunk)) from.pause()
    })
    to.on('drain', () => {
      if (mode === 'open') from.resume()
    })
  }
  const carry = (pair: Pair): void => {
    if (pair.upstream) {
      pair.client.resume()
      pair.upstream.resume()
      return
    }
    const upstream = connect(target.port, target.host)
    pair.upstream = upstream
    upstream.on('error', () => cut(pair))
    upstream.on('close', () => cut(pair))
    forward(pair.client, upstream)
    forward(upstream, pair.client)
  }
  const server: Server = createServer((client) => {
    const pair: Pair = { client, upstream: null }
    pairs.add(pair)
    client.on('error', () => cut(pair))
    client.on('close', () => cut(pair))
    if (mode === 'dropped') return cut(pair)
    if (mode === 'paused') return void client.pause()
    carry(pair)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as { port: number }).port
  return {
    port,
    get openConnections() {
      return pairs.size
    },
    pause() {
      mode = 'paused'
      for (const pair of pairs) {
        pair.client.pause()
        pair.upstream?.pause()
      }
    },
    drop() {
      mode = 'dropped'
      for (const pair of [...pairs]) cut(pair)
    },
    resume() {
      mode = 'open'
      for (const pair of pairs) carry(pair)
    },
    async close() {
      mode = 'dropped'
      for (const pair of [...pairs]) cut(pair)
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** A port on 127.0.0.1 where nothing listens (taken, then let go): a service that refuses every connection. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
