import { describe, expect, it } from 'vitest'
import type { RoundsMessage } from '../../shared/protocol/workshopMessages.js'
import type { RawClient } from '../helpers/rawClient.js'
import type { TestServer } from '../helpers/startTestServer.js'
import { waitFor } from '../helpers/waitFor.js'
import { addElevators, latestRounds, type TestWorkshop, useWorkshopSession } from '../helpers/workshopFixture.js'

type PlanAnswer = { round: { id: string; state: string } | null; votes: Record<string, number> | null }

let ctx: TestServer
let workshop: TestWorkshop
const session = useWorkshopSession((started) => ({ ctx, workshop } = started))
const join = session.join
const get = (path: string, token = workshop.tokens.participant) => fetch(`${ctx.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
const plan = async (query = '') => (await (await get(`/api/boards/${workshop.boardId}/action-plan.json${query}`)).json()) as PlanAnswer
const lastRounds = (client: RawClient) => client.control.filter((message): message is RoundsMessage => message.type === 'rounds').at(-1)
const refusals = (client: RawClient) => client.control.flatMap((message) => (message.type === 'refused' ? [message.reason] : []))

async function startRound(facilitator: RawClient, settings: Record<string, unknown> = {}): Promise<string> {
  const before = latestRounds(facilitator).length
  facilitator.sendControl({
    type: 'start-round',
    settings: { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3, isAnonymous: false, isHiddenUntilReveal: true, durationSeconds: null, ...settings },
  })
  await waitFor(() => latestRounds(facilitator).length > before, { what: 'the round' })
  return latestRounds(facilitator).at(-1)!.round.id
}
async function vote(voter: RawClient, roundId: string, cardIds: string[]): Promise<void> {
  const before = (await ctx.workshopStore.listVotes(roundId)).length
  for (const cardId of cardIds) voter.sendControl({ type: 'vote', roundId, cardId })
  await waitFor(async () => (await ctx.workshopStore.listVotes(roundId)).length === before + cardIds.length, { what: 'the votes stored' })
}
async function close(facilitator: RawClient, roundId: string): Promise<void> {
  facilitator.sendControl({ type: 'close-round', roundId })
  await waitFor(() => latestRounds(facilitator).find((view) => view.round.id === roundId)?.round.state === 'closed', { what: 'the round closed' })
}

describe('every round keeps its results, and the board shows one chosen round', () => {
  it('defaults to the latest revealed or closed round with ballots; an explicit ?round= and the facilitator\'s choice pick another', async () => {
    const facilitator = await join('facilitator', 'Facilitator')
    const [a, b, c] = await addElevators(ctx, workshop, facilitator, 3)
    const voters = [await join('participant', 'Participant one'), await join('participant', 'Participant two')]
    const first = await startRound(facilitator)
    await vote(voters[0], first, [a, a, b])
    await vote(voters[1], first, [a, b, c])
    facilitator.sendControl({ type: 'reveal-round', roundId: first })
    await close(facilitator, first)
    const second = await startRound(facilitator)
    await close(facilitator, second)

    // The empty second round hides nothing: the plan, the CSV and everyone's rounds message show round one.
    expect(await plan()).toMatchObject({ round: { id: first, state: 'closed' }, votes: { [a]: 3, [b]: 2, [c]: 1 } })
    await waitFor(() => lastRounds(voters[1])?.rounds.length === 2, { what: 'both rounds on a participant' })
    expect(lastRounds(voters[1])).toMatchObject({ shownRoundId: first, isShownRoundChosen: false })
    expect(latestRounds(voters[1]).find((view) => view.round.id === first)?.results.tally).toEqual({ [a]: 3, [b]: 2, [c]: 1 })

    expect(await plan(`?round=${second}`)).toMatchObject({ round: { id: second, state: 'closed' }, votes: {} })
    const csv = await (await get(`/api/boards/${workshop.boardId}/action-plan.csv?lang=en&round=${first}`)).text()
    expect(csv.split('\r\n').find((line) => line.includes('Action 0'))).toMatch(/[,;]3$/)
    const open = await startRound(facilitator)
    await vote(voters[0], open, [c])
    for (const [query, status, reason] of [[`?round=${open}`, 409, 'roundNotRevealed'], ['?round=no-such-round', 404, 'roundNotFound']] as const) {
      const answer = await get(`/api/boards/${workshop.boardId}/action-plan.json${query}`)
      expect([answer.status, ((await answer.json()) as { reason: string }).reason]).toEqual([status, reason])
    }

    // The facilitator shows the empty round: stored, and broadcast to everyone on the board; the plan follows.
    facilitator.sendControl({ type: 'show-round', roundId: second })
    await waitFor(() => voters.every((voter) => lastRounds(voter)?.shownRoundId === second), { what: 'everyone shown round two' })
    expect(lastRounds(voters[0])?.isShownRoundChosen).toBe(true)
    expect(await ctx.workshopStore.getShownRound(workshop.boardId)).toBe(second)
    expect(await plan()).toMatchObject({ round: { id: second }, votes: {} })
    facilitator.sendControl({ type: 'show-round', roundId: null })
    await waitFor(() => lastRounds(voters[0])?.shownRoundId === first, { what: 'back to the default' })
    expect(await plan()).toMatchObject({ round: { id: first } })
  })

  it('lets only the facilitator choose, and only a revealed or closed vote round of this board', async () => {
    const facilitator = await join('facilitator', 'Facilitator')
    const participant = await join('participant', 'Participant')
    const open = await startRound(facilitator)
    const score = await startRound(facilitator, { kind: 'score' })
    participant.sendControl({ type: 'show-round', roundId: open })
    facilitator.sendControl({ type: 'show-round', roundId: open })
    facilitator.sendControl({ type: 'show-round', roundId: score })
    facilitator.sendControl({ type: 'show-round', roundId: 'no-such-round' })
    await waitFor(() => refusals(facilitator).length === 3 && refusals(participant).length === 1, { what: 'the refusals' })
    expect(refusals(participant)).toEqual(['facilitatorOnly'])
    expect(refusals(facilitator)).toEqual(['roundNotRevealed', 'roundKindMismatch', 'roundNotFound'])
    expect(await ctx.workshopStore.getShownRound(workshop.boardId)).toBeNull()
  })
})

describe('results hidden until reveal', () => {
  it('are hidden from the facilitator too: until reveal everyone sees only how many have voted', async () => {
    const facilitator = await join('facilitator', 'Facilitator')
    const [a, b] = await addElevators(ctx, workshop, facilitator, 2)
    const voters = [await join('participant', 'Participant one'), await join('participant', 'Participant two')]
    const viewer = await join('viewer', 'Viewer')
    const roundId = await startRound(facilitator, { isHiddenUntilReveal: true })
    await vote(voters[0], roundId, [a, a])
    await vote(voters[1], roundId, [b])
    facilitator.sendControl({ type: 'vote', roundId, cardId: b })
    await waitFor(async () => (await ctx.workshopStore.listVotes(roundId)).length === 4, { what: "the facilitator's vote" })
    const everyone = [facilitator, ...voters, viewer]
    await waitFor(() => everyone.every((client) => latestRounds(client)[0]?.results.votersCount === 3), { what: 'everyone told three have voted' })
    for (const client of everyone) {
      expect(latestRounds(client)[0].results).toMatchObject({ isTallyVisible: false, tally: null, ranking: null, votersByCard: null })
      const sent = JSON.stringify(client.control.filter((message) => message.type === 'rounds'))
      expect(sent).not.toMatch(/"tally":\{/)
    }
    expect(latestRounds(facilitator)[0].results.ownVotes).toEqual({ [b]: 1 })
    expect(await plan()).toMatchObject({ round: null })

    facilitator.sendControl({ type: 'reveal-round', roundId })
    await waitFor(() => everyone.every((client) => latestRounds(client)[0]?.round.state === 'revealed'), { what: 'revealed to everyone' })
    for (const client of everyone) expect(latestRounds(client)[0].results.tally).toEqual({ [a]: 2, [b]: 2 })
  })

  it('hide a scoring round\'s summary from the facilitator too', async () => {
    const facilitator = await join('facilitator', 'Facilitator')
    const [a] = await addElevators(ctx, workshop, facilitator, 1)
    const scorer = await join('participant', 'Participant')
    const roundId = await startRound(facilitator, { kind: 'score', isHiddenUntilReveal: true })
    const roundsSent = () => facilitator.control.filter((message) => message.type === 'rounds').length
    const before = roundsSent()
    scorer.sendControl({ type: 'score', roundId, cardId: a, impact: 4, effort: 'S' })
    await waitFor(() => roundsSent() > before, { what: 'the rounds after the score' })
    expect(await ctx.workshopStore.listScores(roundId)).toHaveLength(1)
    expect(latestRounds(facilitator)[0].scores?.summary).toBeNull()
    facilitator.sendControl({ type: 'reveal-round', roundId })
    await waitFor(() => latestRounds(facilitator)[0]?.scores?.summary !== null && latestRounds(facilitator)[0]?.round.state === 'revealed', { what: 'revealed' })
    expect(Object.keys(latestRounds(facilitator)[0].scores!.summary!)).toEqual([a])
  })
})
