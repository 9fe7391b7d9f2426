import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { randomRoomName, type BenchServer } from './BenchServer.js'

/** The ceiling: a `ws` server that relays each binary frame to the other sockets on the same path, and does nothing else. */
export async function startRawRelay(): Promise<BenchServer> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise<void>((resolve) => wss.once('listening', resolve))
  const port = (wss.address() as AddressInfo).port
  const groups = new Map<string, Set<WebSocket>>()
  wss.on('connection', (ws, request) => {
    const key = (request.url ?? '/').slice(1)
    let group = groups.get(key)
    if (!group) groups.set(key, (group = new Set()))
    group.add(ws)
    ws.on('message', (data, isBinary) => {
      for (const peer of group) {
        if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary })
      }
    })
    ws.on('close', () => {
      group.delete(ws)
      if (group.size === 0 && groups.get(key) === group) groups.delete(key)
    })
  })
  return {
    port,
    framing: 'raw',
    urlFor: (room) => `ws://127.0.0.1:${port}/${room}`,
    createRooms: async (count) => Array.from({ length: count }, randomRoomName),
    isLoaded: (room) => groups.has(room),
    loadedTotal: () => groups.size,
    async close() {
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}
