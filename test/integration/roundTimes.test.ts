import { describe, expect, it } from 'vitest'
import type { LogFields, Logger } from '../../server/log.js'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import type { ControlMessage } from '../../shared/protocol/messages.js'
import type { RawClient } from '../helpers/rawClient.js'
import type { TestServer } from '../helpers/startTestServer.js'
import { waitFor } from '../helpers/waitFor.js'
import { addElevators, latestRounds, type TestWorkshop, useWorkshopSession } from '../helpers/workshopFixture.js'

/** A logger that keeps every line, so a test can count what the server did. */
function keptLog(): Logger & { lines: { message: string; fields?: LogFields }[] } {
  const lines: { message: string; fields?: LogFields }[] = []
  const keep = (message: string, fields?: LogFields) => void lines.push({ message, fields })
  return { lines, info: keep, warn: keep, error: keep }
}

type TimerMessage = Extract<ControlMessage, { type: 'timer' }>

let ctx: TestServer
let workshop: TestWorkshop
// Each test starts its own server, with the clock or log it needs.
const session = useWorkshopSession((started) => ({ ctx, workshop } = started), { isStartedEachTest: false })
const join = session.join
const timers = (client: RawClient) => client.control.filter((message): message is TimerMessage => message.type === 'timer')
const refusals = (client: RawClient) => client.control.flatMap((message) => (message.type === 'refused' ? [message.reason] : []))
const roundSettings = (durationSeconds: number) => ({ kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3, isAnonymous: false, isHiddenUntilReveal: false, durationSeconds })
/** The states of one round in the order a client was told them, repeats dropped. */
const statesOf = (client: RawClient, roundId: string) =>
  client.control
    .flatMap((message) => (message.type === 'rounds' ? message.rounds.filter((view) => view.round.id === roundId).map((view) => view.round.state) : []))
    .filter((state, index, all) => state !== all[index - 1])

describe('an agenda step sets the timer in one server-side operation', () => {
  it('sets exactly the step length over a paused remainder, one broadcast per step, never a resumed 2:50', async () => {
    let clock = 1_000_000
    await session.start({ now: () => clock })
    const facilitator = await join('facilitator', 'Facilitator')
    const participant = await join('participant', 'Participant')
    facilitator.sendControl({ type: 'timer', action: 'start', durationMs: 300_000 })
    await waitFor(() => timers(participant).some((timer) => timer.isRunning), { what: 'the five-minute timer' })
    clock += 130_000
    facilitator.sendControl({ type: 'timer', action: 'pause' })
    await waitFor(() => timers(participant).at(-1)?.isRunning === false, { what: 'the pause' })
    expect(timers(participant).at(-1)).toMatchObject({ remainingMs: 170_000 })

    const before = timers(participant).length
    facilitator.sendControl({ type: 'timer', action: 'set-and-start', durationMs: 20 * 60_000 })
    await waitFor(() => timers(participant).length === before + 1, { what: 'the step' })
    const step = timers(participant).at(-1)!
    expect(step).toMatchObject({ isRunning: true, remainingMs: 1_200_000, endsAt: clock + 1_200_000, serverNow: clock })
    expect(step.endsAt! - step.serverNow).toBe(1_200_000)
    expect(await ctx.workshopStore.getTimer(workshop.boardId)).toMatchObject({ isRunning: true, endsAt: clock + 1_200_000, remainingMs: 1_200_000 })

    // Two steps clicked in a row: each is one operation, so the last one's length wins exactly, whatever order the frames meet the store in.
    clock += 7_000
    facilitator.sendControl({ type: 'timer', action: 'set-and-start', durationMs: 10 * 60_000 })
    facilitator.sendControl({ type: 'timer', action: 'set-and-start', durationMs: 15 * 60_000 })
    await waitFor(() => timers(participant).length === before + 3, { what: 'both steps' })
    expect(timers(participant).slice(-2).map((timer) => timer.endsAt! - timer.serverNow)).toEqual([600_000, 900_000])
    expect(timers(participant).slice(-2).every((timer) => timer.isRunning)).toBe(true)
  })

  it('is the facilitator\'s alone, and a step without its length is malformed', async () => {
    await session.start()
    const participant = await join('participant', 'Participant')
    participant.sendControl({ type: 'timer', action: 'set-and-start', durationMs: 60_000 })
    await waitFor(() => refusals(participant).length === 1, { what: 'the refusal' })
    expect(refusals(participant)).toEqual(['facilitatorOnly'])
    expect(await ctx.workshopStore.getTimer(workshop.boardId)).toBeNull()
    const facilitator = await join('facilitator', 'Facilitator')
    facilitator.sendControl({ type: 'timer', action: 'set-and-start' })
    expect((await facilitator.closed).code).toBe(CloseCode.badMessage)
  })
})

describe('a round with a time limit closes on the server', () => {
  it('at its time, without any client asking, exactly once, and everyone is told', { timeout: 30_000 }, async () => {
    const log = keptLog()
    await session.start({ log })
    const facilitator = await join('facilitator', 'Facilitator')
    const [card] = await addElevators(ctx, workshop, facilitator, 1)
    const participants = [await join('participant', 'Participant one'), await join('participant', 'Participant two')]
    facilitator.sendControl({ type: 'start-round', settings: roundSettings(10) })
    await waitFor(() => latestRounds(facilitator).length === 1, { what: 'the round' })
    const { round } = latestRounds(facilitator)[0]
    expect(round.endsAt).not.toBeNull()
    participants[0].sendControl({ type: 'vote', roundId: round.id, cardId: card })
    await waitFor(async () => (await ctx.workshopStore.listVotes(round.id)).length === 1, { what: 'a vote in time' })

    const everyone = [facilitator, ...participants]
    await waitFor(() => everyone.every((client) => latestRounds(client)[0]?.round.state === 'closed'), { what: 'the round closed on every client', timeoutMs: 15_000 })
    expect(Date.now()).toBeGreaterThanOrEqual(round.endsAt!)
    expect((await ctx.workshopStore.getRound(round.id))?.state).toBe('closed')
    // Nothing more to do for it: a closing by hand and a vote are refused as closed, and the server closed it once.
    facilitator.sendControl({ type: 'close-round', roundId: round.id })
    participants[1].sendControl({ type: 'vote', roundId: round.id, cardId: card })
    await waitFor(() => refusals(facilitator).length === 1 && refusals(participants[1]).length === 1, { what: 'the refusals' })
    expect([...refusals(facilitator), ...refusals(participants[1])]).toEqual(['roundClosed', 'roundClosed'])
    expect(log.lines.filter((line) => line.message === 'round closed at its time limit')).toHaveLength(1)
    for (const client of everyone) expect(statesOf(client, round.id)).toEqual(['open', 'closed'])
    expect(await ctx.workshopStore.listVotes(round.id)).toHaveLength(1)
  })

  it('re-arms when the room loads again: a round whose end is near closes by itself soon after', async () => {
    const log = keptLog()
    let offset = 0
    await session.start({ log, now: () => Date.now() + offset })
    const facilitator = await join('facilitator', 'Facilitator')
    facilitator.sendControl({ type: 'start-round', settings: roundSettings(60) })
    await waitFor(() => latestRounds(facilitator).length === 1, { what: 'the round' })
    const { round } = latestRounds(facilitator)[0]
    facilitator.close()
    await waitFor(() => !ctx.server.registry.isLoaded(workshop.boardId), { what: 'the room unloaded' })

    // The server's clock moves to 1.5 s before the end while nobody is on the board: nothing closes it then.
    // (The margin is for a loaded machine: joining and hearing the rounds list must fit inside it.)
    offset = round.endsAt! - Date.now() - 1_500
    expect((await ctx.workshopStore.getRound(round.id))?.state).toBe('open')
    const watcher = await join('participant', 'Participant')
    // The rounds list follows the session message that `join` waits for.
    await waitFor(() => latestRounds(watcher).length === 1, { what: "the watcher's rounds list" })
    expect(latestRounds(watcher)[0].round.state).toBe('open')
    await waitFor(() => latestRounds(watcher)[0].round.state === 'closed', { what: 'closed by the re-armed timer' })
    expect(statesOf(watcher, round.id)).toEqual(['open', 'closed'])
    expect(log.lines.filter((line) => line.message === 'round closed at its time limit')).toHaveLength(1)
  })

  it('closes a round whose time ran out while its room was unloaded as soon as the room loads', async () => {
    let offset = 0
    await session.start({ now: () => Date.now() + offset })
    const facilitator = await join('facilitator', 'Facilitator')
    facilitator.sendControl({ type: 'start-round', settings: roundSettings(60) })
    await waitFor(() => latestRounds(facilitator).length === 1, { what: 'the round' })
    const { round } = latestRounds(facilitator)[0]
    facilitator.close()
    await waitFor(() => !ctx.server.registry.isLoaded(workshop.boardId), { what: 'the room unloaded' })
    offset = 61_000
    const watcher = await join('participant', 'Participant')
    expect(statesOf(watcher, round.id)).toEqual(['closed'])
  })
})
