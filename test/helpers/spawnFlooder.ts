import { spawn } from 'node:child_process'

interface PlanBase {
  /** `ws://host:port/sync` */
  syncUrl: string
  boardId: string
  /** Query of every join (an invite token and name on a workshop board). */
  query: Record<string, string>
  /** How long to keep flooding, reconnecting each time the server closes or refuses. */
  durationMs: number
  /** Send back the credential cookie the server set (the same person every time), or never (a new person each join). */
  keepCookie: boolean
  /** Open the control channel on each connection (to read acks and the person's id). */
  sayHello: boolean
  /** Records the flooder writes have ids starting with this. */
  recordPrefix: string
}

/** What a flooder sends: records, vote/unvote requests, awareness states, or large updates that wait for one never sent. */
export type FloodPlan =
  | (PlanBase & { kind: 'updates' })
  | (PlanBase & { kind: 'control'; roundId: string; cardIds: string[] })
  /** Connection n speaks for client id `clientId + n`. */
  | (PlanBase & { kind: 'awareness'; clientId: number })
  | (PlanBase & { kind: 'pending'; updateBytes: number; count: number })

/** What a flooder saw, times in epoch ms. */
export interface FloodReport {
  /** When its first connection opened, and when it stopped. */
  startedAt: number
  endedAt: number
  /** Frames sent, over all connections. */
  sent: number
  joinsAccepted: number
  /** Upgrade answers by HTTP status (101 for accepted; `error` when the socket failed before any answer). */
  joinStatuses: Record<string, number>
  /** Close codes of the connections that opened (0: a socket error). */
  closeCodes: Record<string, number>
  /** Time from the first open to the first close by the server. */
  firstCloseAfterMs: number | null
  /** The Yjs client ids it wrote or spoke for. */
  clientIds: number[]
  /** The highest clock acked for each of those ids. */
  ackedClocks: Record<string, number>
  /** The person the server issued on the first session message, when it said hello on a workshop board. */
  personId: string | null
  /** Every connection that opened: its index among the attempts, when it opened and closed, its close code and frames sent. */
  connections: { index: number; openedAt: number; closedAt: number; code: number; sent: number }[]
}

/** A running flooder process. */
export interface Flooder {
  /** Resolves with the report when the flood is over; rejects if the process ends without one. */
  readonly done: Promise<FloodReport>
  kill(): Promise<void>
}

/** Starts test/helpers/floodProcess.ts in its own process, so its send loop and the test's timings do not share an event loop. */
export function spawnFlooder(plan: FloodPlan): Flooder {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/floodProcess.ts'], {
    env: { ...process.env, KUILU_FLOOD_PLAN: JSON.stringify(plan) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let onDone!: (report: FloodReport) => void
  const done = new Promise<FloodReport>((resolve, reject) => {
    onDone = resolve
    void exited.then(() => reject(new Error(`the flooder exited (${child.exitCode ?? child.signalCode}) without a report`)))
  })
  child.on('message', (message: { type: string; report?: FloodReport }) => {
    if (message.type === 'done') onDone(message.report!)
  })
  return {
    done,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
