import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import type { Result } from '../result.js'
import { canFacilitate, type Role } from '../rules/roles.js'
import { canSeeTally, checkScope } from '../rules/voting.js'
import type { Round, Score, Vote } from '../rules/votingTypes.js'
import { EFFORTS } from '../schema/cards.js'
import { boardSchema, DOCUMENT_TYPE_NAMES, validateRecord } from '../schema/validateRecord.js'

/** The `format` tag of a board export: files that lack it are not ours. */
export const BOARD_EXPORT_FORMAT = 'kuilu-board'
/** The export format's version; a reader refuses versions it does not know rather than guess. */
export const BOARD_EXPORT_VERSION = 1
/** Most records an import takes: far above any workshop board, low enough to keep one import from exhausting the server. */
export const MAX_IMPORT_RECORDS = 20_000
/** Records `parseBoardExportInTurns` validates between two pauses: a few milliseconds of work. */
export const RECORDS_PER_TURN = 1_000

/** A vote as exported; anonymous rounds leave the voter out. */
export type ExportedVote = Omit<Vote, 'voterId'> & { voterId?: string }
/** A score as exported; anonymous rounds leave the voter out. */
export type ExportedScore = Omit<Score, 'voterId'> & { voterId?: string }

/** One voting or scoring round of the board with its ballots; `isHidden` when the exporter could not see its results yet. */
export interface ExportedRound {
  round: Round
  votes: ExportedVote[]
  scores: ExportedScore[]
  isHidden?: true
}

/** A whole board as one JSON document: its records, the schema they follow and, for a workshop board, its rounds. */
export interface BoardExport {
  format: typeof BOARD_EXPORT_FORMAT
  version: typeof BOARD_EXPORT_VERSION
  /** ISO 8601 time of the export. */
  exportedAt: string
  /** The serialized tldraw schema the records were written with. */
  schema: SerializedSchema
  /** Document-scope records only (document, pages, shapes, bindings, assets), ordered by id. */
  records: TLRecord[]
  rounds?: ExportedRound[]
}

/** What `exportBoard` takes: the records as stored, the rounds as the database has them, and who asks. */
export interface ExportInput {
  records: Iterable<{ id: string; typeName: string }>
  schema: SerializedSchema
  rounds?: readonly { round: Round; votes: readonly Vote[]; scores: readonly Score[] }[]
  exportedAt: number
  /** The caller's role: rounds whose results it may not see yet go out without ballots. Omit for a trusted caller. */
  viewerRole?: Role
}

/**
 * Builds the export of a board: document-scope records sorted by id (session
 * records never leave the client), and each round with its votes and scores;
 * anonymous rounds lose their voter ids, and rounds whose results the caller
 * may not see yet (`canSeeTally`) keep their settings but no ballots.
 */
export function exportBoard(input: ExportInput): BoardExport {
  const records = [...input.records]
    .filter((record) => DOCUMENT_TYPE_NAMES.has(record.typeName))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) as TLRecord[]
  const board: BoardExport = {
    format: BOARD_EXPORT_FORMAT,
    version: BOARD_EXPORT_VERSION,
    exportedAt: new Date(input.exportedAt).toISOString(),
    schema: input.schema,
    records,
  }
  if (input.rounds) board.rounds = input.rounds.map((entry) => exportRound(entry, input.viewerRole))
  return board
}

function exportRound(entry: { round: Round; votes: readonly Vote[]; scores: readonly Score[] }, viewerRole: Role | undefined): ExportedRound {
  const { round } = entry
  // The file is the board's backup, so the facilitator's keeps every ballot; anyone else's only what everyone may see.
  if (viewerRole && !canFacilitate(viewerRole) && !canSeeTally(round)) return { round, votes: [], scores: [], isHidden: true }
  const strip = <B extends { voterId: string }>(ballot: B): Omit<B, 'voterId'> & { voterId?: string } => {
    if (!round.isAnonymous) return { ...ballot }
    const { voterId: _voterId, ...rest } = ballot
    return rest
  }
  return { round, votes: entry.votes.map(strip), scores: entry.scores.map(strip) }
}

/**
 * Reads a board export and checks all of it before anything is written: the
 * format tag and version, at most MAX_IMPORT_RECORDS records with unique ids,
 * each migrated from the export's schema to ours and then validated with
 * `validateRecord`, and the rounds' fields. The first problem refuses the
 * whole file with a reason naming the record or round. The value's records
 * follow the current board schema, which its `schema` then names.
 */
export function parseBoardExport(text: string): Result<BoardExport> {
  const steps = boardExportSteps(text)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * `parseBoardExport` in turns: awaits `pause` after the JSON parse and after
 * every RECORDS_PER_TURN records, so a server importing 20,000 records lets
 * other work run in between (validating them all at once held it ~80 ms).
 */
export async function parseBoardExportInTurns(text: string, pause: () => Promise<void>): Promise<Result<BoardExport>> {
  const steps = boardExportSteps(text)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
    await pause()
  }
}

/** The work of `parseBoardExport`, yielding where a caller may pause. */
function* boardExportSteps(text: string): Generator<void, Result<BoardExport>, void> {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: 'badRequest', detail: `not JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (!isObject(data)) return { ok: false, reason: 'badRequest', detail: 'a board export must be a JSON object' }
  if (data.format !== BOARD_EXPORT_FORMAT) return { ok: false, reason: 'badRequest', detail: `not a board export: format must be "${BOARD_EXPORT_FORMAT}"` }
  if (data.version !== BOARD_EXPORT_VERSION) return { ok: false, reason: 'badRequest', detail: `export version ${JSON.stringify(data.version)} is not supported; this server reads version ${BOARD_EXPORT_VERSION}` }
  if (typeof data.exportedAt !== 'string' || Number.isNaN(Date.parse(data.exportedAt))) return { ok: false, reason: 'badRequest', detail: 'exportedAt must be an ISO date' }
  if (!Array.isArray(data.records)) return { ok: false, reason: 'badRequest', detail: 'records must be an array' }
  if (data.records.length > MAX_IMPORT_RECORDS) return { ok: false, reason: 'badRequest', detail: `${data.records.length} records is more than the ${MAX_IMPORT_RECORDS} an import takes` }
  yield
  const records = yield* migrateAndValidate(data.records, data.schema)
  if (!records.ok) return records
  const board: BoardExport = { format: BOARD_EXPORT_FORMAT, version: BOARD_EXPORT_VERSION, exportedAt: data.exportedAt, schema: boardSchema.serialize(), records: records.value }
  if (data.rounds !== undefined) {
    const rounds = parseRounds(data.rounds)
    if (!rounds.ok) return rounds
    board.rounds = rounds.value
  }
  return { ok: true, value: board }
}

function* migrateAndValidate(input: unknown[], schema: unknown): Generator<void, Result<TLRecord[]>, void> {
  const byId = new Map<string, unknown>()
  for (const [index, record] of input.entries()) {
    const id = isObject(record) && typeof record.id === 'string' ? record.id : null
    if (id === null) return { ok: false, reason: 'badRequest', detail: `record at index ${index} has no id` }
    if (byId.has(id)) return { ok: false, reason: 'badRequest', detail: `record ${id} appears twice`, recordId: id }
    byId.set(id, record)
  }
  const migrated = migrate(byId, schema)
  if (!migrated.ok) return migrated
  const records: TLRecord[] = []
  for (const [id, record] of Object.entries(migrated.value)) {
    if (records.length % RECORDS_PER_TURN === 0) yield
    const result = validateRecord(record, id)
    if (!result.ok) return { ok: false, reason: 'invalidRecord', detail: `record ${result.recordId ?? id}: ${result.detail}`, recordId: result.recordId ?? id }
    records.push(result.value)
  }
  return { ok: true, value: records }
}

/** Brings records written with an older schema up to ours; refuses a newer or foreign schema. */
function migrate(byId: Map<string, unknown>, schema: unknown): Result<Record<string, unknown>> {
  const store = Object.fromEntries(byId)
  if (!isObject(schema) || schema.schemaVersion !== 2 || !isObject(schema.sequences) || !Object.values(schema.sequences).every((v) => isIntegerIn(v, 0, 10_000))) {
    return { ok: false, reason: 'badRequest', detail: 'schema must be a serialized tldraw schema (schemaVersion 2 with a version per sequence)' }
  }
  try {
    const steps = boardSchema.getMigrationsSince(schema as unknown as SerializedSchema)
    if (!steps.ok) return { ok: false, reason: 'badRequest', detail: `the export's schema cannot be read by this server (${steps.error}); was it made by a newer version?` }
    if (steps.value.length === 0) return { ok: true, value: store }
    const result = boardSchema.migrateStoreSnapshot({ store: store as Record<string, TLRecord>, schema: schema as unknown as SerializedSchema })
    if (result.type === 'error') return { ok: false, reason: 'badRequest', detail: `the records could not be migrated to this server's schema: ${result.reason}` }
    return { ok: true, value: result.value }
  } catch (error) {
    return { ok: false, reason: 'badRequest', detail: `schema is malformed: ${error instanceof Error ? error.message : String(error)}` }
  }
}

function parseRounds(input: unknown): Result<ExportedRound[]> {
  if (!Array.isArray(input)) return { ok: false, reason: 'badRequest', detail: 'rounds must be an array' }
  const rounds: ExportedRound[] = []
  for (const [index, entry] of input.entries()) {
    const parsed = parseRound(entry)
    if (!parsed.ok) return { ok: false, reason: 'badRequest', detail: `round ${isObject(entry) && isObject(entry.round) && typeof entry.round.id === 'string' ? entry.round.id : `at index ${index}`}: ${parsed.detail}` }
    rounds.push(parsed.value)
  }
  return { ok: true, value: rounds }
}

const ROUND_STATES = ['open', 'revealed', 'closed'] as const

function parseRound(entry: unknown): Result<ExportedRound> {
  if (!isObject(entry) || !isObject(entry.round)) return { ok: false, reason: 'badRequest', detail: 'round must be an object' }
  const r = entry.round
  const scope = checkScope(r.scope)
  if (!scope.ok) return scope
  if (!isText(r.id) || !isText(r.workshopId) || !isText(r.boardId)) return { ok: false, reason: 'badRequest', detail: 'id, workshopId and boardId must be strings' }
  if (r.kind !== 'vote' && r.kind !== 'score') return { ok: false, reason: 'badRequest', detail: "kind must be 'vote' or 'score'" }
  if (!ROUND_STATES.includes(r.state as never)) return { ok: false, reason: 'badRequest', detail: 'state must be open, revealed or closed' }
  if (!isCount(r.votesPerPerson) || !isCount(r.maxVotesPerCard) || !isTime(r.createdAt) || (r.endsAt !== null && !isTime(r.endsAt))) {
    return { ok: false, reason: 'badRequest', detail: 'votesPerPerson, maxVotesPerCard, createdAt and endsAt must be numbers' }
  }
  if (typeof r.isAnonymous !== 'boolean' || typeof r.isHiddenUntilReveal !== 'boolean') return { ok: false, reason: 'badRequest', detail: 'isAnonymous and isHiddenUntilReveal must be true or false' }
  const round: Round = {
    id: r.id, workshopId: r.workshopId, boardId: r.boardId, kind: r.kind, scope: scope.value, votesPerPerson: r.votesPerPerson, maxVotesPerCard: r.maxVotesPerCard,
    isAnonymous: r.isAnonymous, isHiddenUntilReveal: r.isHiddenUntilReveal, endsAt: r.endsAt, state: r.state as Round['state'], createdAt: r.createdAt,
  }
  if (!Array.isArray(entry.votes) || !Array.isArray(entry.scores)) return { ok: false, reason: 'badRequest', detail: 'votes and scores must be arrays' }
  const votes: ExportedVote[] = []
  for (const vote of entry.votes) {
    if (!isBallot(vote, round.id)) return { ok: false, reason: 'badRequest', detail: 'a vote needs this roundId, a cardId and, if any, a string voterId' }
    votes.push(withVoter({ roundId: vote.roundId, cardId: vote.cardId }, vote.voterId))
  }
  const scores: ExportedScore[] = []
  for (const score of entry.scores) {
    if (!isBallot(score, round.id) || !isIntegerIn(score.impact, 1, 5) || !(EFFORTS as readonly unknown[]).includes(score.effort)) {
      return { ok: false, reason: 'badRequest', detail: 'a score needs this roundId, a cardId, impact 1–5 and effort S, M or L' }
    }
    scores.push(withVoter({ roundId: score.roundId, cardId: score.cardId, impact: score.impact as Score['impact'], effort: score.effort as Score['effort'] }, score.voterId))
  }
  const parsed: ExportedRound = { round, votes, scores }
  if (entry.isHidden === true) parsed.isHidden = true
  return { ok: true, value: parsed }
}

function withVoter<B extends object>(ballot: B, voterId: unknown): B & { voterId?: string } {
  return typeof voterId === 'string' ? { ...ballot, voterId } : ballot
}

function isBallot(value: unknown, roundId: string): value is Record<string, unknown> & { roundId: string; cardId: string } {
  return isObject(value) && value.roundId === roundId && isText(value.cardId) && (value.voterId === undefined || isText(value.voterId))
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 200
}

function isCount(value: unknown): value is number {
  return isIntegerIn(value, 0, 10_000)
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
}

/** A round ready to be stored on the board an import created: new ids, every ballot with a voter. */
export interface ImportedRound {
  round: Round
  votes: Vote[]
  scores: Score[]
}

/**
 * Moves exported rounds onto the board an import created in a workshop: each
 * round gets a new id (the original may live on this server still), the
 * workshop and board ids of its new home, and its ballots follow it. Ballots of
 * an anonymous round were exported without voters; each gets a voter of its
 * own (`imported-1`, …), so tallies, scores and means come back exactly while
 * who voted stays unknown. Card ids need no change: an import keeps record ids.
 */
export function roundsForImport(rounds: readonly ExportedRound[], target: { workshopId: string; boardId: string }, newId: () => string): ImportedRound[] {
  let unnamed = 0
  const voterOf = (ballot: { voterId?: string }) => ballot.voterId ?? `imported-${++unnamed}`
  return rounds.map((entry) => {
    const round: Round = { ...entry.round, id: newId(), workshopId: target.workshopId, boardId: target.boardId }
    return {
      round,
      votes: entry.votes.map((vote) => ({ roundId: round.id, voterId: voterOf(vote), cardId: vote.cardId })),
      scores: entry.scores.map((score) => ({ roundId: round.id, voterId: voterOf(score), cardId: score.cardId, impact: score.impact, effort: score.effort })),
    }
  })
}
