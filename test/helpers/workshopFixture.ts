import type { RoundView } from '../../shared/protocol/workshopMessages.js'
import { connectRawClient, type RawClient } from './rawClient.js'
import type { TestServer } from './startTestServer.js'
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
