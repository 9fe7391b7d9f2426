import { describe, expect, it } from 'vitest'
import type { RawClient } from '../helpers/rawClient.js'
import type { TestServer } from '../helpers/startTestServer.js'
import { waitFor } from '../helpers/waitFor.js'
import { awarenessFrame, awarenessUpdate } from '../helpers/wireFrames.js'
import { type TestWorkshop, useWorkshopSession } from '../helpers/workshopFixture.js'

let ctx: TestServer
let workshop: TestWorkshop
const session = useWorkshopSession((started) => ({ ctx, workshop } = started))
const join = session.join
const lastFollow = (client: RawClient) => client.control.filter((message) => message.type === 'follow').at(-1)

describe('Follow me is server state for the session (issue 11, item 1)', () => {
  it('tells everyone, the facilitator included, names the leader by its presence, and tells a newcomer on hello', async () => {
    const facilitator = await join('facilitator', 'Facilitator')
    const participant = await join('participant', 'Participant')
    // The leader's presence client id is the one its awareness claimed.
    facilitator.sendRaw(awarenessFrame(awarenessUpdate([{ clientId: facilitator.doc.clientID, clock: 1, state: JSON.stringify({ user: { name: 'x' } }) }])))
    await waitFor(async () => (await ctx.server.registry.loadedRoom(workshop.boardId))?.presence.awareness.getStates().has(facilitator.doc.clientID), { what: 'the presence' })
    facilitator.sendControl({ type: 'follow', isOn: true })
    for (const client of [facilitator, participant]) {
      await waitFor(() => lastFollow(client), { what: 'the follow message' })
      expect(lastFollow(client)).toMatchObject({ isOn: true, facilitatorClientId: facilitator.doc.clientID })
    }
    const latecomer = await join('participant', 'Latecomer')
    await waitFor(() => lastFollow(latecomer), { what: "the newcomer's follow message" })
    expect(lastFollow(latecomer)).toMatchObject({ isOn: true, facilitatorClientId: facilitator.doc.clientID })
    facilitator.sendControl({ type: 'follow', isOn: false })
    await waitFor(() => lastFollow(latecomer)?.type === 'follow' && lastFollow(latecomer)!.isOn === false, { what: 'follow off' })
    const later = await join('viewer', 'Viewer')
    // The rounds come after any follow message on hello: once they are here, nothing about following is coming.
    await waitFor(() => later.control.some((message) => message.type === 'rounds'), { what: 'the hello state' })
    expect(lastFollow(later)).toBeUndefined()
  })

  it('refuses Follow me from a participant', async () => {
    const participant = await join('participant', 'Participant')
    participant.sendControl({ type: 'follow', isOn: true })
    await waitFor(() => participant.control.some((message) => message.type === 'refused'), { what: 'refused' })
    expect(participant.control.find((message) => message.type === 'refused')).toMatchObject({ reason: 'facilitatorOnly' })
    expect(lastFollow(participant)).toBeUndefined()
  })
})
