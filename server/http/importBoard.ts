import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseBoardExportInTurns, roundsForImport } from '../../shared/export/boardJson.js'
import { ok, refuse, type Result } from '../../shared/result.js'
import type { BoardService } from '../boards/BoardService.js'
import type { WorkshopService } from '../workshops/createWorkshopService.js'
import type { WorkshopStore } from '../workshops/WorkshopStore.js'
import { json, readBody, sendRefusal, tokenOf } from './httpUtil.js'
import type { TaskQueue } from './taskQueue.js'

/** Largest board export `POST /api/boards/import` reads; a 20,000-record board (MAX_IMPORT_RECORDS) is about 8.8 MiB. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024

/** What an import needs: the board service, the workshop tables and token check (null on an open-only server), and the queue imports take turns in. */
export interface ImportDeps {
  boards: BoardService
  workshops: WorkshopStore | null
  service: WorkshopService | null
  imports: TaskQueue
}

/** Gives the event loop a turn: sockets, timers and other rooms run before the import goes on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Parses an export and creates its board, with a turn of the event loop
 * between the steps (and between every RECORDS_PER_TURN records validated),
 * so no single step holds the server long. A 20,000-record, 8.7 MiB export
 * (test/bench/importLoad.ts, real server, 2 cores shared with other work at
 * load 8–11), with a YKeyValue `set` per record before and one push now:
 *   one import   server CPU 5.0 s → 0.6 s; /healthz unanswered 8–12 s → 0.25–0.5 s; peak RSS 1.8 GB → 245 MiB
 *   two at once  server CPU 13.0 s → 1.0 s; /healthz unanswered 10 s → 0.4–0.5 s; peak RSS 2.7 GB (2.65 GB kept) → 325 MiB
 * The steps, in CPU time: JSON.parse 40–70 ms, id and schema checks 30–55 ms,
 * each 1,000 records validated ≤ 20 ms, and encoding the update 120–170 ms,
 * the longest: one Yjs item that cannot be encoded in parts (more pushes and a
 * merge cost more than they save). The commit runs on the storage thread.
 */
async function importInTurns(deps: ImportDeps, text: string, workshopId: string | null): Promise<Result<{ id: string; roundCount: number }>> {
  const parsed = await parseBoardExportInTurns(text, nextTurn)
  if (!parsed.ok) return parsed
  await nextTurn()
  const rounds = parsed.value.rounds ?? []
  // Board, content, workshop membership and rounds in one transaction: a workshop's board is never readable without a token.
  const id = await deps.boards.create({
    content: { kind: 'records', records: parsed.value.records },
    workshop: workshopId === null ? undefined : { id: workshopId, rounds: (boardId) => roundsForImport(rounds, { workshopId, boardId }, randomUUID) },
  })
  if (workshopId !== null) await deps.service?.boardsChanged(workshopId)
  return ok({ id, roundCount: rounds.length })
}

/** Checks the caller may import into `?workshop=<id>` (its facilitator only); null for an open board. */
async function importTarget(deps: ImportDeps, request: IncomingMessage, url: URL): Promise<Result<string | null>> {
  const workshopId = url.searchParams.get('workshop')
  if (workshopId === null) return ok(null)
  if (!deps.workshops || !deps.service || !(await deps.workshops.getWorkshop(workshopId))) return refuse('workshopNotFound')
  const claims = await deps.service.authorizeApi(workshopId, tokenOf(request, url), 'facilitator')
  return claims.ok ? ok(workshopId) : claims
}

/**
 * `POST /api/boards/import`: a new board from a board export. An open board
 * counts the file's rounds as skipped; a workshop's board (`?workshop=<id>`
 * with its facilitator's token) gets them back. The body is read before the
 * import waits for its turn in the queue, so a slow upload holds no turn;
 * one import is parsed and stored at a time, which bounds the memory
 * imports take.
 */
export async function importBoard(deps: ImportDeps, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const target = await importTarget(deps, request, url)
  if (!target.ok) return sendRefusal(response, target)
  const body = await readBody(request, MAX_IMPORT_BYTES)
  if (!body.ok) return sendRefusal(response, body)
  const workshopId = target.value
  const created = await deps.imports.run(() => importInTurns(deps, body.value.toString('utf8'), workshopId))
  if (!created.ok) return sendRefusal(response, created)
  const { id, roundCount } = created.value
  json(response, 201, { id, roundsImported: workshopId ? roundCount : 0, roundsSkipped: workshopId ? 0 : roundCount })
}
