import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { connectRawClient, type RawClient } from './rawClient.js'
import { afterEach, beforeEach } from 'vitest'
import { startTestServer, type TestServer } from './startTestServer.js'
import { waitFor } from './waitFor.js'

/** A workshop created through the API: its id, first board and the three invite tokens. */
export interface TestWorkshop {
  id: string
  boardId: string
  tokens: { facilitator: string; participant: string; viewer: string }
}

/** Creates a workshop with POST /api/workshops and pulls the tokens out of its links. */
export async function createWorkshop(ctx: TestServer, title = 'Service design sprint'): Promise<TestWorkshop> {
  const response = await fetch(`${ctx.server.url}/api/workshops`, { method: 'POST', body: JSON.stringify({ title, language: 'en' }) })
  if (response.status !== 201) throw new Error(`create workshop: HTTP ${response.status} ${await response.text()}`)
  const body = (await response.json()) as { id: string; boards: string[]; links: Record<'facilitator' | 'participant' | 'viewer', string> }
  const token = (url: string) => new URL(url).searchParams.get('token')!
  return {
    id: body.id,
    boardId: body.boards[0],
    tokens: { facilitator: token(body.links.facilitator), participant: token(body.links.participant), viewer: token(body.links.viewer) },
  }
}

/**
 * A raw client in a workshop: joined with a token and a display name, control
 * channel open. The server mints the person; pass `cookie` (a client's
 * `credentialCookie`) to come back as the same person.
 */
export async function joinWorkshop(ctx: TestServer, workshop: TestWorkshop, role: keyof TestWorkshop['tokens'], name: string, cookie?: string): Promise<RawClient> {
  const client = await connectRawClient(ctx.syncUrl, workshop.boardId, { token: workshop.tokens[role], name }, { cookie })
  client.hello()
  await waitFor(() => client.control.some((message) => message.type === 'session'), { what: `${name}'s session` })
  return client
}

/** The person id the server gave a joined client, from its session message. */
export function personIdOf(client: RawClient): string {
  const session = client.control.find((message) => message.type === 'session')
  if (!session || session.type !== 'session') throw new Error('the client has no session yet')
  return session.personId
}

/** The latest rounds this client was sent. */
export function latestRounds(client: RawClient): RoundView[] {
  const rounds = client.control.filter((message) => message.type === 'rounds')
  return rounds.length ? (rounds.at(-1) as { rounds: RoundView[] }).rounds : []
}

/** Sends a workshop request on the control channel. */
export function request(client: RawClient, message: Record<string, unknown>): void {
  client.sendControl(message)
}

/** Puts elevator cards on the board through the facilitator's connection and waits until the server holds them; returns their ids. */
export async function addElevators(ctx: TestServer, workshop: TestWorkshop, facilitator: RawClient, count: number): Promise<string[]> {
  const kv = new YKeyValue<unknown>(facilitator.doc.getArray(RECORDS_KEY))
  const updates: Uint8Array[] = []
  const listener = (update: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(update)
  facilitator.doc.on('update', listener)
  const ids = Array.from({ length: count }, (_, i) => `shape:elevator-${i}`)
  facilitator.doc.transact(() => ids.forEach((id, i) => kv.set(id, elevatorRecord(id, i))))
  facilitator.doc.off('update', listener)
  facilitator.sendUpdate(Y.mergeUpdates(updates))
  const room = await waitFor(() => ctx.server.registry.loadedRoom(workshop.boardId), { what: 'room' })
  await waitFor(() => room!.context.readShapes().some((shape) => shape.id === ids.at(-1)), { what: 'elevators on the server' })
  return ids
}

/** A valid elevator card record at position `i`. */
export function elevatorRecord(id: string, i: number) {
  return {
    id, typeName: 'shape', type: 'elevator', x: i * 240, y: 0, rotation: 0, index: `a${i + 1}`, parentId: 'page:page', isLocked: false, opacity: 1, meta: {},
    props: { w: 220, h: 200, action: `Action ${i}`, gapId: '', owner: '', effort: 'M', impact: 3, status: 'idea', due: '', journeyId: '', stageId: '', laneId: '' },
  }
}

/** A test server with one workshop, and the clients a test joined to it, closed together. */
export class WorkshopSession {
  private readonly clients: { close(): void }[] = []

  private constructor(
    readonly ctx: TestServer,
    readonly workshop: TestWorkshop,
  ) {}

  static async start(options?: Parameters<typeof startTestServer>[0]): Promise<WorkshopSession> {
    const ctx = await startTestServer(options)
    return new WorkshopSession(ctx, await createWorkshop(ctx))
  }

  /** Joins the workshop's first board (see `joinWorkshop`); the client is closed with the session. */
  async join(role: keyof TestWorkshop['tokens'], name: string, cookie?: string): Promise<RawClient> {
    return this.keep(await joinWorkshop(this.ctx, this.workshop, role, name, cookie))
  }

  /** Closes a client the test connected itself together with the session. */
  keep<T extends { close(): void }>(client: T): T {
    this.clients.push(client)
    return client
  }

  async close(): Promise<void> {
    for (const client of this.clients.splice(0)) client.close()
    await this.ctx.close({ removeData: true })
  }
}

/**
 * A fresh workshop session for each test of the file (or, with
 * `isStartedEachTest: false`, for each test that calls `start` with its own
 * server options), closed after it. `onStart` hands the session to the file,
 * which usually keeps its `ctx` and `workshop` in variables of its own.
 */
export function useWorkshopSession(onStart: (session: WorkshopSession) => void, { isStartedEachTest = true } = {}) {
  let current: WorkshopSession | null = null
  const started = (): WorkshopSession => {
    if (!current) throw new Error('no workshop session: start one first')
    return current
  }
  const start = async (options?: Parameters<typeof startTestServer>[0]): Promise<WorkshopSession> => {
    current = await WorkshopSession.start(options)
    onStart(current)
    return current
  }
  if (isStartedEachTest) beforeEach(async () => void (await start()))
  afterEach(async () => {
    await current?.close()
    current = null
  })
  return {
    start,
    join: (role: keyof TestWorkshop['tokens'], name: string, cookie?: string) => started().join(role, name, cookie),
    keep: <T extends { close(): void }>(client: T) => started().keep(client),
  }
}
