import { Redis } from 'ioredis'
import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { encodeBoardMessage } from '../../server/pubsub/boardMessages.js'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { createTestSchema, hasPostgres, withClient, type TestSchema } from '../helpers/postgres.js'
import { connectRawClient, type RawClient } from '../helpers/rawClient.js'
import { hasRedis, REDIS_URL, testRedisPrefix } from '../helpers/redis.js'
import { createServerSandbox, type ServerSandbox } from '../helpers/serverSandbox.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { connectStockClient, type StockClient } from '../helpers/stockClient.js'
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy.js'
import { waitFor } from '../helpers/waitFor.js'
import { geoShape } from '../helpers/geoShape.js'
import { latestRounds, type TestWorkshop } from '../helpers/workshopFixture.js'

const isReady = (await hasPostgres()) && (await hasRedis())

let sandbox: ServerSandbox
let schema: TestSchema
let prefix: string
const raws: RawClient[] = []
const stocks: StockClient[] = []

/** Two instances on one database and one Redis, as a deployment behind a balancer runs them. */
async function twoInstances(redisUrl = REDIS_URL): Promise<[SpawnedServer, SpawnedServer]> {
  const env = { DATABASE_URL: schema.url, REDIS_URL: redisUrl, KUILU_REDIS_PREFIX: prefix, KUILU_SECRET: 'shared-by-the-instances' }
  return [await sandbox.spawn(env), await sandbox.spawn(env)]
}
const syncUrl = (server: SpawnedServer) => `ws://127.0.0.1:${server.port}/sync`
const raw = async (server: SpawnedServer, boardId: string, query: Record<string, string> = {}) => {
  const client = await connectRawClient(syncUrl(server), boardId, query)
  raws.push(client)
  return client
}
const stock = async (server: SpawnedServer, boardId: string, params: Record<string, string> = {}) => {
  const client = await connectStockClient(syncUrl(server), boardId, { params })
  stocks.push(client)
  return client
}
async function createWorkshopOn(server: SpawnedServer): Promise<TestWorkshop> {
  const response = await fetch(`${server.url}/api/workshops`, { method: 'POST', body: JSON.stringify({ title: 'Two instances', language: 'en' }) })
  const body = (await response.json()) as { id: string; boards: string[]; links: Record<'facilitator' | 'participant' | 'viewer', string> }
  const token = (url: string) => new URL(url).searchParams.get('token')!
  return { id: body.id, boardId: body.boards[0], tokens: { facilitator: token(body.links.facilitator), participant: token(body.links.participant), viewer: token(body.links.viewer) } }
}
async function joinOn(server: SpawnedServer, workshop: TestWorkshop, role: keyof TestWorkshop['tokens'], name: string): Promise<RawClient> {
  const client = await raw(server, workshop.boardId, { token: workshop.tokens[role], name })
  client.hello()
  await waitFor(() => client.control.some((message) => message.type === 'session'), { what: `${name}'s session` })
  return client
}

describe.runIf(isReady)('several instances on PostgreSQL and Redis (issue 13)', () => {
  beforeAll(async () => {
    schema = await createTestSchema()
  })
  afterAll(async () => {
    await schema?.drop()
  })
  afterEach(async () => {
    for (const client of raws.splice(0)) client.close()
    for (const client of stocks.splice(0)) client.destroy()
    await sandbox?.cleanup()
  })
  const fresh = () => {
    sandbox = createServerSandbox('instances')
    prefix = testRedisPrefix()
  }

  it('keeps one board one room across instances: edits, presence and control events reach both sides', async () => {
    fresh()
    const [a, b] = await twoInstances()
    const workshop = await createWorkshopOn(a)
    const onA = await stock(a, workshop.boardId, { token: workshop.tokens.participant })
    const onB = await stock(b, workshop.boardId, { token: workshop.tokens.participant })
    onA.records.set('shape:from-a', geoShape('shape:from-a'))
    onB.records.set('shape:from-b', geoShape('shape:from-b', 200))
    await waitFor(() => onB.records.has('shape:from-a') && onA.records.has('shape:from-b'), { what: 'both edits on both instances' })
    onA.provider.awareness.setLocalStateField('user', { name: 'x', color: '#000' })
    await waitFor(() => onB.provider.awareness.getStates().get(onA.doc.clientID)?.user?.name === 'Participant', { what: "A's stamped presence on B" })

    const facilitator = await joinOn(a, workshop, 'facilitator', 'Facilitator')
    const participant = await joinOn(b, workshop, 'participant', 'Participant')
    facilitator.sendControl({ type: 'set-lock', isLocked: true })
    await waitFor(() => participant.control.some((message) => message.type === 'lock' && message.isLocked), { what: 'the lock heard on B' })
    // B enforces it too: a participant's write on B is dropped there. Presence sent after it proves B handled it first.
    onB.records.set('shape:while-locked', geoShape('shape:while-locked'))
    onB.provider.awareness.setLocalStateField('user', { name: 'after the write', color: '#000' })
    await waitFor(() => onA.provider.awareness.getStates().get(onB.doc.clientID)?.user !== undefined, { what: "B's presence after the write, on A" })
    facilitator.sendControl({ type: 'start-round', settings: { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3, isAnonymous: false, isHiddenUntilReveal: false, durationSeconds: null } })
    await waitFor(() => latestRounds(participant).length === 1, { what: 'the round on B' })
    expect(onA.records.has('shape:while-locked')).toBe(false)
  })

  it('drops what no instance of this release wrote on its Redis channels, one log line each, and goes on', async () => {
    fresh()
    const [a, b] = await twoInstances()
    const workshop = await createWorkshopOn(a)
    const onA = await stock(a, workshop.boardId, { token: workshop.tokens.participant })
    const onB = await stock(b, workshop.boardId, { token: workshop.tokens.participant })
    onA.records.set('shape:before', geoShape('shape:before'))
    await waitFor(() => onB.records.has('shape:before'), { what: 'an edit across before the garbage' })
    const written = (write: (encoder: encoding.Encoder) => void) => {
      const encoder = encoding.createEncoder()
      encoding.writeVarString(encoder, 'not-an-instance')
      write(encoder)
      return Buffer.from(encoding.toUint8Array(encoder))
    }
    // Both rooms have applied the log through its head (the edit above crossed, and nobody writes meanwhile).
    const head = await withClient(schema, async (client) => Number((await client.query('SELECT last_seq FROM doc_heads WHERE board_id = $1', [workshop.boardId])).rows[0].last_seq))
    const boardGarbage = [
      Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
      Buffer.alloc(0),
      Buffer.from(encodeBoardMessage('not-an-instance', { kind: 'signal', what: 'rounds' })).subarray(0, 10),
      written((e) => encoding.writeVarUint(e, 9)),
      written((e) => (encoding.writeVarUint(e, 2), encoding.writeVarString(e, '{"type":"shutdown"}'))),
      // Update bytes Yjs cannot read, at the very next sequence number: the room must neither throw nor count them seen.
      written((e) => (encoding.writeVarUint(e, 0), encoding.writeVarUint(e, head + 1), encoding.writeVarUint(e, 1), encoding.writeVarUint8Array(e, new Uint8Array([0xff, 0x01, 0x02])))),
    ]
    const linkGarbage = [Buffer.from('not lib0'), written((e) => encoding.writeVarString(e, '{"linkId":5,"expiresAt":"now"}'))]
    const publisher = new Redis(REDIS_URL)
    try {
      for (const bytes of boardGarbage) await publisher.publish(`${prefix}board:${workshop.boardId}`, bytes)
      for (const bytes of linkGarbage) await publisher.publish(`${prefix}links`, bytes)
    } finally {
      publisher.disconnect()
    }
    const dropped = (server: SpawnedServer) => server.output.filter((line) => /dropped/.test(line)).length
    await waitFor(() => dropped(a) >= boardGarbage.length + linkGarbage.length && dropped(b) >= boardGarbage.length + linkGarbage.length, { what: 'a log line per message on each instance' })
    for (const server of [a, b]) expect(server.output.filter((line) => line.includes('could not be applied')), 'the unreadable update, dropped by the room').toHaveLength(1)
    onB.records.set('shape:after', geoShape('shape:after', 200))
    onA.records.set('shape:after-a', geoShape('shape:after-a', 400))
    await waitFor(() => onA.records.has('shape:after') && onB.records.has('shape:after-a'), { what: 'edits across after the garbage' })
    expect(onA.provider.wsconnected && onB.provider.wsconnected).toBe(true)
    expect([...a.output, ...b.output].filter((line) => /uncaught|unhandled/.test(line))).toEqual([])
    expect((await fetch(`${a.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200)
  })

  it('closes a revoked link on every instance within a second', async () => {
    fresh()
    const [a, b] = await twoInstances()
    const workshop = await createWorkshopOn(a)
    const onB = await joinOn(b, workshop, 'participant', 'Participant')
    const description = (await (await fetch(`${a.url}/api/workshops/${workshop.id}`, { headers: { authorization: `Bearer ${workshop.tokens.facilitator}` } })).json()) as { links: { id: string; role: string }[] }
    const link = description.links.find((each) => each.role === 'participant')!
    const revokedAt = performance.now()
    const answer = await fetch(`${a.url}/api/workshops/${workshop.id}/links/${link.id}/revoke`, { method: 'POST', headers: { authorization: `Bearer ${workshop.tokens.facilitator}` } })
    expect(answer.status).toBe(200)
    expect((await onB.closed).code).toBe(CloseCode.inviteRevoked)
    expect(performance.now() - revokedAt).toBeLessThan(1_000)
  })

  it('holds the vote budget with 20 voters split over two instances, each firing three times its budget at once', async () => {
    fresh()
    const [a, b] = await twoInstances()
    const workshop = await createWorkshopOn(a)
    const facilitator = await joinOn(a, workshop, 'facilitator', 'Facilitator')
    const card = 'shape:elevator-0'
    const elevator = { id: card, typeName: 'shape', type: 'elevator', x: 0, y: 0, rotation: 0, index: 'a1', parentId: 'page:page', isLocked: false, opacity: 1, meta: {},
      props: { w: 220, h: 200, action: 'Action', gapId: '', owner: '', effort: 'M', impact: 3, status: 'idea', due: '', journeyId: '', stageId: '', laneId: '' } }
    const writer = await stock(a, workshop.boardId, { token: workshop.tokens.facilitator })
    writer.records.set(card, elevator)
    facilitator.sendControl({ type: 'start-round', settings: { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 2, maxVotesPerCard: 2, isAnonymous: false, isHiddenUntilReveal: false, durationSeconds: null } })
    await waitFor(() => latestRounds(facilitator).length === 1, { what: 'the round' })
    const roundId = latestRounds(facilitator)[0].round.id
    const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => joinOn(i % 2 ? b : a, workshop, 'participant', `Voter ${i}`)))
    // Both instances hold the card before anyone votes on it: the scope is read from the room's doc.
    const reader = await stock(b, workshop.boardId, { token: workshop.tokens.viewer })
    await waitFor(() => reader.records.has(card), { what: 'the card on B' })
    for (const voter of voters) for (let i = 0; i < 6; i++) voter.sendControl({ type: 'vote', roundId, cardId: card })
    await waitFor(() => voters.every((voter) => voter.control.filter((message) => message.type === 'refused').length >= 4), { what: 'every voter refused past the budget' })
    const tallyOn = (client: RawClient) => latestRounds(client).at(-1)?.results.tally?.[card] ?? 0
    await waitFor(() => tallyOn(voters[0]) === 40 && tallyOn(voters[1]) === 40, { what: 'the tally of 20 × 2 on both instances' })
    // Exactly the budget: no voter got a vote through on either instance beyond its two.
    for (const voter of voters) expect(voter.control.filter((message) => message.type === 'refused')).toHaveLength(4)
  })

  it('delivers an edit made while Redis is away, and everything after it, once it returns', async () => {
    fresh()
    const proxy: TcpProxy = await startTcpProxy({ host: '127.0.0.1', port: 6379 })
    sandbox.defer(() => proxy.close())
    const [a, b] = await twoInstances(`redis://127.0.0.1:${proxy.port}`)
    const boardId = ((await (await fetch(`${a.url}/api/boards`, { method: 'POST' })).json()) as { id: string }).id
    const onA = await stock(a, boardId)
    const onB = await stock(b, boardId)
    proxy.drop()
    await waitFor(() => a.output.some((line) => line.includes('redis unreachable')), { what: 'A saying Redis is away' })
    onA.records.set('shape:while-away', geoShape('shape:while-away'))
    // The room's periodic check reads the log: delayed, never lost.
    await waitFor(() => onB.records.has('shape:while-away'), { what: 'the edit on B without Redis', timeoutMs: 10_000 })
    proxy.resume()
    await waitFor(() => a.output.some((line) => line.includes('redis back')), { what: 'A saying Redis is back', timeoutMs: 15_000 })
    onB.records.set('shape:after', geoShape('shape:after'))
    await waitFor(() => onA.records.has('shape:after'), { what: 'the next edit on A' })
  })

  it('closes a round at its time limit exactly once, whichever instance holds the room, and every instance shows it closed', { timeout: 40_000 }, async () => {
    fresh()
    const [a, b] = await twoInstances()
    const workshop = await createWorkshopOn(a)
    const facilitator = await joinOn(a, workshop, 'facilitator', 'Facilitator')
    const participant = await joinOn(b, workshop, 'participant', 'Participant')
    facilitator.sendControl({ type: 'start-round', settings: { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3, isAnonymous: false, isHiddenUntilReveal: false, durationSeconds: 10 } })
    await waitFor(() => latestRounds(participant).length === 1, { what: 'the round on B' })
    const closed = (client: RawClient) => latestRounds(client).at(-1)?.round.state === 'closed'
    await waitFor(() => closed(facilitator) && closed(participant), { what: 'the round closed on both instances', timeoutMs: 20_000 })
    const closings = [...a.output, ...b.output].filter((line) => line.includes('round closed at its time limit'))
    expect(closings).toHaveLength(1)
  })

  it('says in one line why it will not start when Redis refuses or its URL is malformed', async () => {
    fresh()
    const refusing = await startTcpProxy({ host: '127.0.0.1', port: 6379 })
    sandbox.defer(() => refusing.close())
    refusing.drop()
    for (const redisUrl of [`redis://127.0.0.1:${refusing.port}`, 'http://not-redis']) {
      const started = sandbox.spawn({ DATABASE_URL: schema.url, REDIS_URL: redisUrl, KUILU_SECRET: 's' })
      await expect(started).rejects.toThrow(/exited \(1\)/)
      const output = (await started.catch((error: Error) => error.message)) as string
      expect(output).toMatch(/Redis could not be reached|REDIS_URL must start with redis/)
    }
  })
})
