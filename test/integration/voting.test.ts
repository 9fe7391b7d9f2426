import { describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import type { RoundResults } from '../../shared/rules/voting.js'
import type { Vote } from '../../shared/rules/votingTypes.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import type { RawClient } from '../helpers/rawClient.js'
import type { TestServer } from '../helpers/startTestServer.js'
import { waitFor } from '../helpers/waitFor.js'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { addElevators, latestRounds, personIdOf, type TestWorkshop, useWorkshopSession } from '../helpers/workshopFixture.js'

let ctx: TestServer
let workshop: TestWorkshop
const session = useWorkshopSession((started) => ({ ctx, workshop } = started))
const join = session.join
const person = (i: number) => `participant-${String(i).padStart(8, '0')}`

async function startRound(facilitator: RawClient, settings: Record<string, unknown>): Promise<string> {
  const before = latestRounds(facilitator).length
  facilitator.sendControl({ type: 'start-round', settings: { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3, isAnonymous: false, isHiddenUntilReveal: true, durationSeconds: null, ...settings } })
  await waitFor(() => latestRounds(facilitator).length > before, { what: 'the round' })
  return latestRounds(facilitator).at(-1)!.round.id
}

describe('voting rounds on the server', () => {
  it('accepts exactly 3 votes per person when 20 participants vote at once, and the tally equals the database', async () => {
    const facilitator = await join('facilitator', 'facilitator-0000001')
    const cards = await addElevators(ctx, workshop, facilitator, 4)
    const roundId = await startRound(facilitator, { votesPerPerson: 3, maxVotesPerCard: 3 })
    const participants = await Promise.all(Array.from({ length: 20 }, (_, i) => join('participant', person(i))))
    for (const [i, participant] of participants.entries()) {
      for (let vote = 0; vote < 6; vote++) participant.sendControl({ type: 'vote', roundId, cardId: cards[(i + vote) % cards.length] })
    }
    const stored: Vote[] = (await waitFor(
      async () => {
        const votes = await ctx.workshopStore.listVotes(roundId)
        const settled = participants.every((p) => p.control.filter((m) => m.type === 'refused').length >= 3)
        return settled ? votes : null
      },
      { what: 'all ballots handled', timeoutMs: 15_000 },
    ))!
    const perPerson = new Map<string, number>()
    for (const vote of stored) perPerson.set(vote.voterId, (perPerson.get(vote.voterId) ?? 0) + 1)
    expect(perPerson.size).toBe(20)
    expect([...perPerson.values()].every((count) => count === 3)).toBe(true)
    expect(stored).toHaveLength(60)

    await waitFor(() => (latestRounds(facilitator).at(-1)?.results as RoundResults | undefined)?.votersCount === 20, { what: 'facilitator sees 20 voters' })
    // Hidden until reveal, from the facilitator too: the tally comes with the reveal.
    expect((latestRounds(facilitator).at(-1)!.results as RoundResults).tally).toBeNull()
    facilitator.sendControl({ type: 'reveal-round', roundId })
    await waitFor(() => latestRounds(facilitator).at(-1)?.round.state === 'revealed', { what: 'revealed' })
    const tally = (latestRounds(facilitator).at(-1)!.results as RoundResults).tally!
    const fromDb: Record<string, number> = {}
    for (const vote of stored) fromDb[vote.cardId] = (fromDb[vote.cardId] ?? 0) + 1
    expect(tally).toEqual(fromDb)
  })

  it('caps how many of one person\'s votes sit on one card, inside the transaction', async () => {
    const facilitator = await join('facilitator', 'facilitator-0000001')
    const [card, other] = await addElevators(ctx, workshop, facilitator, 2)
    const roundId = await startRound(facilitator, { votesPerPerson: 5, maxVotesPerCard: 2 })
    const voter = await join('participant', person(1))
    const second = await join('participant', person(2))
    for (let i = 0; i < 5; i++) voter.sendControl({ type: 'vote', roundId, cardId: card })
    voter.sendControl({ type: 'vote', roundId, cardId: other })
    second.sendControl({ type: 'vote', roundId, cardId: card })
    await waitFor(() => voter.control.filter((m) => m.type === 'refused').length === 3, { what: 'three refused' })
    await waitFor(async () => (await ctx.workshopStore.listVotes(roundId)).length === 4, { what: 'four stored' })
    const votes = await ctx.workshopStore.listVotes(roundId)
    expect(votes.filter((vote) => vote.voterId === personIdOf(voter) && vote.cardId === card)).toHaveLength(2)
    expect(votes.filter((vote) => vote.cardId === card)).toHaveLength(3)
  })

  it('refuses a vote in a closed round, out of scope, by a viewer, and closes a connection that names a voter', async () => {
    const facilitator = await join('facilitator', 'facilitator-0000001')
    const viewer = await join('viewer', 'viewer-person-00001')
    const voter = await join('participant', person(1))
    const [inScope] = await addElevators(ctx, workshop, facilitator, 1)
    const roundId = await startRound(facilitator, { scope: { kind: 'selection', cardIds: [inScope] } })
    const refusals = (client: RawClient) => client.control.filter((m) => m.type === 'refused').map((m) => (m as { reason: string }).reason)

    viewer.sendControl({ type: 'vote', roundId, cardId: inScope })
    await waitFor(() => refusals(viewer).length === 1, { what: 'viewer refused' })
    expect(refusals(viewer)).toEqual(['roleCannotVote'])
    voter.sendControl({ type: 'vote', roundId, cardId: 'shape:not-in-scope' })
    await waitFor(() => refusals(voter).length === 1, { what: 'out of scope refused' })
    expect(refusals(voter)).toEqual(['cardNotInRound'])
    // Naming a voter is not a field of a vote: the message is malformed, its connection is closed, and nothing is stored.
    const forger = await join('participant', 'forger')
    forger.sendControl({ type: 'vote', roundId, cardId: inScope, voterId: personIdOf(voter), personId: personIdOf(voter) })
    expect((await forger.closed).code).toBe(CloseCode.badMessage)
    voter.sendControl({ type: 'vote', roundId, cardId: inScope })
    await waitFor(async () => (await ctx.workshopStore.listVotes(roundId)).length === 1, { what: 'the vote' })
    expect((await ctx.workshopStore.listVotes(roundId)).map((vote) => vote.voterId)).toEqual([personIdOf(voter)])

    facilitator.sendControl({ type: 'close-round', roundId })
    await waitFor(() => latestRounds(voter).at(-1)?.round.state === 'closed', { what: 'closed' })
    voter.sendControl({ type: 'vote', roundId, cardId: inScope })
    await waitFor(() => refusals(voter).length === 2, { what: 'closed round refused' })
    expect(refusals(voter)[1]).toBe('roundClosed')
    expect(await ctx.workshopStore.listVotes(roundId)).toHaveLength(1)
  })

  it('ignores votes a modified client writes into the Yjs document', async () => {
    const facilitator = await join('facilitator', 'facilitator-0000001')
    const [card] = await addElevators(ctx, workshop, facilitator, 1)
    const roundId = await startRound(facilitator, { isHiddenUntilReveal: false })
    const cheat = await join('participant', person(9))
    const kv = new YKeyValue<Record<string, unknown>>(cheat.doc.getArray(RECORDS_KEY))
    const updates: Uint8Array[] = []
    cheat.doc.on('update', (update: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(update))
    kv.set(card, { ...(kv.get(card) as Record<string, unknown>), meta: { votes: 99, [roundId]: { tally: 99 } } })
    cheat.sendUpdate(Y.mergeUpdates(updates))
    const room = await ctx.server.registry.loadedRoom(workshop.boardId)
    const metaVotes = () => (room!.context.readShapes().find((shape) => shape.id === card) as { meta?: { votes?: number } } | undefined)?.meta?.votes ?? 0
    await waitFor(() => metaVotes() === 99, { what: 'the forged meta stored' })
    facilitator.sendControl({ type: 'reveal-round', roundId })
    await waitFor(() => latestRounds(cheat).at(-1)?.round.state === 'revealed', { what: 'revealed' })
    const results = latestRounds(cheat).at(-1)!.results as RoundResults
    expect(results.tally).toEqual({})
    expect(await ctx.workshopStore.listVotes(roundId)).toEqual([])
  })

  it('hides tallies from participants until reveal and never sends voter ids in an anonymous round', async () => {
    const facilitator = await join('facilitator', 'facilitator-0000001')
    const cards = await addElevators(ctx, workshop, facilitator, 2)
    const roundId = await startRound(facilitator, { isAnonymous: true, isHiddenUntilReveal: true })
    const a = await join('participant', person(1))
    const b = await join('participant', person(2))
    a.sendControl({ type: 'vote', roundId, cardId: cards[0] })
    b.sendControl({ type: 'vote', roundId, cardId: cards[1] })
    await waitFor(() => (latestRounds(b).at(-1)?.results as RoundResults | undefined)?.votersCount === 2, { what: 'both voted' })
    expect((latestRounds(b).at(-1)!.results as RoundResults).tally).toBeNull()
    facilitator.sendControl({ type: 'reveal-round', roundId })
    await waitFor(() => (latestRounds(a).at(-1)?.results as RoundResults | undefined)?.ranking !== null && latestRounds(a).at(-1)?.round.state === 'revealed', { what: 'revealed' })
    for (const client of [a, b, facilitator]) {
      const json = JSON.stringify(client.control.filter((m) => m.type === 'rounds'))
      const other = personIdOf(client === a ? b : a)
      expect(json).not.toContain(other)
    }
    expect((latestRounds(a).at(-1)!.results as RoundResults).ranking).toEqual((latestRounds(facilitator).at(-1)!.results as RoundResults).ranking)
  })
})
