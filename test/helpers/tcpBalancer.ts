import { createConnection, createServer, type Server, type Socket } from 'node:net'

/** A loopback TCP load balancer in front of several server instances, as a reverse proxy would be. */
export interface TcpBalancer {
  readonly port: number
  /** Backends in turn order; a connection goes to the next one that accepts it. */
  setBackends(ports: readonly number[]): void
  /** Connections passed to each backend port so far. */
  readonly counts: ReadonlyMap<number, number>
  close(): Promise<void>
}

/**
 * Round-robin over the backends: a client connection is piped to the next
 * backend; when that one refuses (a killed instance), the next is tried, so
 * clients that reconnect after an instance dies land on one that lives. It
 * looks at no byte: WebSocket upgrades and HTTP pass through as they are.
 */
export async function startTcpBalancer(backends: readonly number[]): Promise<TcpBalancer> {
  let ports = [...backends]
  let next = 0
  const counts = new Map<number, number>()
  const sockets = new Set<Socket>()
  const track = (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  }
  const connectTo = (client: Socket, attempt: number): void => {
    if (ports.length === 0 || attempt >= ports.length) return void client.destroy()
    const port = ports[next++ % ports.length]
    const upstream = createConnection({ host: '127.0.0.1', port })
    track(upstream)
    upstream.once('error', () => {
      // Refused (or dropped) before anything was piped: try the next backend.
      if (!upstream.readableFlowing) connectTo(client, attempt + 1)
      else client.destroy()
    })
    upstream.once('connect', () => {
      counts.set(port, (counts.get(port) ?? 0) + 1)
      upstream.removeAllListeners('error')
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
      client.pipe(upstream).pipe(client)
      client.resume()
    })
  }
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    track(client)
    connectTo(client, 0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('the balancer has no port')
  return {
    port: address.port,
    counts,
    setBackends(list) {
      ports = [...list]
    },
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
