import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { signInvite } from '../../server/workshops/inviteTokens.js'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { expectRefused, type RawClient } from '../helpers/rawClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectStockClient, geoShape } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'
import { createWorkshop, joinWorkshop, personIdOf, type TestWorkshop } from '../helpers/workshopFixture.js'

let ctx: TestServer
let workshop: TestWorkshop
let clock = Date.now()
const clients: RawClient[] = []
beforeEach(async () => {
  clock = Date.now()
  ctx = await startTestServer({ now: () => clock })
  workshop = await createWorkshop(ctx)
})
afterEach(async () => {
  for (const client of clients.splice(0)) client.close()
  await ctx.close({ removeData: true })
})
const join = async (role: keyof TestWorkshop['tokens'], person: string, name?: string) => {
  const client = await joinWorkshop(ctx, workshop, role, name ?? person)
  clients.push(client)
  return client
}

/** Sends one record write from a raw client, the way a modified client would. */
function write(client: RawClient, id: string): void {
  const updates: Uint8Array[] = []
  const listener = (update: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(update)
  client.doc.on('update', listener)
  new YKeyValue<unknown>(client.doc.getArray(RECORDS_KEY)).set(id, geoShape(id))
  client.doc.off('update', listener)
  client.sendUpdate(Y.mergeUpdates(updates))
}

describe('invite tokens on the sync socket', () => {
  it.each([
    ['no token', () => ({}), CloseCode.inviteRequired],
    ['a forged token', () => ({ token: workshop.tokens.participant.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }), CloseCode.inviteInvalid],
    ['a token signed with another secret', () => ({ token: signInvite('other-secret', { workshopId: workshop.id, role: 'facilitator', expiresAt: clock + 1e6, linkId: 'x' }) }), CloseCode.inviteInvalid],
    ['garbage', () => ({ token: 'not-a-token' }), CloseCode.inviteInvalid],
  ])('refuses %s before sending any document byte', async (_name, query, code) => {
    const refused = await expectRefused(ctx.syncUrl, workshop.boardId, query())
    expect(refused.code).toBe(code)
    expect(refused.frames).toBe(0)
  })

  it("tells a person on a workshop board their role, name and the workshop's title (the PDF cover shows it)", async () => {
    const participant = await join('participant', 'p1', 'Osallistuja')
    const session = participant.control.find((message) => message.type === 'session')
    expect(session).toMatchObject({ role: 'participant', name: 'Osallistuja', workshopId: workshop.id, workshopTitle: 'Service design sprint' })
  })

  it('refuses a token of another workshop', async () => {
    const other = await createWorkshop(ctx, 'Another workshop')
    const refused = await expectRefused(ctx.syncUrl, workshop.boardId, { token: other.tokens.facilitator })
    expect(refused.code).toBe(CloseCode.inviteInvalid)
  })

  it('refuses an expired token', async () => {
    clock += 31 * 86_400_000
    const refused = await expectRefused(ctx.syncUrl, workshop.boardId, { token: workshop.tokens.participant })
    expect(refused.code).toBe(CloseCode.inviteExpired)
  })

  it('closes the connections of a link revoked mid-session and refuses it afterwards', async () => {
    const participant = await join('participant', 'participant-one-0001')
    const facilitator = await join('facilitator', 'facilitator-0000001')
    const description = await (await fetch(`${ctx.server.url}/api/workshops/${workshop.id}?token=${workshop.tokens.facilitator}`)).json()
    const link = (description as { links: { id: string; role: string }[] }).links.find((each) => each.role === 'participant')!
    const revoke = await fetch(`${ctx.server.url}/api/workshops/${workshop.id}/links/${link.id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${workshop.tokens.facilitator}` } })
    expect(revoke.status).toBe(200)
    expect((await participant.closed).code).toBe(CloseCode.inviteRevoked)
    expect(facilitator.ws.readyState).toBe(facilitator.ws.OPEN)
    expect((await expectRefused(ctx.syncUrl, workshop.boardId, { token: workshop.tokens.participant })).code).toBe(CloseCode.inviteRevoked)
  })

  it('lets only the facilitator call facilitator API routes', async () => {
    const asParticipant = await fetch(`${ctx.server.url}/api/workshops/${workshop.id}/boards`, { method: 'POST', headers: { authorization: `Bearer ${workshop.tokens.participant}` } })
    expect(asParticipant.status).toBe(403)
    const asNobody = await fetch(`${ctx.server.url}/api/workshops/${workshop.id}`)
    expect(asNobody.status).toBe(401)
    const other = await createWorkshop(ctx, 'Another workshop')
    const asOtherFacilitator = await fetch(`${ctx.server.url}/api/workshops/${workshop.id}`, { headers: { authorization: `Bearer ${other.tokens.facilitator}` } })
    expect(asOtherFacilitator.status).toBe(403)
    const asFacilitator = await fetch(`${ctx.server.url}/api/workshops/${workshop.id}/boards`, { method: 'POST', headers: { authorization: `Bearer ${workshop.tokens.facilitator}` } })
    expect(asFacilitator.status).toBe(201)
  })
})

describe('the server decides who writes', () => {
  it("drops a viewer's update, answers permission-denied, and leaves the stored document unchanged", async () => {
    const viewer = await join('viewer', 'viewer-person-00001')
    const watcher = await join('facilitator', 'facilitator-0000001')
    await ctx.server.registry.loadedRoom(workshop.boardId).then((room) => room!.whenCommitted())
    const before = await ctx.storage.loadDoc(workshop.boardId)
    const frames: number[] = []
    viewer.ws.on('message', (data: ArrayBuffer) => frames.push(new Uint8Array(data)[0]))
    write(viewer, 'shape:from-viewer')
    await waitFor(() => frames.includes(2), { what: 'permission-denied (auth message)' })
    expect(viewer.control).toContainEqual(expect.objectContaining({ type: 'rejected', reason: 'viewerReadOnly' }))
    write(watcher, 'shape:from-facilitator')
    await waitFor(async () => (await ctx.storage.loadDoc(workshop.boardId)).updates.length > before.updates.length, { what: 'the facilitator write' })
    const after = new Y.Doc()
    const stored = await ctx.storage.loadDoc(workshop.boardId)
    for (const update of [stored.snapshot, ...stored.updates]) if (update) Y.applyUpdate(after, update)
    const records = new YKeyValue<unknown>(after.getArray(RECORDS_KEY))
    expect(records.has('shape:from-viewer')).toBe(false)
    expect(records.has('shape:from-facilitator')).toBe(true)
  })

  it("drops a participant's update on a locked board and accepts it again once unlocked", async () => {
    const facilitator = await join('facilitator', 'facilitator-0000001')
    const participant = await join('participant', 'participant-one-0001')
    facilitator.sendControl({ type: 'set-lock', isLocked: true })
    await waitFor(() => participant.control.some((m) => m.type === 'lock' && m.isLocked), { what: 'lock' })
    write(participant, 'shape:while-locked')
    await waitFor(() => participant.control.some((m) => m.type === 'rejected' && m.reason === 'boardLocked'), { what: 'refusal' })
    expect(await ctx.workshopStore.isBoardLocked(workshop.boardId)).toBe(true)

    facilitator.sendControl({ type: 'set-lock', isLocked: false })
    await waitFor(() => participant.control.some((m) => m.type === 'lock' && !m.isLocked), { what: 'unlock' })
    const fresh = await join('participant', 'participant-two-0002')
    write(fresh, 'shape:after-unlock')
    const stock = await connectStockClient(ctx.syncUrl, workshop.boardId, { waitForSync: false, params: { token: workshop.tokens.viewer } })
    await waitFor(() => stock.records.has('shape:after-unlock'), { what: 'the write after unlock' })
    expect(stock.records.has('shape:while-locked')).toBe(false)
    stock.destroy()
  })

  it('refuses facilitator requests from a participant', async () => {
    const participant = await join('participant', 'participant-one-0001')
    participant.sendControl({ type: 'set-lock', isLocked: true })
    await waitFor(() => participant.control.some((m) => m.type === 'refused' && m.request === 'set-lock'), { what: 'refused' })
    expect(await ctx.workshopStore.isBoardLocked(workshop.boardId)).toBe(false)
  })
})

describe('awareness you can trust', () => {
  it('relays the invite name and colour, not the ones a client claims, and never another connection\'s id', async () => {
    const honest = await join('participant', 'participant-one-0001', 'Participant one')
    const forger = await join('participant', 'participant-two-0002', 'Participant two')
    const watcher = await connectStockClient(ctx.syncUrl, workshop.boardId, { params: { token: workshop.tokens.viewer } })
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness')
    const send = (client: RawClient, awareness: InstanceType<typeof Awareness>, clientId: number) => {
      const update = encodeAwarenessUpdate(awareness, [clientId])
      const frame = new Uint8Array([1, ...varUint(update.length), ...update])
      client.ws.send(frame)
    }
    const honestAwareness = new Awareness(honest.doc)
    honestAwareness.setLocalState({ user: { name: 'Participant one' } })
    send(honest, honestAwareness, honest.doc.clientID)
    const forged = new Awareness(forger.doc)
    forged.setLocalState({ user: { name: 'The facilitator', color: '#000000' } })
    send(forger, forged, forger.doc.clientID)
    const spoof = new Awareness(forger.doc)
    spoof.clientID = honest.doc.clientID
    for (let i = 0; i < 10; i++) spoof.setLocalState({ user: { name: 'Impostor' } })
    send(forger, spoof, honest.doc.clientID)
    await waitFor(() => watcher.provider.awareness.getStates().get(forger.doc.clientID)?.user, { what: 'forger state relayed' })
    expect(watcher.provider.awareness.getStates().get(forger.doc.clientID)?.user).toMatchObject({ name: 'Participant two', personId: personIdOf(forger) })
    expect(watcher.provider.awareness.getStates().get(honest.doc.clientID)?.user).toMatchObject({ name: 'Participant one' })
    for (const awareness of [honestAwareness, forged, spoof]) awareness.destroy()
    watcher.destroy()
  })
})

function varUint(value: number): number[] {
  const out: number[] = []
  while (value > 0x7f) {
    out.push((value & 0x7f) | 0x80)
    value >>>= 7
  }
  out.push(value)
  return out
}
