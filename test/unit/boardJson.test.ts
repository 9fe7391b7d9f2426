import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { exportBoard, MAX_IMPORT_RECORDS, parseBoardExport, roundsForImport, type BoardExport } from '../../shared/export/boardJson.js'
import type { Round, Score, Vote } from '../../shared/rules/votingTypes.js'
import type { ElevatorShape, GapShape, JourneyShape, TouchpointShape } from '../../shared/schema/cards.js'
import { boardSchema } from '../../shared/schema/validateRecord.js'
import { buildTemplate } from '../../shared/templates/templates.js'
import { geoShape } from '../helpers/stockClient.js'

const counter = () => {
  let i = 0
  return () => `id${i++}`
}
const template = buildTemplate('gap-analysis', 'fi', counter())
const shapes = template.filter((record): record is TLShape => record.typeName === 'shape')
const journey = shapes.find((shape): shape is JourneyShape => shape.type === 'journey')!
const gap = shapes.find((shape): shape is GapShape => shape.type === 'gap')!
const elevator = shapes.find((shape): shape is ElevatorShape => shape.type === 'elevator')!
const touchpoint: TouchpointShape = {
  ...gap,
  id: 'shape:touchpoint' as TouchpointShape['id'],
  type: 'touchpoint',
  props: {
    w: 200, h: 120, title: 'Tilausvahvistus — "ä, ö, å"', channel: 'email', isDigital: true, owner: 'Asiakaspalvelu',
    journeyId: journey.id, stageId: gap.props.stageId, laneId: gap.props.laneId,
  },
}
const records: TLRecord[] = [...template, touchpoint]

const round = (id: string, kind: Round['kind'], extra: Partial<Round> = {}): Round => ({
  id, workshopId: 'workshop-1', boardId: 'board-1', kind, scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 2,
  isAnonymous: false, isHiddenUntilReveal: true, endsAt: null, state: 'closed', createdAt: 1_700_000_000_000, ...extra,
})
const votes: Vote[] = [
  { roundId: 'vote-round', voterId: 'person-a', cardId: elevator.id },
  { roundId: 'vote-round', voterId: 'person-a', cardId: elevator.id },
  { roundId: 'vote-round', voterId: 'person-b', cardId: elevator.id },
]
const scores: Score[] = [{ roundId: 'score-round', voterId: 'person-a', cardId: elevator.id, impact: 4, effort: 'S' }]
const rounds = [
  { round: round('vote-round', 'vote'), votes, scores: [] },
  { round: round('score-round', 'score', { endsAt: 1_700_000_600_000 }), votes: [], scores },
]

const exported = (extra: Partial<Parameters<typeof exportBoard>[0]> = {}) =>
  exportBoard({ records, schema: boardSchema.serialize(), rounds, exportedAt: Date.UTC(2026, 0, 15, 12), ...extra })

describe('board JSON export', () => {
  it('round-trips a board with every card type, a linked elevator and closed rounds into an equal board', () => {
    expect(new Set(shapes.map((shape) => shape.type))).toEqual(new Set(['journey', 'gap', 'elevator']))
    expect(elevator.props.gapId).toBe(gap.id)
    const board = exported()
    const parsed = parseBoardExport(JSON.stringify(board))
    if (!parsed.ok) throw new Error(parsed.detail ?? parsed.reason)
    const byId = (list: readonly TLRecord[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1))
    expect(parsed.value.records).toEqual(byId(records))
    expect(parsed.value.rounds).toEqual(rounds)
    expect(parsed.value).toEqual(board)
  })

  it('leaves out session records and writes the format header', () => {
    const session = [{ id: 'instance:instance', typeName: 'instance' }, { id: 'camera:page', typeName: 'camera' }, { id: 'pointer:pointer', typeName: 'pointer' }]
    const board = exported({ records: [...records, ...session], rounds: undefined })
    expect(board.records).toHaveLength(records.length)
    expect(board).toMatchObject({ format: 'kuilu-board', version: 1, exportedAt: '2026-01-15T12:00:00.000Z' })
    expect(board).not.toHaveProperty('rounds')
  })

  it('leaves voter ids out of anonymous rounds, votes and scores alike', () => {
    const anonymous = rounds.map((entry) => ({ ...entry, round: { ...entry.round, isAnonymous: true } }))
    const board = exported({ rounds: anonymous })
    const ballots = board.rounds!.flatMap((entry) => [...entry.votes, ...entry.scores])
    expect(ballots).toHaveLength(4)
    expect(ballots.some((ballot) => 'voterId' in ballot)).toBe(false)
    const parsed = parseBoardExport(JSON.stringify(board))
    expect(parsed.ok && parsed.value.rounds).toEqual(board.rounds)
  })

  it('moves rounds onto an imported board with new ids and the same ballots; anonymous ballots get a voter each', () => {
    const newId = counter()
    const moved = roundsForImport(exported().rounds!, { workshopId: 'workshop-2', boardId: 'board-2' }, newId)
    expect(moved.map((entry) => [entry.round.id, entry.round.workshopId, entry.round.boardId])).toEqual([['id0', 'workshop-2', 'board-2'], ['id1', 'workshop-2', 'board-2']])
    expect(moved[0].votes).toEqual(votes.map((vote) => ({ ...vote, roundId: 'id0' })))
    expect(moved[1].scores).toEqual(scores.map((score) => ({ ...score, roundId: 'id1' })))
    expect(moved[0].round).toEqual({ ...rounds[0].round, id: 'id0', workshopId: 'workshop-2', boardId: 'board-2' })

    const anonymous = exported({ rounds: rounds.map((entry) => ({ ...entry, round: { ...entry.round, isAnonymous: true } })) })
    const ballots = roundsForImport(anonymous.rounds!, { workshopId: 'w', boardId: 'b' }, counter()).flatMap((entry) => [...entry.votes, ...entry.scores])
    expect(ballots.map((ballot) => ballot.voterId)).toEqual(['imported-1', 'imported-2', 'imported-3', 'imported-4'])
    expect(ballots.map((ballot) => ballot.cardId)).toEqual([elevator.id, elevator.id, elevator.id, elevator.id])
  })

  it('gives a participant no ballots of a hidden round that is still open, and the facilitator all of them', () => {
    const open = [{ round: round('vote-round', 'vote', { state: 'open' }), votes, scores: [] }]
    expect(exported({ rounds: open, viewerRole: 'participant' }).rounds).toEqual([{ round: open[0].round, votes: [], scores: [], isHidden: true }])
    expect(exported({ rounds: open, viewerRole: 'facilitator' }).rounds![0].votes).toHaveLength(3)
  })

  it('migrates records written with an older schema to the current one', () => {
    const current = boardSchema.serialize() as { schemaVersion: 2; sequences: Record<string, number> }
    const older = { ...current, sequences: { ...current.sequences, 'com.tldraw.shape.geo': 11 } }
    const geo = geoShape('shape:old-geo') as { props: Record<string, unknown> }
    delete geo.props.flipX
    delete geo.props.flipY
    const parsed = parseBoardExport(JSON.stringify({ ...exported(), schema: older, records: [...records, geo] }))
    if (!parsed.ok) throw new Error(parsed.detail ?? parsed.reason)
    expect(parsed.value.schema).toEqual(current)
    expect(parsed.value.records.find((record) => record.id === 'shape:old-geo')).toMatchObject({ props: { flipX: false, flipY: false } })
  })
})

describe('board JSON import refusals', () => {
  const valid = exported()
  const withRecords = (list: unknown[]) => JSON.stringify({ ...valid, records: list })
  const withRound = (change: (entry: Record<string, any>) => void) => {
    const copy = JSON.parse(JSON.stringify(valid)) as BoardExport & { rounds: Record<string, any>[] }
    change(copy.rounds[0])
    return JSON.stringify(copy)
  }
  const newer = boardSchema.serialize() as { sequences: Record<string, number> }

  it.each<[string, string, RegExp]>([
    ['text that is not JSON', '{"format":', /^not JSON/],
    ['an array', '[]', /must be a JSON object/],
    ['another format', JSON.stringify({ ...valid, format: 'tldraw' }), /not a board export/],
    ['an unknown version', JSON.stringify({ ...valid, version: 2 }), /version 2 is not supported/],
    ['a missing export time', JSON.stringify({ ...valid, exportedAt: 'yesterday' }), /exportedAt/],
    ['records that are not an array', JSON.stringify({ ...valid, records: {} }), /records must be an array/],
    ['more records than an import takes', withRecords(Array.from({ length: MAX_IMPORT_RECORDS + 1 }, () => 0)), /20001 records is more than the 20000/],
    ['a record without an id', withRecords([...records, { typeName: 'shape' }]), /record at index \d+ has no id/],
    ['a record twice', withRecords([...records, records[0]]), /record document:document appears twice/],
    ['a card with a bad prop', withRecords([...records, { ...gap, id: 'shape:bad-gap', props: { ...gap.props, severity: 7 } }]), /^record shape:bad-gap: /],
    ['a session record', withRecords([...records, { id: 'instance:instance', typeName: 'instance' }]), /^record instance:instance: .*not a document record/],
    ['a schema from a newer tldraw', JSON.stringify({ ...valid, schema: { ...newer, sequences: { ...newer.sequences, 'com.tldraw.shape.geo': 999 } } }), /newer version/],
    ['a schema that is not one', JSON.stringify({ ...valid, schema: { schemaVersion: 2, sequences: 5 } }), /serialized tldraw schema/],
    ['rounds that are not an array', JSON.stringify({ ...valid, rounds: {} }), /rounds must be an array/],
    ['a round in an unknown state', withRound((entry) => (entry.round.state = 'paused')), /^round vote-round: state/],
    ['a round with a bad scope', withRound((entry) => (entry.round.scope = { kind: 'everything' })), /^round vote-round: scope kind/],
    ['a vote of another round', withRound((entry) => (entry.votes[0].roundId = 'other')), /^round vote-round: a vote needs this roundId/],
    ['a score out of range', withRound((entry) => entry.scores.push({ roundId: 'vote-round', cardId: elevator.id, impact: 9, effort: 'S' })), /a score needs .* impact 1–5/],
  ])('refuses %s', (_case, text, reason) => {
    const result = parseBoardExport(text)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      // The code is what callers act on; the English detail names what was wrong.
      expect(result.reason).toBe(reason.source.startsWith('^record shape:bad-gap') || reason.source.startsWith('^record instance') ? 'invalidRecord' : 'badRequest')
      expect(result.detail).toMatch(reason)
    }
  })

  it('names the refused record in recordId too', () => {
    const result = parseBoardExport(withRecords([...records, { ...elevator, id: 'shape:bad-lift', props: { ...elevator.props, due: '2026-02-30' } }]))
    expect(result).toMatchObject({ ok: false, recordId: 'shape:bad-lift' })
  })
})
