import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { spawnServer, type SpawnedServer } from '../helpers/spawnServer.js'
import { connectStockClient, geoShape, type StockClient } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'

const servers: SpawnedServer[] = []
const clients: StockClient[] = []
let dataDir = ''
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  for (const server of servers.splice(0)) await server.kill('SIGKILL')
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

async function createBoard(server: SpawnedServer): Promise<string> {
  const response = await fetch(`${server.url}/api/boards`, { method: 'POST' })
  return ((await response.json()) as { id: string }).id
}

describe('crash and shutdown', () => {
  it('serves, after a SIGKILL and restart, an update that another client had received', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kuilu-crash-'))
    const first = await spawnServer({ dataDir })
    servers.push(first)
    const boardId = await createBoard(first)
    const syncUrl = `ws://127.0.0.1:${first.port}/sync`
    const a = await connectStockClient(syncUrl, boardId)
    const b = await connectStockClient(syncUrl, boardId)
    clients.push(a, b)
    let killed: Promise<unknown> | null = null
    b.records.on('change', () => {
      if (b.records.has('shape:seen')) killed ??= first.kill('SIGKILL')
    })
    a.records.set('shape:seen', geoShape('shape:seen', 42))
    await waitFor(() => killed, { what: 'b to receive the update' })
    expect(await killed).toBe('SIGKILL')
    a.provider.disconnect()
    b.provider.disconnect()

    const second = await spawnServer({ dataDir })
    servers.push(second)
    const c = await connectStockClient(`ws://127.0.0.1:${second.port}/sync`, boardId)
    clients.push(c)
    expect(c.records.get('shape:seen')).toEqual(geoShape('shape:seen', 42))
  })

  it('on SIGTERM flushes, closes sockets with 1001 and exits 0', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kuilu-term-'))
    const server = await spawnServer({ dataDir })
    servers.push(server)
    const boardId = await createBoard(server)
    const a = await connectStockClient(`ws://127.0.0.1:${server.port}/sync`, boardId)
    const watcher = await connectStockClient(`ws://127.0.0.1:${server.port}/sync`, boardId)
    clients.push(a, watcher)
    const closeCode = new Promise<number>((resolve) => a.provider.once('connection-close', (event) => resolve(event!.code)))
    a.records.set('shape:last', geoShape('shape:last'))
    await waitFor(() => watcher.records.has('shape:last'), { what: 'the update to be committed and broadcast' })
    expect(await server.kill('SIGTERM')).toBe(0)
    expect(await closeCode).toBe(1001)
    a.provider.disconnect()
    watcher.provider.disconnect()

    const again = await spawnServer({ dataDir })
    servers.push(again)
    const b = await connectStockClient(`ws://127.0.0.1:${again.port}/sync`, boardId)
    clients.push(b)
    expect(b.records.has('shape:last')).toBe(true)
  })

  it("keeps serving, stays idle and stops on SIGTERM after the reader of its log is gone (a log collector that restarts)", async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kuilu-crash-'))
    const server = await spawnServer({ dataDir })
    servers.push(server)
    // The reader of both log pipes goes away: every later write is EPIPE.
    server.process.stdout!.destroy()
    server.process.stderr!.destroy()
    // Things that log: a board created, a refused request, a malformed frame.
    const boardId = await createBoard(server)
    expect((await fetch(`${server.url}/api/boards`, { method: 'POST', body: '{"template":"nope"}' })).status).toBe(400)
    const client = await connectStockClient(`ws://127.0.0.1:${server.port}/sync`, boardId)
    clients.push(client)
    client.records.set('shape:after', geoShape('shape:after', 1))
    await waitFor(async () => (await fetch(`${server.url}/healthz`)).status === 200, { what: 'health' })
    // Idle now: its CPU over a second stays low (a logger failing on its own errors spun a core).
    const ticks = () => readFileSync(`/proc/${server.process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ').slice(11, 13).map(Number).reduce((a, b) => a + b, 0)
    const before = ticks()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    expect(ticks() - before, 'CPU ticks (1/100 s) used in an idle second').toBeLessThan(30)
    const started = performance.now()
    expect(await server.kill('SIGTERM')).toBe(0)
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})
