import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import type { BoardExport } from '../../shared/export/boardJson.js'
import type { ActionPlan } from '../../shared/rules/actionPlan.js'
import type { JourneyProps } from '../../shared/schema/cards.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { boardSchema } from '../../shared/schema/validateRecord.js'
import type { RawClient } from '../helpers/rawClient.js'
import { startTestServer, type TestServer } from '../helpers/startTestServer.js'
import { connectStockClient, type StockClient } from '../helpers/stockClient.js'
import { waitFor } from '../helpers/waitFor.js'
import { createWorkshop, joinWorkshop, latestRounds, personIdOf, type TestWorkshop } from '../helpers/workshopFixture.js'

type PlanAnswer = { sortBy: string; round: { id: string; state: string } | null; votes: Record<string, number> | null; plan: ActionPlan }
type Shape = { id: string; type: string; props: Record<string, unknown> }

let ctx: TestServer
let workshop: TestWorkshop
const clients: { close?: () => void; destroy?: () => void }[] = []
beforeEach(async () => {
  ctx = await startTestServer()
  workshop = await createWorkshop(ctx)
})
afterEach(async () => {
  for (const client of clients.splice(0)) (client.close ?? client.destroy)!()
  await ctx.close({ removeData: true })
})

const get = (path: string, token?: string) => fetch(`${ctx.server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
const planOf = async (boardId: string, token: string, query = '') => (await (await get(`/api/boards/${boardId}/action-plan.json${query}`, token)).json()) as PlanAnswer
const join = async (role: keyof TestWorkshop['tokens'], person: string) => {
  const client = await joinWorkshop(ctx, workshop, role, person)
  clients.push(client)
  return client
}

/** Writes a gap in the template grid's first stage and two elevators crossing it, plus one unlinked, through the facilitator's connection. */
async function addCards(facilitator: RawClient): Promise<{ gapId: string; liftIds: string[]; stageTitle: string }> {
  const kv = new YKeyValue<Shape>(facilitator.doc.getArray(RECORDS_KEY))
  const grid = [...kv.map.values()].map((entry) => entry.val).find((shape) => shape.type === 'journey')!
  const { stages, lanes } = grid.props as unknown as JourneyProps
  const cell = { journeyId: grid.id, stageId: stages[0].id, laneId: lanes.find((lane) => lane.kind === 'cards')!.id }
  const base = { typeName: 'shape', x: 0, y: 0, rotation: 0, parentId: 'page:page', isLocked: false, opacity: 1, meta: {} }
  const gapId = 'shape:export-gap'
  const lift = (id: string, index: string, props: Record<string, unknown>) => ({
    ...base, id, type: 'elevator', index,
    props: { w: 220, h: 200, gapId, owner: 'Asiakaspalvelu', effort: 'M', impact: 3, status: 'idea', due: '', ...cell, ...props },
  })
  const records = [
    { ...base, id: gapId, type: 'gap', index: 'a5', props: { w: 240, h: 220, today: 'Hinnasto on vaikea, "sekava"', target: 'Selkeä hinta', theme: '', severity: 3, ...cell } },
    lift('shape:lift-a', 'a6', { action: 'Kirjoita palvelukuvaukset uudelleen', impact: 2 }),
    lift('shape:lift-b', 'a7', { action: '=Yksinkertaisempi kassa', impact: 5, due: '2026-06-30' }),
    lift('shape:lift-free', 'a8', { action: 'Unlinked idea', gapId: '' }),
  ]
  const updates: Uint8Array[] = []
  const listener = (update: Uint8Array, origin: unknown) => origin !== 'server' && updates.push(update)
  facilitator.doc.on('update', listener)
  facilitator.doc.transact(() => records.forEach((record) => kv.set(record.id, record as unknown as Shape)))
  facilitator.doc.off('update', listener)
  facilitator.sendUpdate(Y.mergeUpdates(updates))
  return { gapId, liftIds: ['shape:lift-a', 'shape:lift-b'], stageTitle: stages[0].title }
}

async function startRound(facilitator: RawClient): Promise<string> {
  const before = latestRounds(facilitator).length
  const settings = { kind: 'vote', scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 3, isAnonymous: false, isHiddenUntilReveal: true, durationSeconds: null }
  facilitator.sendControl({ type: 'start-round', settings })
  await waitFor(() => latestRounds(facilitator).length > before, { what: 'the round' })
  return latestRounds(facilitator).at(-1)!.round.id
}

/** A workshop board with a gap, linked elevators and a revealed round (lift-a: 1 vote, lift-b: 2), then a newer open round. */
async function preparedBoard() {
  const facilitator = await join('facilitator', 'facilitator-0000001')
  const cards = await addCards(facilitator)
  const token = workshop.tokens.facilitator
  await waitFor(async () => (await planOf(workshop.boardId, token)).plan.counts.elevators === 3, { what: 'the cards committed' })
  const roundId = await startRound(facilitator)
  const voter = await join('participant', 'participant-0000001')
  for (const cardId of ['shape:lift-a', 'shape:lift-b', 'shape:lift-b']) voter.sendControl({ type: 'vote', roundId, cardId })
  await waitFor(async () => (await ctx.workshopStore.listVotes(roundId)).length === 3, { what: 'three votes stored' })
  expect((await planOf(workshop.boardId, token)).votes).toBeNull()
  facilitator.sendControl({ type: 'reveal-round', roundId })
  await waitFor(async () => (await ctx.workshopStore.getRound(roundId))?.state === 'revealed', { what: 'the round revealed' })
  const newer = await startRound(facilitator)
  voter.sendControl({ type: 'vote', roundId: newer, cardId: 'shape:lift-a' })
  await waitFor(async () => (await ctx.workshopStore.listVotes(newer)).length === 1, { what: 'a vote in the open round' })
  return { facilitator, voter, roundId, ...cards }
}

describe('action plan over HTTP', () => {
  it('builds the JSON from the stored board and the latest revealed round, not a newer open one', async () => {
    const { roundId, gapId, stageTitle } = await preparedBoard()
    const answer = await planOf(workshop.boardId, workshop.tokens.viewer)
    expect(answer.round).toEqual({ id: roundId, state: 'revealed' })
    expect(answer.votes).toEqual({ 'shape:lift-a': 1, 'shape:lift-b': 2 })
    expect(answer.plan.stages.map((stage) => stage.stageTitle)).toEqual([stageTitle])
    const [entry] = answer.plan.stages[0].gaps
    expect(entry.gap.id).toBe(gapId)
    expect(entry.elevators.map((lift) => lift.id)).toEqual(['shape:lift-b', 'shape:lift-a'])
    expect(answer.plan.unlinkedElevators.map((lift) => lift.id)).toEqual(['shape:lift-free'])
    const byEffort = await planOf(workshop.boardId, workshop.tokens.viewer, '?sort=effort')
    expect(byEffort.sortBy).toBe('effort')
  })

  it('answers CSV with a BOM, the language asked for (Finnish: semicolons, for Excel with Finnish regional settings), quoting and votes', async () => {
    const { stageTitle } = await preparedBoard()
    const response = await get(`/api/boards/${workshop.boardId}/action-plan.csv?lang=fi&token=${workshop.tokens.participant}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="action-plan-${workshop.boardId}.csv"`)
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n')
    expect(lines[0]).toBe('Vaihe;Kuilu: nyt;Kuilu: tavoite;Kuilun vakavuus;Hissi: toimenpide;Vastuu;Työmäärä;Vaikutus;Tila;Määräaika;Äänet')
    expect(lines[1]).toBe(`${stageTitle};"Hinnasto on vaikea, ""sekava""";Selkeä hinta;3;'=Yksinkertaisempi kassa;Asiakaspalvelu;M;5;Idea;2026-06-30;2`)
    expect(lines[2].endsWith(';1')).toBe(true)
    expect(lines[3]).toBe(';;;;Unlinked idea;Asiakaspalvelu;M;3;Idea;;0')
    expect(lines.slice(4)).toEqual([''])
  })

  it('refuses bad sort and lang values', async () => {
    const token = workshop.tokens.viewer
    expect((await get(`/api/boards/${workshop.boardId}/action-plan.json?sort=votes`, token)).status).toBe(400)
    expect((await get(`/api/boards/${workshop.boardId}/action-plan.csv?lang=de`, token)).status).toBe(400)
  })

  it('answers the CSV in Swedish with semicolons and decimal commas, as Excel with Finland-Swedish regional settings reads it', async () => {
    const response = await get(`/api/boards/${workshop.boardId}/action-plan.csv?lang=sv`, workshop.tokens.viewer)
    expect(response.status).toBe(200)
    const lines = (await response.text()).replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('Skede;Klyfta: nuläge;Klyfta: målläge;Klyftans allvarlighetsgrad;Hiss: åtgärd;Ansvarig;Insats;Effekt;Status;Tidsfrist;Röster')
  })
})

describe('export API access', () => {
  const paths = ['action-plan.json', 'action-plan.csv', 'export.json']

  it.each(paths)('refuses %s of a workshop board without a valid token for that workshop', async (path) => {
    const other = await createWorkshop(ctx, 'Another workshop')
    const url = `/api/boards/${workshop.boardId}/${path}`
    const none = await get(url)
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ reason: 'inviteRequired' })
    expect((await get(url, `${workshop.tokens.viewer.slice(0, -4)}AAAA`)).status).toBe(401)
    expect((await get(url, other.tokens.facilitator)).status).toBe(403)
    expect((await get(url, workshop.tokens.viewer)).status).toBe(200)
    expect((await get(`${url}?token=${workshop.tokens.participant}`)).status).toBe(200)
  })

  it.each(paths)('serves %s of an open board without a token, and 404 for unknown boards', async (path) => {
    const open = await ctx.createBoard()
    expect((await get(`/api/boards/${open}/${path}`)).status).toBe(200)
    expect((await get(`/api/boards/AAAAAAAAAAAAAAAAAAAAAA/${path}`)).status).toBe(404)
    expect((await get(`/api/boards/not-a-board/${path}`)).status).toBe(404)
  })
})

describe('board export and import', () => {
  it('imports an export into a new open board whose stored records equal the original', async () => {
    const { facilitator, voter } = await preparedBoard()
    const response = await get(`/api/boards/${workshop.boardId}/export.json`, workshop.tokens.facilitator)
    expect(response.status).toBe(200)
    const text = await response.text()
    const exported = JSON.parse(text) as BoardExport
    expect(exported.rounds?.map((entry) => [entry.round.state, entry.votes.length])).toEqual([['revealed', 3], ['open', 1]])
    expect(exported.rounds![0].votes.every((vote) => vote.voterId === personIdOf(voter))).toBe(true)

    const imported = await fetch(`${ctx.server.url}/api/boards/import`, { method: 'POST', body: text })
    expect(imported.status).toBe(201)
    const { id, roundsSkipped } = (await imported.json()) as { id: string; roundsSkipped: number }
    expect(roundsSkipped).toBe(2)
    expect(id).not.toBe(workshop.boardId)

    const client: StockClient = await connectStockClient(ctx.syncUrl, id)
    clients.push(client)
    const byId = (records: Iterable<{ id: string }>) => [...records].sort((a, b) => (a.id < b.id ? -1 : 1))
    const original = [...new YKeyValue<{ id: string }>(facilitator.doc.getArray(RECORDS_KEY)).map.values()].map((entry) => entry.val)
    expect(byId([...client.records.map.values()].map((entry) => entry.val as { id: string }))).toEqual(byId(original))
    expect(exported.records).toEqual(byId(original))
    expect(client.doc.getMap('meta').get('schema')).toEqual(boardSchema.serialize())
    expect((await get(`/api/boards/${id}/action-plan.json`)).status).toBe(200)
  })

  it("imports into the workshop with the facilitator's token: a new board of the workshop with the rounds and ballots of the file", async () => {
    const { roundId } = await preparedBoard()
    const token = workshop.tokens.facilitator
    const text = await (await get(`/api/boards/${workshop.boardId}/export.json`, token)).text()
    const original = JSON.parse(text) as BoardExport
    const importInto = (workshopId: string, bearer?: string) =>
      fetch(`${ctx.server.url}/api/boards/import?workshop=${workshopId}`, { method: 'POST', body: text, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} })

    expect((await importInto(workshop.id)).status).toBe(401)
    expect((await importInto(workshop.id, workshop.tokens.participant)).status).toBe(403)
    expect((await importInto(workshop.id, (await createWorkshop(ctx, 'Another workshop')).tokens.facilitator)).status).toBe(403)
    expect((await importInto('no-such-workshop', token)).status).toBe(404)
    const answer = await importInto(workshop.id, token)
    expect(answer.status).toBe(201)
    const { id, roundsImported, roundsSkipped } = (await answer.json()) as { id: string; roundsImported: number; roundsSkipped: number }
    expect([roundsImported, roundsSkipped]).toEqual([2, 0])
    expect(await ctx.workshopStore.listBoards(workshop.id)).toEqual([workshop.boardId, id])

    const again = (await (await get(`/api/boards/${id}/export.json`, token)).json()) as BoardExport
    expect(again.records).toEqual(original.records)
    const movedRound = (entry: NonNullable<BoardExport['rounds']>[number]) => ({
      ...entry,
      round: { ...entry.round, id: 'moved', boardId: 'moved' },
      votes: entry.votes.map((vote) => ({ ...vote, roundId: 'moved' })),
      scores: entry.scores.map((score) => ({ ...score, roundId: 'moved' })),
    })
    expect(again.rounds!.map(movedRound)).toEqual(original.rounds!.map(movedRound))
    expect(again.rounds!.map((entry) => entry.round.id)).not.toContain(roundId)
    const plan = await planOf(id, token)
    expect(plan.votes).toEqual({ 'shape:lift-a': 1, 'shape:lift-b': 2 })
    expect(plan.round?.state).toBe('revealed')
  })

  it('refuses a malformed record by id, an unknown version, and a body over 10 MiB', async () => {
    const exported = (await (await get(`/api/boards/${workshop.boardId}/export.json`, workshop.tokens.viewer)).json()) as BoardExport
    const post = (body: string) => fetch(`${ctx.server.url}/api/boards/import`, { method: 'POST', body })
    const bad = { ...exported, records: [...exported.records, { id: 'shape:broken', typeName: 'shape', type: 'gap', props: {} }] }
    const refused = await post(JSON.stringify(bad))
    expect(refused.status).toBe(422)
    expect(await refused.json()).toMatchObject({ reason: 'invalidRecord', params: { recordId: 'shape:broken' }, error: expect.stringMatching(/: record shape:broken: /) })
    expect((await post(JSON.stringify({ ...exported, version: 7 }))).status).toBe(400)
    expect((await post('x'.repeat(10 * 1024 * 1024 + 1))).status).toBe(413)
    expect((await fetch(`${ctx.server.url}/api/boards/import`)).status).toBe(405)
  })
})
