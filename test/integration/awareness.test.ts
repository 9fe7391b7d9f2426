import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectStockClient, type StockClient } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'

let ctx: TestServer
const clients: StockClient[] = []
beforeEach(async () => {
  ctx = await startTestServer()
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy()
  await ctx.close({ removeData: true })
})

describe('awareness', () => {
  it('relays presence and removes a closed connection\'s state for everyone at once', async () => {
    const boardId = await ctx.createBoard()
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => connectStockClient(ctx.syncUrl, boardId)))
    clients.push(a, b, c)
    a.provider.awareness.setLocalStateField('user', { name: 'Facilitator', color: '#02B1CC' })
    const aId = a.doc.clientID
    await waitFor(() => b.provider.awareness.getStates().get(aId)?.user && c.provider.awareness.getStates().get(aId)?.user, {
      what: 'a visible to b and c',
    })
    expect(b.provider.awareness.getStates().get(aId)?.user).toEqual({ name: 'Facilitator', color: '#02B1CC' })

    // Closing the socket without a goodbye: the server, not the client, must remove the state.
    ;(a.provider.ws as unknown as { terminate?: () => void; close(): void }).close()
    a.provider.shouldConnect = false
    await waitFor(() => !b.provider.awareness.getStates().has(aId) && !c.provider.awareness.getStates().has(aId), {
      what: 'a removed at b and c',
    })
  })

  it('drops awareness entries a connection sends for another client id', async () => {
    const boardId = await ctx.createBoard()
    const honest = await connectStockClient(ctx.syncUrl, boardId)
    const forger = await connectStockClient(ctx.syncUrl, boardId)
    const watcher = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(honest, forger, watcher)
    honest.provider.awareness.setLocalStateField('user', { name: 'Participant' })
    forger.provider.awareness.setLocalStateField('user', { name: 'Forger' })
    await waitFor(() => watcher.provider.awareness.getStates().get(honest.doc.clientID)?.user, { what: 'honest state' })
    await waitFor(() => watcher.provider.awareness.getStates().get(forger.doc.clientID)?.user, { what: 'forger state' })

    // The forger writes a state for the honest client's id into its own awareness and sends it.
    const { encodeAwarenessUpdate, Awareness } = await import('y-protocols/awareness')
    const fake = new Awareness(forger.doc)
    fake.clientID = honest.doc.clientID
    // A high clock, so a watcher would take the forged state if the server relayed it.
    for (let i = 0; i < 10; i++) fake.setLocalState({ user: { name: 'Impostor' } })
    const frame = new Uint8Array([1, ...lengthPrefixed(encodeAwarenessUpdate(fake, [honest.doc.clientID]))])
    ;(forger.provider.ws as unknown as WebSocket).send(frame)
    forger.provider.awareness.setLocalStateField('user', { name: 'Forger again' })
    await waitFor(() => watcher.provider.awareness.getStates().get(forger.doc.clientID)?.user?.name === 'Forger again', {
      what: 'a later message from the forger, so the forged one was processed first',
    })
    expect(watcher.provider.awareness.getStates().get(honest.doc.clientID)?.user).toEqual({ name: 'Participant' })
    fake.destroy()
  })
})

describe('awareness rate limit', () => {
  it('coalesces a burst into the newest state instead of relaying every frame', async () => {
    await ctx.close({ removeData: true })
    ctx = await startTestServer({ limits: { maxAwarenessPerSecond: 5 } })
    const boardId = await ctx.createBoard()
    const sender = await connectStockClient(ctx.syncUrl, boardId)
    const watcher = await connectStockClient(ctx.syncUrl, boardId)
    clients.push(sender, watcher)
    let received = 0
    const ws = watcher.provider.ws as unknown as WebSocket
    ws.addEventListener('message', (event) => {
      if (new Uint8Array(event.data as ArrayBuffer)[0] === 1) received++
    })
    for (let i = 0; i < 20; i++) sender.provider.awareness.setLocalStateField('cursor', { x: i })
    await waitFor(() => watcher.provider.awareness.getStates().get(sender.doc.clientID)?.cursor?.x === 19, { what: 'the newest cursor' })
    expect(received).toBeLessThanOrEqual(3)
  })
})

/** lib0 varUint8Array: a varUint length, then the bytes. */
function lengthPrefixed(bytes: Uint8Array): number[] {
  const out: number[] = []
  let length = bytes.length
  while (length > 0x7f) {
    out.push((length & 0x7f) | 0x80)
    length >>>= 7
  }
  out.push(length)
  return [...out, ...bytes]
}
