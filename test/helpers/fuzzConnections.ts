import WebSocket from 'ws'
import { createFrameFuzzer, type FuzzFrame } from './frameFuzzer.js'
import { seededRandom } from './seededRandom.js'
import { queryAwarenessFrame, type WireFrame } from './wireFrames.js'

/** How one short connection ended: closed by the server, answered the closing probe (and closed by us), never answered, or refused before opening. */
export interface ConnectionOutcome {
  kind: 'closed' | 'answered' | 'hung' | 'refused'
  /** The close code, or the HTTP status of a refused upgrade. */
  code: number | null
}

const MESSAGE_AWARENESS = 1

/**
 * Opens a socket, sends `frames` back to back as soon as it opens, then a query-awareness
 * probe. The server reads frames in order, so an awareness reply means it got past them
 * all; a server close means it refused one. Neither within `timeoutMs` is a hang.
 */
export function sendFramesOnce(url: string, frames: readonly WireFrame[], timeoutMs: number): Promise<ConnectionOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    let isOpened = false
    let isAnswered = false
    let isProbeSent = false
    let settled: ConnectionOutcome | null = null
    const finish = (outcome: ConnectionOutcome): void => {
      if (settled) return
      settled = outcome
      clearTimeout(timer)
      resolve(outcome)
    }
    const timer = setTimeout(() => {
      finish({ kind: 'hung', code: null })
      ws.terminate()
    }, timeoutMs)
    ws.on('unexpected-response', (request, response) => {
      finish({ kind: 'refused', code: response.statusCode ?? null })
      request.destroy()
    })
    ws.on('open', () => {
      isOpened = true
      for (const frame of frames) ws.send(frame)
      ws.send(queryAwarenessFrame())
      isProbeSent = true
    })
    ws.on('message', (data: Buffer) => {
      if (!isProbeSent || isAnswered || data[0] !== MESSAGE_AWARENESS) return
      isAnswered = true
      ws.close(1000)
    })
    // A refused TCP connection reports an error and then a close; the close settles it.
    ws.on('error', () => {})
    // A server close that crossed our goodbye still counts as the server's: its code is not 1000.
    ws.on('close', (code) => finish({ kind: isAnswered && code === 1000 ? 'answered' : isOpened ? 'closed' : 'refused', code }))
  })
}

/** What a fuzz run sent and how its connections ended. */
export interface FuzzTally {
  seed: number
  connections: number
  /** Malformed frames sent, by class, plus the valid frames sent ahead of them. */
  frames: Record<string, number>
  malformed: number
  /** Connection outcomes, keyed like "closed 4400", "answered 1000", "hung", "refused 503". */
  outcomes: Record<string, number>
  /** Why the run stopped before sending everything, if it did. */
  stoppedEarly: string | null
}

/** Settings of a fuzz run through real sockets. */
export interface FuzzRunOptions {
  seed: number
  /** Malformed frames to send in all. */
  malformedFrames: number
  /** Sync URLs (board and query included) the connections are spread over. */
  targets: readonly string[]
  /** Connections open at once. */
  parallel: number
  /** Most malformed frames on one connection (the server closes it on the first, so more mostly test that it stops reading). */
  maxPerConnection: number
  /** Checked before each connection; a run stops when the server is gone or stalls. */
  isServerAlive(): boolean
  timeoutMs?: number
}

/**
 * Sends `malformedFrames` seeded malformed frames over many short connections, `parallel`
 * at a time. Each connection's frames are drawn synchronously when it starts, in start
 * order, so the frames sent depend on the seed only, not on which connection finished first.
 */
export async function runFuzzConnections(options: FuzzRunOptions): Promise<FuzzTally> {
  const random = seededRandom(options.seed)
  const fuzzer = createFrameFuzzer(random)
  const tally: FuzzTally = { seed: options.seed, connections: 0, frames: {}, malformed: 0, outcomes: {}, stoppedEarly: null }
  const count = (map: Record<string, number>, key: string): void => {
    map[key] = (map[key] ?? 0) + 1
  }
  const plan = (): { url: string; frames: FuzzFrame[] } => {
    const url = random.pick(options.targets)
    // Valid frames first on some connections, so the malformed ones meet a connection with an update pending or a hello said.
    const frames = Array.from({ length: random.next() < 0.4 ? 1 + random.int(2) : 0 }, () => fuzzer.valid())
    const malformed = Math.min(1 + random.int(options.maxPerConnection), options.malformedFrames - tally.malformed)
    for (let i = 0; i < malformed; i++) frames.push(fuzzer.next())
    tally.malformed += malformed
    return { url, frames }
  }
  const worker = async (): Promise<void> => {
    while (tally.malformed < options.malformedFrames && !tally.stoppedEarly) {
      if (!options.isServerAlive()) {
        tally.stoppedEarly = 'the server process ended'
        return
      }
      const { url, frames } = plan()
      for (const frame of frames) count(tally.frames, frame.kind)
      tally.connections++
      const outcome = await sendFramesOnce(url, frames.map((frame) => frame.data), options.timeoutMs ?? 10_000)
      count(tally.outcomes, outcome.code === null ? outcome.kind : `${outcome.kind} ${outcome.code}`)
      if ((tally.outcomes.hung ?? 0) >= 5) tally.stoppedEarly = 'five connections hung'
    }
  }
  await Promise.all(Array.from({ length: options.parallel }, worker))
  return tally
}

/**
 * Whether a connection ended acceptably: the server answered, refused a frame with a
 * named code (4000–4999, but not 4500, which means its storage failed), or the `ws`
 * library refused it (1002 protocol error, 1007 bad UTF-8, 1009 too large). Not
 * acceptable: 1006 (dropped without a close frame), 1011, 1001 (shutting down), 1000
 * from the server (a refusal must say why), 4500, hangs.
 */
export function isAcceptableOutcome(key: string): boolean {
  const [kind, codeText] = key.split(' ')
  const code = Number(codeText)
  if (kind === 'answered') return true
  if (kind !== 'closed') return false
  return [1002, 1007, 1009].includes(code) || (code >= 4000 && code <= 4999 && code !== 4500)
}
