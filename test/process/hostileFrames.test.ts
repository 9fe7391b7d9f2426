import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes.js'
import { liveClient, expectAcked, expectRoundTrip, type LiveClient } from '../helpers/liveEdits.js'
import { connectRawClient, type RawClient } from '../helpers/rawClient.js'
import {
  createOpenBoard,
  createServerSandbox,
  createSpawnedWorkshop,
  healthStatus,
  isRunning,
  syncUrlOf,
  tail,
  type ServerSandbox,
} from '../helpers/serverSandbox.js'
import type { SpawnedServer } from '../helpers/spawnServer.js'
import { waitFor } from '../helpers/waitFor.js'
import { awarenessFrame, awarenessUpdate, controlFrame, encode, recordsOf, recordUpdate, syncFrame, type WireFrame } from '../helpers/wireFrames.js'

/** Sync step 1 whose state vector (the one byte 0x05) announces five entries and holds none. */
const TRUNCATED_STEP1 = Uint8Array.of(0x00, 0x00, 0x01, 0x05)
const ATTEMPTS = 10

let sandbox: ServerSandbox | null = null
afterEach(async () => {
  await sandbox?.cleanup()
  sandbox = null
})

/** Connects a raw client and has the sandbox close it, whatever the test's outcome. */
async function join(box: ServerSandbox, server: SpawnedServer, boardId: string, query: Record<string, string> = {}, hello = true): Promise<RawClient> {
  const client = await connectRawClient(syncUrlOf(server), boardId, query)
  box.defer(() => client.close())
  if (hello) client.hello()
  return client
}

/** Waits for a socket's close code, failing fast if the server process ends instead. */
async function closeCodeOf(client: RawClient, server: SpawnedServer): Promise<number> {
  let code: number | null = null
  void client.closed.then((closed) => (code = closed.code))
  await waitFor(() => code !== null || !isRunning(server), { timeoutMs: 10_000, what: 'the offending socket to close' })
  await waitFor(() => code !== null, { timeoutMs: 2_000, what: 'the close event after the process ended' })
  return code!
}

/**
 * The attack of issue 10, case 6, repeated: someone else writes to the board, and in the
 * same tick the attacker sends an update and then a sync step 1 with a truncated state
 * vector. What this catches: the server defers a step 1 reply until the pending batch is
 * committed and decodes the state vector in that deferred task, outside any try/catch, so
 * the "Unexpected end of array" becomes an unhandled rejection that exits the process —
 * every board of the organisation goes down, not just the attacker's socket. On commit
 * 71019eb both tests below fail this way, at the first or second attempt.
 */
async function twoFrameAttack(options: {
  box: ServerSandbox
  server: SpawnedServer
  boardId: string
  connectAttacker: () => Promise<RawClient>
  writer: LiveClient
  reader: LiveClient
}): Promise<void> {
  const { box, server, writer, reader } = options
  let background = 0
  const writing = setInterval(() => writer.write(`shape:background${background++}`, background), 20)
  box.defer(() => clearInterval(writing))
  const codes: number[] = []
  for (let attempt = 0; attempt < ATTEMPTS && isRunning(server); attempt++) {
    const attacker = await options.connectAttacker()
    const { update } = recordUpdate(attacker.doc, recordsOf(attacker.doc), `shape:attack${attempt}`, attempt)
    // Someone else's update first, so the room has a batch pending when the attacker's frames are read.
    writer.write(`shape:beside${attempt}`, attempt)
    attacker.sendUpdate(update)
    attacker.sendRaw(TRUNCATED_STEP1)
    codes.push(await closeCodeOf(attacker, server))
  }
  clearInterval(writing)
  expect(isRunning(server), `the server process ended:\n${tail(server)}`).toBe(true)
  expect(await healthStatus(server)).toBe(200)
  expect(codes).toEqual(Array(ATTEMPTS).fill(CloseCode.badMessage))
  // The refusal is logged with its room, so an operator can find who sent it.
  expect(server.output.some((line) => line.includes(options.boardId) && line.includes(String(CloseCode.badMessage)))).toBe(true)
  await expectRoundTrip(writer, reader, 'shape:after-attack')
  expect(isRunning(server), `the server process ended:\n${tail(server)}`).toBe(true)
}

describe('two frames crash the process (issue 10, case 6)', () => {
  it('a viewer on a workshop board: its socket closes with 4400, the process and the board go on', async () => {
    sandbox = createServerSandbox('two-frames-viewer')
    const server = await sandbox.spawn()
    const workshop = await createSpawnedWorkshop(server)
    const box = sandbox
    const writer = liveClient(await join(box, server, workshop.boardId, { token: workshop.tokens.facilitator, name: 'Writer' }))
    const reader = liveClient(await join(box, server, workshop.boardId, { token: workshop.tokens.participant, name: 'Reader' }))
    await twoFrameAttack({
      box,
      server,
      boardId: workshop.boardId,
      writer,
      reader,
      connectAttacker: () => join(box, server, workshop.boardId, { token: workshop.tokens.viewer, name: 'Viewer' }),
    })
  }, 60_000)

  it('a participant on an open board: its socket closes with 4400, the process and the board go on', async () => {
    sandbox = createServerSandbox('two-frames-open')
    const server = await sandbox.spawn()
    const boardId = await createOpenBoard(server)
    const box = sandbox
    const writer = liveClient(await join(box, server, boardId))
    const reader = liveClient(await join(box, server, boardId))
    await twoFrameAttack({ box, server, boardId, writer, reader, connectAttacker: () => join(box, server, boardId) })
  }, 60_000)
})

/** A real record update of a fresh doc, for frames that carry a damaged copy of one. */
function realUpdate(): Uint8Array {
  const doc = new Y.Doc()
  const { update } = recordUpdate(doc, recordsOf(doc), 'shape:real', 1)
  doc.destroy()
  return update
}

/** One malformed frame of each class, built for the attacking client (some need its client id). */
const MALFORMED: [string, (clientId: number) => WireFrame][] = [
  ['empty binary frame', () => new Uint8Array(0)],
  ['truncated varUint (message type)', () => Uint8Array.of(0x80)],
  ['truncated varUint (sync step)', () => Uint8Array.of(0x00, 0x80)],
  ['unknown message type 7', () => Uint8Array.of(0x07)],
  ['unknown message type 16383 (two-byte varUint)', () => Uint8Array.of(0xff, 0x7f)],
  ['unknown sync step 3', () => syncFrame(3, Uint8Array.of(0))],
  ['sync step 1 with a truncated state vector, alone', () => TRUNCATED_STEP1],
  ['sync update whose declared length runs past the frame', () => syncFrame(2, realUpdate()).slice(0, -3)],
  ['sync update holding a truncated Yjs update', () => syncFrame(2, realUpdate().slice(0, -1))],
  ['sync step 2 holding a truncated Yjs update', () => syncFrame(1, realUpdate().slice(0, 20))],
  ['awareness announcing two entries and holding one', (clientId) =>
    awarenessFrame(encode((encoder) => {
      encoding.writeVarUint(encoder, 2)
      encoding.writeVarUint(encoder, clientId)
      encoding.writeVarUint(encoder, 1)
      encoding.writeVarString(encoder, '{}')
    }))],
  ['awareness entry cut inside its state', (clientId) => awarenessFrame(awarenessUpdate([{ clientId, clock: 1, state: '{"user":{"name":"x"}}' }]).slice(0, -4))],
  ['awareness whose state is not JSON', (clientId) => awarenessFrame(awarenessUpdate([{ clientId, clock: 1, state: '{not json' }]))],
  ['control frame with invalid JSON', () => controlFrame('{"type":"hello","protocol":')],
  ['control frame with an unknown type', () => controlFrame(JSON.stringify({ type: 'teleport', to: 'elsewhere' }))],
  ['text (non-binary) frame', () => JSON.stringify({ type: 'hello', protocol: 1 })],
]

interface World {
  server: SpawnedServer
  boardId: string
  /** The query the attacker joins with: nothing on an open board, a participant's invite on a workshop board. */
  attackerQuery: Record<string, string>
  sameBoard: LiveClient
  otherBoard: LiveClient
}

/** Sets up a board of the given kind with a bystander on it, and a bystander on another (open) board. */
async function createWorld(box: ServerSandbox, server: SpawnedServer, kind: 'open' | 'workshop'): Promise<World> {
  const otherBoard = liveClient(await join(box, server, await createOpenBoard(server)))
  if (kind === 'open') {
    const boardId = await createOpenBoard(server)
    return { server, boardId, attackerQuery: {}, sameBoard: liveClient(await join(box, server, boardId)), otherBoard }
  }
  const workshop = await createSpawnedWorkshop(server)
  const sameBoard = liveClient(await join(box, server, workshop.boardId, { token: workshop.tokens.facilitator, name: 'Facilitator' }))
  return { server, boardId: workshop.boardId, attackerQuery: { token: workshop.tokens.participant, name: 'Participant' }, sameBoard, otherBoard }
}

describe.each(['open', 'workshop'] as const)('on an %s board, a malformed frame closes only its own socket with 4400', (kind) => {
  const box = createServerSandbox(`malformed-${kind}`)
  let world: World | null = null
  afterAll(() => box.cleanup())

  /** One server for the whole table; started again (and the failure kept) only if an earlier case killed it. */
  async function currentWorld(): Promise<World> {
    if (!world || !isRunning(world.server)) world = await createWorld(box, await box.spawn(), kind)
    return world
  }

  it.each(MALFORMED)('%s', async (name, build) => {
    const { server, boardId, attackerQuery, sameBoard, otherBoard } = await currentWorld()
    const attacker = await join(box, server, boardId, attackerQuery, false)
    attacker.ws.send(build(attacker.doc.clientID))
    const code = await closeCodeOf(attacker, server)
    expect(isRunning(server), `the server process ended on "${name}":\n${tail(server)}`).toBe(true)
    expect(code).toBe(CloseCode.badMessage)
    expect(sameBoard.isOpen() && otherBoard.isOpen()).toBe(true)
    const slug = name.replace(/[^a-z0-9]+/gi, '-')
    await expectAcked(sameBoard, `shape:same-${slug}`)
    await expectAcked(otherBoard, `shape:other-${slug}`)
  })
})
