import { InstancePresenceRecordType, type TLInstancePresence } from '@tldraw/tlschema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { connectRawClient, type RawClient } from '../helpers/rawClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectStockClient, type StockClient } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'
import { awarenessFrame, awarenessUpdate, queryAwarenessFrame } from '../helpers/wireFrames.js'
import { createWorkshop, joinWorkshop, personIdOf, type TestWorkshop } from '../helpers/workshopFixture.js'

let ctx: TestServer
const raws: RawClient[] = []
const stocks: StockClient[] = []
beforeEach(async () => {
  ctx = await startTestServer()
})
afterEach(async () => {
  for (const client of raws.splice(0)) client.close()
  for (const client of stocks.splice(0)) client.destroy()
  await ctx.close({ removeData: true })
})

const watch = async (boardId: string, params: Record<string, string> = {}) => {
  const watcher = await connectStockClient(ctx.syncUrl, boardId, { params })
  stocks.push(watcher)
  return watcher
}
const raw = async (boardId: string, query: Record<string, string> = {}) => {
  const client = await connectRawClient(ctx.syncUrl, boardId, query)
  raws.push(client)
  return client
}
/** Sends one awareness entry as JSON text, with a clock high enough to win over earlier ones. */
const say = (client: RawClient, clientId: number, state: string, clock = 1000) => client.sendRaw(awarenessFrame(awarenessUpdate([{ clientId, clock, state }])))

function presence(clientId: number, x: number): TLInstancePresence {
  return InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId(String(clientId)),
    currentPageId: 'page:page' as TLInstancePresence['currentPageId'],
    userId: 'user:someone' as TLInstancePresence['userId'],
    userName: 'Someone',
    cursor: { x, y: 20, type: 'default', rotation: 0 },
  })
}

describe('a client id belongs to the first live connection that uses it (issue 10, item 9)', () => {
  it('drops another connection moving, blanking or removing that person, and gives the id free once its owner leaves', async () => {
    const boardId = await ctx.createBoard()
    const owner = await raw(boardId)
    const forger = await raw(boardId)
    const watcher = await watch(boardId)
    const id = owner.doc.clientID
    say(owner, id, JSON.stringify({ user: { name: 'Owner', color: '#02B1CC' }, presence: presence(id, 10) }), 1)
    await waitFor(() => watcher.provider.awareness.getStates().get(id)?.user?.name === 'Owner', { what: 'the owner seen' })

    say(forger, id, JSON.stringify({ user: { name: 'Forged' }, presence: presence(id, 999) }), 50)
    say(forger, id, 'null', 60)
    // A later state of the forger's own proves the forged ones were handled first.
    say(forger, forger.doc.clientID, JSON.stringify({ user: { name: 'Forger' } }), 1)
    await waitFor(() => watcher.provider.awareness.getStates().get(forger.doc.clientID)?.user?.name === 'Forger', { what: "the forger's own state" })
    expect(watcher.provider.awareness.getStates().get(id)).toMatchObject({ user: { name: 'Owner' }, presence: { cursor: { x: 10 } } })

    forger.close()
    await waitFor(() => !watcher.provider.awareness.getStates().has(forger.doc.clientID), { what: "the forger's state removed" })
    expect(watcher.provider.awareness.getStates().get(id)?.user?.name).toBe('Owner')

    owner.close()
    await waitFor(() => !watcher.provider.awareness.getStates().has(id), { what: "the owner's state removed when it left" })
    const successor = await raw(boardId)
    say(successor, id, JSON.stringify({ user: { name: 'Successor' } }), 2000)
    await waitFor(() => watcher.provider.awareness.getStates().get(id)?.user?.name === 'Successor', { what: 'the freed id taken by a new connection' })
  })
})

describe('echoed awareness costs nothing (issue 10, items 9 and 10)', () => {
  it('neither charges nor closes a connection that echoes other people\'s states, as stock y-websocket clients do', async () => {
    await ctx.close({ removeData: true })
    ctx = await startTestServer({ limits: { maxAwarenessPerSecond: 1 } })
    const board = await ctx.createBoard()
    const owner = await raw(board)
    const echoer = await raw(board)
    say(owner, owner.doc.clientID, JSON.stringify({ user: { name: 'Owner' } }), 1)
    // Far past four times one relay a second: every frame names only the owner's id, as an echo does.
    for (let clock = 2; clock < 200; clock++) say(echoer, owner.doc.clientID, JSON.stringify({ user: { name: 'Owner' } }), clock)
    const answered = echoer.frames.length
    echoer.sendRaw(queryAwarenessFrame())
    await waitFor(() => echoer.frames.length > answered, { what: 'the echoes handled' })
    expect(echoer.ws.readyState).toBe(echoer.ws.OPEN)
  })
})

describe('awareness states are checked against the presence shape (issue 10, item 9)', () => {
  it.each([
    ['nested 20,000 deep', () => '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)],
    ['over the size limit', () => JSON.stringify({ user: { name: 'Big', color: '#000' }, blob: 'x'.repeat(300 * 1024) })],
    ['not JSON', () => '{"user":'],
  ])('closes a connection whose state is %s with 4400, on an open board and a workshop board, and later joins work', async (_name, state) => {
    const workshop: TestWorkshop = await createWorkshop(ctx)
    for (const [boardId, query] of [[await ctx.createBoard(), {}], [workshop.boardId, { token: workshop.tokens.participant }]] as const) {
      const attacker = await raw(boardId, query)
      say(attacker, attacker.doc.clientID, state())
      expect((await attacker.closed).code).toBe(CloseCode.badMessage)
      const later = await watch(boardId, query)
      expect(later.provider.synced).toBe(true)
    }
  })

  it('drops, without closing, a presence that fails tldraw’s validator or names another client, and relays a valid one', async () => {
    const boardId = await ctx.createBoard()
    const client = await raw(boardId)
    const watcher = await watch(boardId)
    const room = (await ctx.server.registry.loadedRoom(boardId))!
    const id = client.doc.clientID
    const held = async (clock: number, state: string) => {
      say(client, id, state, clock)
      // The server answers a query after it has handled every frame before it.
      const answered = client.frames.length
      client.sendRaw(queryAwarenessFrame())
      await waitFor(() => client.frames.length > answered, { what: 'the query answered' })
      return room.presence.awareness.getStates().get(id)
    }
    expect(await held(1, JSON.stringify({ user: { name: 'A' }, presence: { ...presence(id, 1), cursor: { x: 'left' } } }))).toBeUndefined()
    expect(await held(2, JSON.stringify({ user: { name: 'B' }, presence: presence(id + 1, 2) }))).toBeUndefined()
    expect(await held(3, JSON.stringify({ user: { name: 7 } }))).toBeUndefined()
    expect(await held(4, JSON.stringify({ user: { name: 'C' }, presence: presence(id, 3) }))).toMatchObject({ user: { name: 'C' } })
    await waitFor(() => watcher.provider.awareness.getStates().get(id)?.user?.name === 'C', { what: 'the valid state relayed' })
    expect(client.ws.readyState).toBe(client.ws.OPEN)
  })

  it('stamps the invite’s person on a workshop board so tldraw accepts the presence (user: ids)', async () => {
    const workshop = await createWorkshop(ctx)
    const participant = await joinWorkshop(ctx, workshop, 'participant', 'Osallistuja')
    raws.push(participant)
    const watcher = await watch(workshop.boardId, { token: workshop.tokens.viewer })
    const id = participant.doc.clientID
    say(participant, id, JSON.stringify({ user: { name: 'Someone else', color: '#000000' }, presence: presence(id, 5) }), 1)
    await waitFor(() => watcher.provider.awareness.getStates().get(id)?.presence, { what: 'the stamped presence' })
    const relayed = watcher.provider.awareness.getStates().get(id)!
    expect(relayed.user).toMatchObject({ name: 'Osallistuja', personId: personIdOf(participant), role: 'participant' })
    expect(relayed.presence).toMatchObject({ userId: `user:${personIdOf(participant)}`, userName: 'Osallistuja' })
    expect(() => InstancePresenceRecordType.validate(relayed.presence)).not.toThrow()
  })
})
