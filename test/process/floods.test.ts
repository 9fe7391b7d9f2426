import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { connectBoundClient } from '../helpers/boundClient.js'
import { maxPerSecond, runFlood, stampFrames, startFloodWatch, storedRecords, tryJoin, watchAwareness, type Flood } from '../helpers/floodRun.js'
import { readRss } from '../helpers/healthPolls.js'
import { ackedClockOf } from '../helpers/liveEdits.js'
import { connectRawClient, type RawClient } from '../helpers/rawClient.js'
import { createOpenBoard, createServerSandbox, createSpawnedWorkshop, isRunning, syncUrlOf, tail, type ServerSandbox } from '../helpers/serverSandbox.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { waitFor } from '../helpers/waitFor.js'
import { awarenessFrame, awarenessUpdate, captureUpdate } from '../helpers/wireFrames.js'
import { elevatorRecord, latestRounds, type TestWorkshop } from '../helpers/workshopFixture.js'

/**
 * Issue 10, item 10 (floods), against the real server process. Each case runs
 * a flooder in its own process for FLOOD_MS while a canary on another board
 * times round trips (from addresses the flooder does not use) and /healthz is
 * polled; each prints one line of figures. Targets from the issue: canary p99
 * under 250 ms and every /healthz answered 200, during every flood.
 */
const FLOOD_MS = 3_000
const P99_TARGET_MS = 250
const MiB = 1024 * 1024
const TEST_TIMEOUT = 30_000
/**
 * One more attempt when a case misses: the targets are timings on a shared
 * two-core VM, and once in a full CI run every figure of the last three cases
 * came out about four times slower at once (canary p50 12–15 ms instead of
 * 3–4, fewer round trips, /healthz slower), the whole machine rather than the
 * server. A server that misses a target twice in a row still fails; each
 * attempt prints its own line.
 */
const FLOOD_CASE = { retry: 1 } as const

let sandbox: ServerSandbox | null = null
afterEach(async () => {
  await sandbox?.cleanup()
  sandbox = null
})

const ms = (value: number) => value.toFixed(1)

/** Prints the case's line, then checks the targets (softly, so the case's own assertions still run and report). */
function reportAndCheckTargets(name: string, server: SpawnedServer, flood: Flood, details: string): void {
  const { rtt, polls } = flood
  const answered = polls.filter((poll) => poll.status === 200).length
  const slowest = Math.max(...polls.map((poll) => poll.ms))
  console.log(
    `[floods] ${name}: canary n=${rtt.n} p50=${ms(rtt.p50)} p99=${ms(rtt.p99)} max=${ms(rtt.max)} ms; ` +
      `/healthz ${answered}/${polls.length} answered 200 (slowest ${ms(slowest)} ms); ${details}`,
  )
  expect(isRunning(server), `the server process ended:\n${tail(server)}`).toBe(true)
  expect(rtt.n, 'canary round trips during the flood').toBeGreaterThanOrEqual(20)
  expect(polls.length, '/healthz polls during the flood').toBeGreaterThanOrEqual(10)
  expect.soft(rtt.p99, `canary round-trip p99 during the flood, ms (target < ${P99_TARGET_MS})`).toBeLessThan(P99_TARGET_MS)
  expect.soft(answered, '/healthz polls answered 200 during the flood').toBe(polls.length)
}

const count = (codes: Record<string, number>, code: number) => codes[code] ?? 0

describe('update flood that reconnects (issue 10, item 10)', FLOOD_CASE, () => {
  const RATE = 50
  const FACTOR = 4
  const limits = { KUILU_MAX_UPDATES_PER_SECOND: String(RATE), KUILU_ADDRESS_ALLOWANCE_FACTOR: String(FACTOR) }
  // Buckets hold two seconds' worth (createServer.ts): a person RATE/s, an address FACTOR times that.
  const personAllowance = (seconds: number) => 2 * RATE + RATE * seconds
  const addressAllowance = (seconds: number) => 2 * RATE * FACTOR + RATE * FACTOR * seconds

  async function updateFlood(name: string, keepCookie: boolean, env: Record<string, string> = {}) {
    sandbox = createServerSandbox(name)
    const box = sandbox
    const server = await box.spawn({ ...limits, ...env })
    const workshop = await createSpawnedWorkshop(server)
    const watch = await startFloodWatch(box, server)
    const flood = await runFlood(box, watch, {
      kind: 'updates',
      syncUrl: syncUrlOf(server),
      boardId: workshop.boardId,
      query: { token: workshop.tokens.participant, name: 'Flooder' },
      durationMs: FLOOD_MS,
      keepCookie,
      sayHello: false,
      recordPrefix: 'shape:flood-',
    })
    const stored = (await storedRecords(box, server, workshop.boardId, 'shape:flood-', { token: workshop.tokens.facilitator, name: 'Auditor' })).count
    return { server, workshop, flood, stored }
  }

  const describeFlood = ({ report, seconds }: Flood, stored: number, allowance: number) =>
    `stored ${stored} of ${report.sent} updates sent over ${report.joinsAccepted} connections in ${seconds.toFixed(2)} s; ` +
    `allowance ${allowance.toFixed(0)} (${((stored / allowance) * 100).toFixed(0)}%; a fresh burst per connection would have let ${report.joinsAccepted * 2 * RATE} through); ` +
    `closes ${JSON.stringify(report.closeCodes)}; joins ${JSON.stringify(report.joinStatuses)}`

  it('(a) coming back as the same person: the person allowance bounds what is stored, across every reconnect', async () => {
    const { server, flood, stored } = await updateFlood('flood-updates-person', true)
    const allowance = personAllowance(flood.seconds)
    reportAndCheckTargets('1a update flood, same person', server, flood, describeFlood(flood, stored, allowance))
    expect(flood.report.joinsAccepted, 'reconnects: the flood must come back many times').toBeGreaterThan(20)
    expect(count(flood.report.closeCodes, CloseCode.rateLimited)).toBeGreaterThanOrEqual(flood.report.joinsAccepted - 1)
    expect(stored, 'the burst itself is stored').toBeGreaterThanOrEqual(2 * RATE)
    expect(stored).toBeLessThanOrEqual(allowance)
  }, TEST_TIMEOUT)

  it('(b) a new person on every join: the address allowance bounds what is stored', async () => {
    const { server, flood, stored } = await updateFlood('flood-updates-address', false)
    const allowance = addressAllowance(flood.seconds)
    reportAndCheckTargets('1b update flood, new person each join', server, flood, describeFlood(flood, stored, allowance))
    expect(flood.report.joinsAccepted).toBeGreaterThan(20)
    expect(count(flood.report.closeCodes, CloseCode.rateLimited)).toBeGreaterThanOrEqual(flood.report.joinsAccepted - 1)
    expect(stored, 'more than one person’s burst is stored: each join is a new person').toBeGreaterThan(2 * RATE)
    expect(stored).toBeLessThanOrEqual(allowance)
  }, TEST_TIMEOUT)

  it('(c) past the join allowance the upgrade is answered 429, and a join from that address is refused until the bucket refills', async () => {
    const JOINS_PER_MINUTE = 30
    const { server, workshop, flood, stored } = await updateFlood('flood-joins', false, { KUILU_MAX_JOINS_PER_MINUTE: String(JOINS_PER_MINUTE) })
    const joinAllowance = JOINS_PER_MINUTE + (JOINS_PER_MINUTE / 60) * flood.seconds
    const query = { token: workshop.tokens.participant, name: 'Latecomer' }
    const first = await tryJoin(server, workshop.boardId, query)
    const refusedAt = performance.now()
    const later: number[] = []
    await waitFor(async () => {
      later.push((await tryJoin(server, workshop.boardId, query)).status)
      return later.at(-1) === 101
    }, { timeoutMs: ((first.retryAfter ?? 2) + 2) * 1000, intervalMs: 100, what: 'a join accepted once the bucket refilled' })
    const refusedForMs = performance.now() - refusedAt
    reportAndCheckTargets(
      '1c reconnect flood past the join allowance',
      server,
      flood,
      `${flood.report.joinsAccepted} joins accepted, ${count(flood.report.joinStatuses, 429)} answered 429 (join allowance ${joinAllowance.toFixed(1)}); ` +
        `after it: 429 with Retry-After ${first.retryAfter} s, refused ${later.length - 1} more times for ${ms(refusedForMs)} ms until accepted; ` +
        describeFlood(flood, stored, addressAllowance(flood.seconds)),
    )
    const joins = JSON.stringify(flood.report.joinStatuses)
    expect(count(flood.report.joinStatuses, 429), `join answers ${joins}`).toBeGreaterThan(0)
    expect(flood.report.joinsAccepted, `join answers ${joins}`).toBeLessThanOrEqual(joinAllowance)
    expect(first.status).toBe(429)
    expect(first.retryAfter).toBeGreaterThanOrEqual(1)
    expect(later.slice(0, -1).every((status) => status === 429)).toBe(true)
    expect(stored).toBeLessThanOrEqual(addressAllowance(flood.seconds))
  }, TEST_TIMEOUT)
})

/** Joins a workshop board with the raw client, says hello and waits for its session. */
async function joinAs(box: ServerSandbox, server: SpawnedServer, workshop: TestWorkshop, role: keyof TestWorkshop['tokens'], name: string): Promise<RawClient> {
  const client = await connectRawClient(syncUrlOf(server), workshop.boardId, { token: workshop.tokens[role], name })
  box.defer(() => client.close())
  client.hello()
  await waitFor(() => client.control.some((message) => message.type === 'session'), { what: `${name}'s session` })
  return client
}

describe('control flood (issue 10, item 10)', FLOOD_CASE, () => {
  it('vote/unvote as fast as possible: closed with 4529 at once, members get coalesced broadcasts, votes stay within the budget', async () => {
    const RATE = 20
    const VOTES_PER_PERSON = 3
    sandbox = createServerSandbox('flood-control')
    const box = sandbox
    const server = await box.spawn({ KUILU_MAX_CONTROL_PER_SECOND: String(RATE) })
    const workshop = await createSpawnedWorkshop(server)
    const facilitator = await joinAs(box, server, workshop, 'facilitator', 'Facilitator')
    const cardIds = ['shape:elevator-0', 'shape:elevator-1', 'shape:elevator-2']
    const cards = captureUpdate(facilitator.doc, () => facilitator.doc.getArray(RECORDS_KEY).push(cardIds.map((id, i) => ({ key: id, val: elevatorRecord(id, i) }))))
    facilitator.sendUpdate(cards)
    const clock = Y.getState(facilitator.doc.store, facilitator.doc.clientID)
    await waitFor(() => ackedClockOf(facilitator.control, facilitator.doc.clientID) >= clock, { what: 'the cards stored' })
    facilitator.sendControl({
      type: 'start-round',
      settings: { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: VOTES_PER_PERSON, maxVotesPerCard: 2, isAnonymous: false, isHiddenUntilReveal: false, durationSeconds: null },
    })
    await waitFor(() => latestRounds(facilitator).length === 1, { what: 'the round' })
    const roundId = latestRounds(facilitator)[0].round.id
    const bystander = await joinAs(box, server, workshop, 'participant', 'Bystander')
    const members = [
      { name: 'facilitator', stamps: stampFrames(facilitator) },
      { name: 'bystander', stamps: stampFrames(bystander) },
    ]
    const watch = await startFloodWatch(box, server)
    const flood = await runFlood(box, watch, {
      kind: 'control',
      syncUrl: syncUrlOf(server),
      boardId: workshop.boardId,
      query: { token: workshop.tokens.participant, name: 'Flooder' },
      durationMs: FLOOD_MS,
      keepCookie: true,
      sayHello: true,
      recordPrefix: '',
      roundId,
      cardIds,
    })
    const { report } = flood
    const received = members.map(({ name, stamps }) => {
      const during = stamps.filter(flood.during)
      return { name, frames: during.length, perSecond: during.length / flood.seconds, maxPerSecond: maxPerSecond(during) }
    })
    const auditor = await joinAs(box, server, workshop, 'facilitator', 'Auditor')
    await waitFor(() => latestRounds(auditor).length === 1, { what: "the auditor's view of the round" })
    const results = latestRounds(auditor)[0].results
    const flooderVotes = Object.values(results.votersByCard ?? {})
      .flat()
      .filter((voter) => voter.voterId === report.personId)
      .reduce((sum, voter) => sum + voter.votes, 0)
    reportAndCheckTargets(
      '2 control flood',
      server,
      flood,
      `${report.sent} requests sent over ${report.joinsAccepted} connections (${(report.sent / flood.seconds).toFixed(0)}/s), first closed after ${report.firstCloseAfterMs} ms, closes ${JSON.stringify(report.closeCodes)}; ` +
        received.map((r) => `${r.name} got ${r.frames} frames (${r.perSecond.toFixed(1)}/s, most in 1 s ${r.maxPerSecond}, ${((r.frames / report.sent) * 100).toFixed(2)}% of requests)`).join(', ') +
        `; flooder's votes stored ${flooderVotes} of a budget of ${VOTES_PER_PERSON}`,
    )
    expect(report.firstCloseAfterMs, 'closed quickly').toBeLessThan(1000)
    expect(count(report.closeCodes, CloseCode.rateLimited)).toBeGreaterThanOrEqual(report.joinsAccepted - 1)
    expect(report.personId).not.toBeNull()
    // No amplification either: at most a rounds and a people broadcast per request the allowance let through, and a people broadcast per join and per leave.
    const amplificationBound = 2 * (2 * RATE + RATE * flood.seconds) + 2 * report.joinsAccepted
    for (const member of received) {
      expect(member.frames, `${member.name}: frames against requests sent`).toBeLessThan(report.sent / 10)
      expect(member.frames, `${member.name}: frames against requests allowed and joins`).toBeLessThanOrEqual(amplificationBound)
    }
    expect(flooderVotes).toBeLessThanOrEqual(VOTES_PER_PERSON)
  }, TEST_TIMEOUT)
})

describe('missing-dependency flood (issue 10, item 10)', FLOOD_CASE, () => {
  it('256 KiB updates that wait for one never sent: closed with 4503, memory bounded, nothing stored or acked', async () => {
    const MAX_PENDING = MiB
    const UPDATE_BYTES = 256 * 1024
    sandbox = createServerSandbox('flood-pending')
    const box = sandbox
    const server = await box.spawn({ KUILU_MAX_PENDING_BYTES: String(MAX_PENDING) })
    const boardId = await createOpenBoard(server)
    const watch = await startFloodWatch(box, server)
    const rssBefore = await readRss(server.url)
    const flood = await runFlood(box, watch, {
      kind: 'pending',
      syncUrl: syncUrlOf(server),
      boardId,
      query: {},
      durationMs: FLOOD_MS,
      keepCookie: true,
      sayHello: true,
      recordPrefix: 'shape:pending-',
      updateBytes: UPDATE_BYTES,
      // Enough that every connection passes the limit before it runs out.
      count: Math.ceil(MAX_PENDING / UPDATE_BYTES) + 4,
    })
    const rssAfter = await readRss(server.url)
    const rssPeak = Math.max(rssBefore, rssAfter, ...watch.health.rss.filter((sample) => flood.during(sample.at)).map((sample) => sample.rss))
    const { report } = flood
    const stored = await storedRecords(box, server, boardId, 'shape:pending-')
    const [clientId] = report.clientIds
    const mib = (bytes: number) => (bytes / MiB).toFixed(0)
    reportAndCheckTargets(
      '3 missing-dependency flood',
      server,
      flood,
      `${report.sent} updates of 256 KiB sent (${mib(report.sent * UPDATE_BYTES)} MiB) over ${report.joinsAccepted} connections, closes ${JSON.stringify(report.closeCodes)}; ` +
        `RSS ${mib(rssBefore)} → peak ${mib(rssPeak)} → ${mib(rssAfter)} MiB; stored ${stored.count}, acked clock ${report.ackedClocks[clientId] ?? 0}`,
    )
    const otherCloses = report.connections.slice(0, -1).filter((connection) => connection.code !== CloseCode.pendingTooLarge)
    // Every connection but the last, which the flooder may close itself when its time is up.
    expect(report.connections.length).toBeGreaterThan(1)
    expect(otherCloses).toEqual([])
    expect(rssPeak - rssBefore, 'RSS growth during the flood (bytes)').toBeLessThan(150 * MiB)
    expect(rssAfter - rssBefore, 'RSS growth after the flood (bytes)').toBeLessThan(150 * MiB)
    expect(stored.count).toBe(0)
    expect(Y.getState(stored.doc.store, clientId)).toBe(0)
    expect(report.ackedClocks[clientId] ?? 0).toBe(0)
  }, TEST_TIMEOUT)
})

describe('awareness flood (issue 10, item 10)', FLOOD_CASE, () => {
  it('states as fast as possible: each connection closed with 4529, others get at most about maxAwarenessPerSecond relays per second of it', async () => {
    const RATE = 10
    const FLOODER_ID = 1_000_000
    sandbox = createServerSandbox('flood-awareness')
    const box = sandbox
    const server = await box.spawn({ KUILU_MAX_AWARENESS_PER_SECOND: String(RATE) })
    const boardId = await createOpenBoard(server)
    const members = await Promise.all([0, 1].map(() => connectRawClient(syncUrlOf(server), boardId)))
    for (const member of members) box.defer(() => member.close())
    const relays = members.map((member) => watchAwareness(member, (clientId) => clientId >= FLOODER_ID && clientId < FLOODER_ID + 100_000))
    const watch = await startFloodWatch(box, server)
    const flood = await runFlood(box, watch, {
      kind: 'awareness',
      syncUrl: syncUrlOf(server),
      boardId,
      query: {},
      durationMs: FLOOD_MS,
      keepCookie: true,
      sayHello: false,
      recordPrefix: '',
      clientId: FLOODER_ID,
    })
    const { report } = flood
    // Per connection: the first state at once, then at most RATE a second while it lives.
    const perConnection = report.connections.map((connection) => ({
      ...connection,
      limit: 1 + Math.ceil((RATE * (connection.closedAt - connection.openedAt)) / 1000),
      relayed: Math.max(...relays.map((member) => member.get(FLOODER_ID + connection.index)?.states.length ?? 0)),
    }))
    const worst = perConnection.reduce((a, b) => (b.relayed - b.limit > a.relayed - a.limit ? b : a))
    const all = relays.map((member) => [...member.values()].flatMap((seen) => seen.states).filter(flood.during))
    // The person's awareness allowance (createServer.ts): four times RATE a second, two seconds' burst.
    const allowance = 8 * RATE + 4 * RATE * flood.seconds
    reportAndCheckTargets(
      '4 awareness flood',
      server,
      flood,
      `${report.sent} states sent over ${report.joinsAccepted} connections (${(report.sent / flood.seconds).toFixed(0)}/s), first closed after ${report.firstCloseAfterMs} ms, closes ${JSON.stringify(report.closeCodes)}; ` +
        `per connection at most ${worst.relayed} relayed in ${worst.closedAt - worst.openedAt} ms (limit ${worst.limit}); ` +
        all.map((stamps, i) => `member ${i} got ${stamps.length} relays of the flooder over all its connections (${(stamps.length / flood.seconds).toFixed(1)}/s, most in 1 s ${maxPerSecond(stamps)}; person allowance ${allowance.toFixed(0)})`).join(', '),
    )
    // A connection that lives: states at three times RATE, under the 4529 threshold of four times, for 1.5 s; the others see at most RATE a second of them.
    const steady = await connectBoundClient(syncUrlOf(server), boardId, '127.0.0.5')
    box.defer(() => steady.close())
    const STEADY_ID = 2_000_000
    const steadySeen = members.map((member) => watchAwareness(member, (clientId) => clientId === STEADY_ID))
    const steadyStart = Date.now()
    let clock = 0
    while (Date.now() - steadyStart < 1500) {
      steady.ws.send(awarenessFrame(awarenessUpdate([{ clientId: STEADY_ID, clock: ++clock, state: JSON.stringify({ user: { name: 'Steady', color: '#393' }, cursor: { x: clock, y: 0 } }) }])))
      // The sender's own pacing: three times RATE.
      await new Promise((resolve) => setTimeout(resolve, 1000 / (3 * RATE)))
    }
    const isSteadyOpen = steady.ws.readyState === steady.ws.OPEN
    // Leaving drops any relay still pending and sends its removal: once the members have that, no state of it can follow.
    steady.ws.close()
    const steadySeconds = (Date.now() - steadyStart) / 1000
    await waitFor(() => steadySeen.every((member) => member.get(STEADY_ID)?.removedAt), { what: "the steady sender's removal at the members" })
    const steadyCounts = steadySeen.map((member) => member.get(STEADY_ID)!.states.length)
    console.log(`[floods] 4 awareness, steady sender: ${clock} states in ${steadySeconds.toFixed(2)} s, relayed to each member ${steadyCounts.join(' and ')} times (RATE ${RATE}/s)`)
    expect(isSteadyOpen, 'a sender under four times RATE is not closed').toBe(true)
    for (const relayed of steadyCounts) expect(relayed).toBeLessThanOrEqual(1 + Math.ceil(RATE * steadySeconds))
    expect(report.connections[0].code).toBe(CloseCode.rateLimited)
    expect(report.firstCloseAfterMs).toBeLessThan(1000)
    expect(count(report.closeCodes, CloseCode.rateLimited)).toBeGreaterThanOrEqual(report.joinsAccepted - 1)
    for (const connection of perConnection) expect(connection.relayed, `relays of connection ${connection.index}`).toBeLessThanOrEqual(connection.limit)
    for (const stamps of all) expect(stamps.length).toBeLessThanOrEqual(allowance)
  }, TEST_TIMEOUT)
})
