import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { signCredential } from '../../server/workshops/personCredential.js'
import { connectRawClient, type RawClient } from '../helpers/rawClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { waitFor } from '../helpers/waitFor.js'
import { addElevators, createWorkshop, joinWorkshop, latestRounds, personIdOf, type TestWorkshop } from '../helpers/workshopFixture.js'

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
const join = async (role: keyof TestWorkshop['tokens'], name: string, cookie?: string) => {
  const client = await joinWorkshop(ctx, workshop, role, name, cookie)
  clients.push(client)
  return client
}
const peopleOf = (client: RawClient) => {
  const people = client.control.filter((message) => message.type === 'people').at(-1)
  return people?.type === 'people' ? people.people : []
}

async function voteRound(facilitator: RawClient): Promise<string> {
  await addElevators(ctx, workshop, facilitator, 1)
  facilitator.sendControl({ type: 'start-round', settings: { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 1, maxVotesPerCard: 1, isAnonymous: false, isHiddenUntilReveal: false, durationSeconds: null } })
  await waitFor(() => latestRounds(facilitator).length > 0, { what: 'the round' })
  return latestRounds(facilitator)[0].round.id
}

describe('who a person is: issued by the server (issue 10, item 8)', () => {
  it('ignores a person id named in the query and mints each browser its own', async () => {
    const victim = await join('participant', 'Victim')
    const victimId = personIdOf(victim)
    const impostor = await connectRawClient(ctx.syncUrl, workshop.boardId, { token: workshop.tokens.participant, person: victimId, name: 'Impostor' })
    clients.push(impostor)
    impostor.hello()
    await waitFor(() => impostor.control.some((message) => message.type === 'session'), { what: 'the impostor session' })
    expect(personIdOf(impostor)).not.toBe(victimId)
    expect(personIdOf(impostor)).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })

  it('brings a browser back as the same person with its credential, and refuses a forged or borrowed-looking one', async () => {
    const first = await join('participant', 'Returning')
    expect(first.credentialCookie).toMatch(/^kuilu_person=p1\./)
    const again = await join('participant', 'Returning', first.credentialCookie!)
    expect(personIdOf(again)).toBe(personIdOf(first))
    const unsigned = await join('participant', 'Forger', `kuilu_person=p1.${personIdOf(first)}.not-our-signature`)
    expect(personIdOf(unsigned)).not.toBe(personIdOf(first))
    const otherSecret = await join('participant', 'Forger', `kuilu_person=${signCredential('another-secret', personIdOf(first))}`)
    expect(personIdOf(otherSecret)).not.toBe(personIdOf(first))
  })

  it("cannot withdraw or cast a victim's votes by naming the victim's id", async () => {
    const facilitator = await join('facilitator', 'Facilitator')
    const roundId = await voteRound(facilitator)
    const victim = await join('participant', 'Victim')
    victim.sendControl({ type: 'vote', roundId, cardId: 'shape:elevator-0' })
    await waitFor(async () => (await ctx.workshopStore.listVotes(roundId)).length === 1, { what: "the victim's vote" })
    const attacker = await connectRawClient(ctx.syncUrl, workshop.boardId, { token: workshop.tokens.participant, person: personIdOf(victim), name: 'Victim' })
    clients.push(attacker)
    attacker.hello()
    await waitFor(() => attacker.control.some((message) => message.type === 'session'), { what: 'the attacker session' })
    attacker.sendControl({ type: 'unvote', roundId, cardId: 'shape:elevator-0' })
    await waitFor(() => attacker.control.some((message) => message.type === 'refused'), { what: 'the withdrawal refused' })
    expect(attacker.control.find((message) => message.type === 'refused')).toMatchObject({ reason: 'noVoteToWithdraw' })
    expect((await ctx.workshopStore.listVotes(roundId)).map((vote) => vote.voterId)).toEqual([personIdOf(victim)])
  })

  it("takes a role only from the invite: a viewer link never rewrites the facilitator's row", async () => {
    const facilitator = await join('facilitator', 'Facilitator')
    const viewer = await connectRawClient(ctx.syncUrl, workshop.boardId, { token: workshop.tokens.viewer, person: personIdOf(facilitator), name: 'Not the facilitator' })
    clients.push(viewer)
    viewer.hello()
    await waitFor(() => viewer.control.some((message) => message.type === 'session'), { what: 'the viewer session' })
    expect(viewer.control.find((message) => message.type === 'session')).toMatchObject({ role: 'viewer' })
    const people = await ctx.workshopStore.listPeople(workshop.id)
    expect(people.find((person) => person.id === personIdOf(facilitator))).toMatchObject({ name: 'Facilitator', role: 'facilitator' })
  })

  it('never sends a credential to anyone: frames carry person ids, not the signed cookie', async () => {
    const a = await join('participant', 'A')
    const b = await join('participant', 'B')
    await waitFor(() => peopleOf(a).length >= 2, { what: 'the people list' })
    const signature = a.credentialCookie!.split('.').at(-1)!
    for (const client of [a, b]) expect(JSON.stringify(client.control)).not.toContain(signature)
  })
})

describe('links that expire close their connections (issue 10, item 11)', () => {
  async function participantLinkId(): Promise<string> {
    const response = await fetch(`${ctx.server.url}/api/workshops/${workshop.id}`, { headers: { authorization: `Bearer ${workshop.tokens.facilitator}` } })
    const body = (await response.json()) as { links: { id: string; role: string }[] }
    return body.links.find((link) => link.role === 'participant')!.id
  }
  const setExpiry = async (linkId: string, expiresAt: number) =>
    fetch(`${ctx.server.url}/api/workshops/${workshop.id}/links/${linkId}/expiry`, { method: 'POST', headers: { authorization: `Bearer ${workshop.tokens.facilitator}` }, body: JSON.stringify({ expiresAt }) })

  it('closes the open sockets of a link whose expiry is moved into the past, as a revoked one', async () => {
    const participant = await join('participant', 'Participant')
    const facilitator = await join('facilitator', 'Facilitator')
    expect((await setExpiry(await participantLinkId(), clock - 1000)).status).toBe(200)
    expect((await participant.closed).code).toBe(CloseCode.inviteExpired)
    expect(facilitator.ws.readyState).toBe(facilitator.ws.OPEN)
  })

  it('closes them when the link reaches a nearer expiry while they are connected', async () => {
    const participant = await join('participant', 'Participant')
    expect((await setExpiry(await participantLinkId(), Date.now() + 300)).status).toBe(200)
    clock = Date.now() + 400
    expect((await participant.closed).code).toBe(CloseCode.inviteExpired)
  })
})
