/**
 * A flooding client in its own process (started by spawnFlooder.ts), so that
 * its busy send loop never delays the test process that times the canary.
 * It reads a FloodPlan from KUILU_FLOOD_PLAN, sends as fast as the socket
 * drains, reconnects at once whenever it is closed or refused, and sends its
 * FloodReport over IPC at the end.
 */
import * as decoding from 'lib0/decoding'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { MessageType, PROTOCOL_VERSION } from '../../shared/protocol/messages.js'
import { RECORDS_KEY } from '../../shared/schema/docLayout.js'
import { geoShape } from './geoShape.js'
import type { FloodPlan, FloodReport } from './spawnFlooder.js'
import { awarenessFrame, awarenessUpdate, controlFrame, syncFrame } from './wireFrames.js'

/** Bytes left queued in the socket before the loop waits for it to drain: "as fast as it can" without holding gigabytes. */
const MAX_QUEUED = 2 * 1024 * 1024

const plan = JSON.parse(process.env.KUILU_FLOOD_PLAN ?? 'null') as FloodPlan
const report: FloodReport = {
  startedAt: 0,
  endedAt: 0,
  sent: 0,
  joinsAccepted: 0,
  joinStatuses: {},
  closeCodes: {},
  firstCloseAfterMs: null,
  clientIds: [],
  ackedClocks: {},
  personId: null,
  connections: [],
}
let cookie: string | null = null

/** Frames one connection sends, built on demand; `null` when it has nothing more to send. */
type FrameSource = () => Uint8Array | null

/** Each connection writes from its own fresh doc, so an update refused on one never leaves the next ones waiting on a missing clock. */
function updateSource(connection: number): FrameSource {
  const doc = new Y.Doc()
  report.clientIds.push(doc.clientID)
  const records = doc.getArray(RECORDS_KEY)
  let captured: Uint8Array | null = null
  doc.on('update', (update: Uint8Array) => (captured = update))
  let n = 0
  return () => {
    const id = `${plan.recordPrefix}${connection}-${n++}`
    records.push([{ key: id, val: geoShape(id, n) }])
    return syncFrame(2, captured!)
  }
}

function controlSource(): FrameSource {
  const { roundId, cardIds } = plan as Extract<FloodPlan, { kind: 'control' }>
  let n = 0
  return () => {
    const cardId = cardIds[n % cardIds.length]
    const type = n++ % 4 === 3 ? 'unvote' : 'vote'
    return controlFrame(JSON.stringify({ type, roundId, cardId }))
  }
}

function awarenessSource(clientId: number): FrameSource {
  let clock = 0
  return () => {
    clock++
    const state = JSON.stringify({ user: { name: 'Flooder', color: '#d33' }, cursor: { x: clock, y: clock } })
    return awarenessFrame(awarenessUpdate([{ clientId, clock, state }]))
  }
}

/**
 * Updates of `updateBytes` each from one writer, all but the first: each waits
 * for the one before it, and so on back to the first, which is never sent.
 * Built once; every connection sends them again from the start.
 */
function missingDependencyFrames(): Uint8Array[] {
  const { updateBytes, count } = plan as Extract<FloodPlan, { kind: 'pending' }>
  const doc = new Y.Doc()
  report.clientIds.push(doc.clientID)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const text = 'x'.repeat(updateBytes)
  for (let i = 0; i <= count; i++) {
    const id = `${plan.recordPrefix}${i}`
    doc.getArray(RECORDS_KEY).push([{ key: id, val: geoShape(id, i, 0, { meta: { text: i === 0 ? '' : text } }) }])
  }
  return updates.slice(1).map((update) => syncFrame(2, update))
}

const pendingFrames = plan.kind === 'pending' ? missingDependencyFrames() : []

function sourceFor(connection: number): FrameSource {
  switch (plan.kind) {
    case 'updates':
      return updateSource(connection)
    case 'control':
      return controlSource()
    case 'awareness':
      // An id per connection, so that every relay can be traced to the connection it came from.
      report.clientIds.push(plan.clientId + connection)
      return awarenessSource(plan.clientId + connection)
    case 'pending': {
      let n = 0
      return () => pendingFrames[n++] ?? null
    }
  }
}

/** Reads the control frames the server sends: the person's id, and acks naming the flooder's own client ids. */
function readControl(data: Buffer): void {
  const decoder = decoding.createDecoder(new Uint8Array(data))
  if (decoding.readVarUint(decoder) !== MessageType.control) return
  const message = JSON.parse(decoding.readVarString(decoder)) as { type: string; personId?: string; clocks?: Record<string, number> }
  if (message.type === 'session' && message.personId) report.personId ??= message.personId
  if (message.type === 'ack' && message.clocks) {
    for (const clientId of report.clientIds) {
      const clock = message.clocks[String(clientId)]
      if (clock !== undefined) report.ackedClocks[clientId] = Math.max(report.ackedClocks[clientId] ?? 0, clock)
    }
  }
}

/** One connection: open it, send until it closes, resolve when it is gone (closed, or refused at the upgrade). */
function runConnection(index: number, deadline: number): Promise<void> {
  const search = new URLSearchParams(plan.query).toString()
  const headers = plan.keepCookie && cookie ? { cookie } : undefined
  const ws = new WebSocket(`${plan.syncUrl}/${plan.boardId}${search ? `?${search}` : ''}`, { headers })
  return new Promise((resolve) => {
    let openedAt = 0
    let sentHere = 0
    let isDone = false
    const finish = (code: number) => {
      if (isDone) return
      isDone = true
      report.closeCodes[code] = (report.closeCodes[code] ?? 0) + 1
      if (openedAt) {
        const closedAt = Date.now()
        report.connections.push({ index, openedAt, closedAt, code, sent: sentHere })
        if (report.firstCloseAfterMs === null && report.startedAt) report.firstCloseAfterMs = closedAt - report.startedAt
      }
      resolve()
    }
    ws.on('unexpected-response', (request, response) => {
      report.joinStatuses[response.statusCode ?? 0] = (report.joinStatuses[response.statusCode ?? 0] ?? 0) + 1
      response.resume()
      request.destroy()
      isDone = true
      resolve()
    })
    ws.on('upgrade', (response) => {
      const set = response.headers['set-cookie']?.[0]
      if (set && plan.keepCookie) cookie ??= set.split(';')[0]
    })
    ws.on('error', () => {
      // Refused before it opened (a reset, no free port): counted as a join that failed, not as a close.
      if (!openedAt && !isDone) {
        report.joinStatuses.error = (report.joinStatuses.error ?? 0) + 1
        isDone = true
        return resolve()
      }
      finish(0)
    })
    ws.on('close', (code) => finish(code))
    ws.on('message', (data: Buffer) => readControl(data))
    ws.on('open', () => {
      openedAt = Date.now()
      report.joinsAccepted++
      report.joinStatuses[101] = (report.joinStatuses[101] ?? 0) + 1
      report.startedAt ||= openedAt
      const timer = setTimeout(() => ws.close(), Math.max(0, deadline - openedAt))
      ws.once('close', () => clearTimeout(timer))
      const next = sourceFor(index)
      if (plan.sayHello) ws.send(controlFrame(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION })))
      // While the socket holds MAX_QUEUED, wait for a write to complete rather than spin: the flooder shares the machine's two cores with the server.
      let isWaitingForDrain = false
      const drained = () => {
        if (!isWaitingForDrain || ws.bufferedAmount >= MAX_QUEUED / 2) return
        isWaitingForDrain = false
        setImmediate(pump)
      }
      const pump = () => {
        if (ws.readyState !== WebSocket.OPEN) return
        for (let i = 0; i < 64; i++) {
          if (ws.bufferedAmount >= MAX_QUEUED) {
            isWaitingForDrain = true
            return
          }
          const frame = next()
          // Nothing more to send: wait for the server to close it (or for the deadline).
          if (!frame) return
          ws.send(frame, drained)
          sentHere++
          report.sent++
        }
        // Yield between batches, so the close the server sends is read.
        setImmediate(pump)
      }
      pump()
    })
  })
}

async function main(): Promise<void> {
  const deadline = Date.now() + plan.durationMs
  for (let index = 0; Date.now() < deadline; index++) await runConnection(index, deadline)
  report.endedAt = Date.now()
  process.send?.({ type: 'done', report }, () => process.exit(0))
}

void main()
