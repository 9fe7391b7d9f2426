import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { META_KEY, RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { geoShape } from '../helpers/geoShape.js'
import { connectRawClient, type RawClient } from '../helpers/rawClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { waitFor } from '../helpers/waitFor.js'

let ctx: TestServer
const clients: RawClient[] = []
beforeEach(async () => {
  ctx = await startTestServer()
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  await ctx.close({ removeData: true })
})

const valid = () => ({ key: 'shape:ok', val: geoShape('shape:ok') })

/**
 * The update a hostile client builds by writing straight into its own doc:
 * every Yjs content kind, every root type, meta keys other than `schema`.
 * Each builder writes into a fresh doc that already holds what the server holds.
 */
const hostileWrites: [string, (doc: Y.Doc) => void][] = [
  ['ContentJSON holding an invalid record', (doc) => insertContent(doc, new Y.ContentJSON([{ key: 'shape:x', val: { id: 'shape:x', typeName: 'shape' } }]))],
  ['ContentJSON null', (doc) => insertContent(doc, new Y.ContentJSON([null]))],
  ['ContentJSON holding a valid record', (doc) => insertContent(doc, new Y.ContentJSON([valid()]))],
  ['ContentString', (doc) => insertContent(doc, new Y.ContentString('shape:x'))],
  ['ContentBinary', (doc) => insertContent(doc, new Y.ContentBinary(new Uint8Array([1, 2, 3])))],
  ['ContentEmbed', (doc) => insertContent(doc, new Y.ContentEmbed({ key: 'shape:x' }))],
  ['ContentFormat', (doc) => insertContent(doc, new Y.ContentFormat('bold', true))],
  ['a nested Y.Map in the records array', (doc) => doc.getArray(RECORDS_KEY).push([new Y.Map()])],
  ['a nested Y.Array in the records array', (doc) => doc.getArray(RECORDS_KEY).push([new Y.Array()])],
  ['a nested Y.Text in the records array', (doc) => doc.getArray(RECORDS_KEY).push([new Y.Text('x')])],
  ['a subdocument in the records array', (doc) => doc.getArray(RECORDS_KEY).push([new Y.Doc()])],
  ['ContentAny null', (doc) => doc.getArray(RECORDS_KEY).push([null])],
  ['ContentAny holding an invalid record', (doc) => doc.getArray(RECORDS_KEY).push([{ key: 'shape:x', val: { id: 'shape:x' } }])],
  ['a user record (names come from the invite, not the doc)', (doc) => doc.getArray(RECORDS_KEY).push([{ key: 'user:someone', val: { id: 'user:someone', typeName: 'user', name: 'The facilitator', meta: {} } }])],
  ['another root array', (doc) => doc.getArray('evil').push([valid()])],
  ['another root map', (doc) => doc.getMap('evil').set('x', 1)],
  ['another root text', (doc) => doc.getText('evil').insert(0, 'x')],
  ['a meta key other than schema', (doc) => doc.getMap(META_KEY).set('votes', { 'shape:x': 99 })],
  ['a meta schema that is not a schema', (doc) => doc.getMap(META_KEY).set('schema', 'nope')],
  ['a nested map as meta schema', (doc) => doc.getMap(META_KEY).set('schema', new Y.Map())],
]

/** Pushes raw content into the records array, as Yjs itself would for a type it does not check. */
function insertContent(doc: Y.Doc, content: ConstructorParameters<typeof Y.Item>[7]): void {
  const array = doc.getArray(RECORDS_KEY) as unknown as { _start: Y.Item | null; _length: number }
  doc.transact((transaction) => {
    let last: Y.Item | null = array._start
    while (last?.right) last = last.right
    const item = new Y.Item(new Y.ID(doc.clientID, Y.getState(doc.store, doc.clientID)), last, last?.lastId ?? null, null, null, array as never, null, content)
    item.integrate(transaction, 0)
  })
}

/** Builds the hostile update against the board's current state and sends it from a fresh raw client. */
async function sendHostile(boardId: string, write: (doc: Y.Doc) => void): Promise<RawClient> {
  const client = await connectRawClient(ctx.syncUrl, boardId)
  clients.push(client)
  client.hello()
  const updates: Uint8Array[] = []
  client.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(update))
  write(client.doc)
  client.sendUpdate(Y.mergeUpdates(updates))
  return client
}

describe('every Yjs content kind and root type (issue 10, item 7)', () => {
  it.each(hostileWrites)('refuses %s with 4422, stores nothing, and acks nothing of it', async (_name, write) => {
    const boardId = await ctx.createBoard()
    const before = await ctx.storage.loadDoc(boardId)
    const attacker = await sendHostile(boardId, write)
    expect((await attacker.closed).code).toBe(CloseCode.invalidRecord)
    expect(attacker.control).toContainEqual(expect.objectContaining({ type: 'rejected', reason: 'invalidRecord' }))
    const acked = attacker.control.filter((message) => message.type === 'ack').flatMap((message) => Object.keys(message.type === 'ack' ? message.clocks : {}))
    expect(acked).not.toContain(String(attacker.doc.clientID))
    expect(await ctx.storage.loadDoc(boardId)).toEqual(before)
    // The board still works: a valid write after the refusal is stored.
    const writer = await sendHostile(boardId, (doc) => doc.getArray(RECORDS_KEY).push([valid()]))
    await waitFor(() => writer.control.some((message) => message.type === 'ack' && message.clocks[writer.doc.clientID] > 0), { what: 'the valid write acked' })
  })
})

describe('acks come from the committed state (issue 10, item 1)', () => {
  it('never acks an update whose dependencies are missing, and acks it once they arrive and it is stored', async () => {
    const boardId = await ctx.createBoard()
    const writer = new Y.Doc()
    const first: Uint8Array[] = []
    const second: Uint8Array[] = []
    writer.on('update', (update: Uint8Array) => (first.length === 0 ? first : second).push(update))
    writer.getArray(RECORDS_KEY).push([{ key: 'shape:a', val: geoShape('shape:a') }])
    writer.getArray(RECORDS_KEY).push([{ key: 'shape:b', val: geoShape('shape:b') }])

    // Another client sends only the second update: Yjs holds it as pending structs, neither integrated nor stored.
    const sender = await connectRawClient(ctx.syncUrl, boardId)
    clients.push(sender)
    sender.hello()
    await waitFor(() => sender.control.some((message) => message.type === 'ack'), { what: 'the hello ack' })
    sender.sendUpdate(second[0])
    const probe = await connectRawClient(ctx.syncUrl, boardId)
    clients.push(probe)
    probe.hello()
    await waitFor(() => probe.control.some((message) => message.type === 'ack'), { what: 'a later round trip, so the pending update was handled' })
    const clockOf = (client: RawClient) =>
      Math.max(0, ...client.control.flatMap((message) => (message.type === 'ack' ? [message.clocks[writer.clientID] ?? 0] : [])))
    expect(clockOf(sender)).toBe(0)
    expect((await ctx.storage.loadDoc(boardId)).updates).toHaveLength(0)

    // The missing update arrives from elsewhere: both are integrated, committed, and the sender is acked.
    probe.sendUpdate(first[0])
    await waitFor(() => clockOf(sender) === Y.getState(writer.store, writer.clientID), { what: 'the pending update acked once stored' })
    const stored = new Y.Doc()
    for (const update of (await ctx.storage.loadDoc(boardId)).updates) Y.applyUpdate(stored, update)
    expect(Y.getState(stored.store, writer.clientID)).toBe(Y.getState(writer.store, writer.clientID))
  })

  it('closes a connection whose missing-dependency updates pass maxPendingBytes with 4503 and keeps the room working', async () => {
    await ctx.close({ removeData: true })
    ctx = await startTestServer({ limits: { maxPendingBytes: 64 * 1024 } })
    const boardId = await ctx.createBoard()
    const flooder = await connectRawClient(ctx.syncUrl, boardId)
    clients.push(flooder)
    const source = new Y.Doc()
    const updates: Uint8Array[] = []
    source.on('update', (update: Uint8Array) => updates.push(update))
    const text = 'x'.repeat(8 * 1024)
    for (let i = 0; i < 20; i++) source.getArray(RECORDS_KEY).push([{ key: `shape:p${i}`, val: { ...geoShape(`shape:p${i}`), meta: { text } } }])
    // Everything but the first: each waits for it, and together they pass 64 KiB.
    for (const update of updates.slice(1)) flooder.sendUpdate(update)
    expect((await flooder.closed).code).toBe(CloseCode.pendingTooLarge)
    const writer = await sendHostile(boardId, (doc) => doc.getArray(RECORDS_KEY).push([valid()]))
    await waitFor(() => writer.control.some((message) => message.type === 'ack' && message.clocks[writer.doc.clientID] > 0), { what: 'a valid write acked after the flood' })
  })
})
