import { describe, expect, it } from 'vitest'
import type { BoardEntry } from '../../shared/protocol/workshopMessages.js'
import { connectRawClient, type RawClient } from '../helpers/rawClient.js'
import type { TestServer } from '../helpers/startTestServer.js'
import { waitFor } from '../helpers/waitFor.js'
import { createWorkshop, type TestWorkshop, useWorkshopSession } from '../helpers/workshopFixture.js'

let ctx: TestServer
let workshop: TestWorkshop
const session = useWorkshopSession((started) => ({ ctx, workshop } = started))
const join = session.join
/** Joins another board of the workshop with the same invite token. */
const joinBoard = async (boardId: string, role: keyof TestWorkshop['tokens'], name: string) => {
  const client = session.keep(await connectRawClient(ctx.syncUrl, boardId, { token: workshop.tokens[role], name }))
  client.hello()
  await waitFor(() => client.control.some((message) => message.type === 'session'), { what: `${name}'s session` })
  return client
}
const boardsOf = (client: RawClient): BoardEntry[] | undefined => client.control.flatMap((message) => (message.type === 'boards' ? [message.boards] : [])).at(-1)
const refusals = (client: RawClient) => client.control.flatMap((message) => (message.type === 'refused' ? [message.reason] : []))
const api = (path: string, token: string, init: RequestInit = {}) => fetch(`${ctx.server.url}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } })

describe("a workshop's boards: names and one list for everyone", () => {
  it('names boards after their template, announces an added and a renamed board on every board of the workshop, and one token opens them all', async () => {
    const facilitator = await join('facilitator', 'Facilitator')
    const participant = await join('participant', 'Participant')
    expect(boardsOf(participant)).toEqual([{ id: workshop.boardId, name: 'Customer journey' }])

    const added = await api(`/api/workshops/${workshop.id}/boards`, workshop.tokens.facilitator, { method: 'POST', body: JSON.stringify({ template: 'gap-analysis' }) })
    expect(added.status).toBe(201)
    const { boardId: second } = (await added.json()) as { boardId: string }
    await waitFor(() => boardsOf(participant)?.length === 2, { what: 'the new board announced' })
    expect(boardsOf(participant)).toEqual([{ id: workshop.boardId, name: 'Customer journey' }, { id: second, name: expect.any(String) }])
    expect(boardsOf(participant)![1].name).not.toBe('')

    // The participant's token is the workshop's: it opens the second board too, which shows the same list.
    const elsewhere = await joinBoard(second, 'participant', 'Participant elsewhere')
    expect(boardsOf(elsewhere)).toEqual(boardsOf(participant))
    facilitator.sendControl({ type: 'rename-board', boardId: second, name: '  Nykytila\u0007 ' })
    await waitFor(() => [participant, elsewhere, facilitator].every((client) => boardsOf(client)?.[1].name === 'Nykytila'), { what: 'the new name on both boards' })
    expect(await ctx.workshopStore.listWorkshopBoards(workshop.id)).toEqual([{ id: workshop.boardId, name: 'Customer journey' }, { id: second, name: 'Nykytila' }])

    const described = (await (await api(`/api/workshops/${workshop.id}`, workshop.tokens.viewer)).json()) as { role: string; boards: BoardEntry[]; links: unknown[] }
    expect(described).toMatchObject({ role: 'viewer', boards: [{ id: workshop.boardId, name: 'Customer journey' }, { id: second, name: 'Nykytila' }], links: [] })
  })

  it('lets only the facilitator rename, and only boards of this workshop', async () => {
    const facilitator = await join('facilitator', 'Facilitator')
    const participant = await join('participant', 'Participant')
    const other = await createWorkshop(ctx, 'Another workshop')
    participant.sendControl({ type: 'rename-board', boardId: workshop.boardId, name: 'Mine now' })
    facilitator.sendControl({ type: 'rename-board', boardId: other.boardId, name: 'Taken over' })
    await waitFor(() => refusals(participant).length === 1 && refusals(facilitator).length === 1, { what: 'the refusals' })
    expect([...refusals(participant), ...refusals(facilitator)]).toEqual(['facilitatorOnly', 'boardNotFound'])
    expect((await ctx.workshopStore.listWorkshopBoards(other.id))[0].name).toBe('Customer journey')
    expect((await ctx.workshopStore.listWorkshopBoards(workshop.id))[0].name).toBe('Customer journey')
  })

  it('tells a device that opened a board with a link which workshop it is, its title and the role, and nothing without a valid token', async () => {
    const path = `/api/boards/${workshop.boardId}/workshop`
    const answer = await api(path, workshop.tokens.participant)
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ workshop: { id: workshop.id, title: 'Service design sprint' }, role: 'participant', links: [] })
    const facilitator = (await (await api(path, workshop.tokens.facilitator)).json()) as { links: unknown[] }
    expect(facilitator.links).toHaveLength(3)
    const other = await createWorkshop(ctx, 'Another workshop')
    const refused = async (response: Response) => [response.status, ((await response.json()) as { reason: string }).reason]
    expect(await refused(await fetch(`${ctx.server.url}${path}`))).toEqual([401, 'inviteRequired'])
    expect(await refused(await api(path, other.tokens.facilitator))).toEqual([403, 'inviteOtherWorkshop'])
    expect(await refused(await api(`/api/boards/${await ctx.createBoard()}/workshop`, workshop.tokens.facilitator))).toEqual([409, 'notInWorkshop'])
    expect((await api(path, workshop.tokens.facilitator, { method: 'POST' })).status).toBe(405)
  })
})
