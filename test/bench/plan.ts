import type { FigureSpec, Goal } from './report.js'
import type { RampSpec, TrafficSpec } from './scenarios.js'

/** Everything a run does, sized for its time budget. */
export interface Plan {
  mode: 'quick' | 'full' | 'leak'
  rounds: number
  /** Traffic of the first scenario run once on each fresh server process before anything is measured (JIT warm-up). */
  warmUpMs: number
  traffic: TrafficSpec[]
  ramp: RampSpec | null
  cold: { shapes: number; reps: number }
  resync: { edits: number; reps: number } | null
  memory: { rooms: number; idle: number } | null
  /** Join/leave churn, run in the last round only. */
  churn: { rooms: number; ms: number; parallel: number } | null
  browser: boolean
}

const traffic = (name: string, rooms: number, perRoom: number, editsPerSecond: number, awarenessHz: number, warmMs: number, windowMs: number): TrafficSpec => ({
  name, rooms, perRoom, editsPerSecond, awarenessHz, warmMs, windowMs,
})

/** `npm run bench -- --quick`: one short round of A and a tiny cold load, all four servers, no browser. */
export const QUICK_PLAN: Plan = {
  mode: 'quick',
  rounds: 1,
  warmUpMs: 0,
  traffic: [traffic('A', 50, 4, 5, 0, 1000, 2000)],
  ramp: null,
  cold: { shapes: 500, reps: 1 },
  resync: null,
  memory: null,
  churn: null,
  browser: false,
}

/** `npm run bench`: five interleaved rounds of every scenario, then the browser figures. */
export const FULL_PLAN: Plan = {
  mode: 'full',
  rounds: 5,
  warmUpMs: 2500,
  traffic: [
    traffic('A', 50, 4, 5, 0, 800, 2000),
    traffic('B', 20, 10, 10, 0, 800, 2000),
    traffic('C', 1, 50, 4, 0, 800, 2000),
    traffic('D', 1, 50, 4, 30, 800, 2000),
  ],
  ramp: { rooms: 10, perRoom: 10, rates: [17, 24, 34, 48, 67, 94], warmMs: 300, windowMs: 800 },
  cold: { shapes: 5000, reps: 3 },
  resync: { edits: 100, reps: 5 },
  memory: { rooms: 50, idle: 200 },
  churn: { rooms: 5, ms: 8_000, parallel: 8 },
  browser: true,
}

/**
 * `npm run bench -- --leak-minutes N`: only the join/leave churn, for N
 * minutes (the leak check is 10), heap compared between its halves
 * after every room is evicted. Kept out of the full run to hold it under 10
 * minutes.
 */
export function leakPlan(minutes: number): Plan {
  return { ...FULL_PLAN, mode: 'leak', rounds: 1, warmUpMs: 0, traffic: [], ramp: null, cold: { shapes: 0, reps: 0 }, resync: null, memory: null, churn: { rooms: 5, ms: minutes * 60_000, parallel: 8 }, browser: false }
}

/** Goals of issue 10 for ours, checked by the report: in-round ratios to y-websocket, or fixed values. */
interface TrafficGoals {
  p99?: Goal
  cpu?: Goal
  loopDelayP99?: Goal
}

const vsYws = (op: Goal['op'], value: number): Goal => ({ op, value, peer: 'y-websocket' })

const trafficRows = (name: string, title: string, goals: TrafficGoals = {}, isDetailed = false): FigureSpec[] => [
  { key: `${name}.p50`, label: `${title} latency p50`, unit: 'ms', digits: 2 },
  { key: `${name}.p99`, label: `${title} latency p99`, unit: 'ms', digits: 2, goal: goals.p99 },
  { key: `${name}.updatesPerSec`, label: `${title} delivered updates/s`, unit: '1/s', digits: 0 },
  { key: `${name}.cpuPerUpdate`, label: `${title} server CPU per delivered update`, unit: 'µs', digits: 1, goal: goals.cpu },
  { key: `${name}.systemPerUpdate`, label: `${name}: of which kernel (system)`, unit: 'µs', digits: 1 },
  { key: `${name}.otherThreadsPerUpdate`, label: `${name}: of which threads other than main (storage thread, V8 helpers)`, unit: 'µs', digits: 1 },
  ...(isDetailed ? [{ key: `${name}.mainWaitPerUpdate`, label: `${name}: main thread runnable but waiting for the core, per update`, unit: 'µs', digits: 1 }] : []),
  { key: `${name}.serverCpu`, label: `${title} server CPU`, unit: '% core', digits: 0 },
  { key: `${name}.loadCpu`, label: `${title} load generator CPU (invalid > 85)`, unit: '% core', digits: 0 },
  ...(isDetailed ? [{ key: `${name}.loopDelayP50`, label: `${name} event-loop delay p50`, unit: 'ms', digits: 2 }] : []),
  { key: `${name}.loopDelayP99`, label: `${name} event-loop delay p99`, unit: 'ms', digits: 2, goal: goals.loopDelayP99 },
  { key: `${name}.loopDelayMax`, label: `${name} event-loop delay max`, unit: 'ms', digits: 2 },
]

/** The rows of the table for a plan, in order, with the targets for ours (issue 10 for A–E, the earlier ones after). */
export const figureRows = (plan: Plan): FigureSpec[] => [
  { key: 'noise.backgroundCpu', label: 'other processes during the round (noisy above 20)', unit: '% core', digits: 0, isFlag: true },
  ...trafficRows('A', 'A 50×4 @5/s', { p99: vsYws('≤', 1), cpu: vsYws('≤', 1.2), loopDelayP99: { op: '<', value: 2 } }, true),
  ...trafficRows('B', 'B 20×10 @10/s', { cpu: vsYws('≤', 1) }),
  ...trafficRows('C', 'C 1×50 @4/s', { cpu: vsYws('≤', 1) }),
  { key: 'D.p50', label: 'D = C + cursors 30 Hz, edit latency p50', unit: 'ms', digits: 2 },
  { key: 'D.p99', label: 'D edit latency p99', unit: 'ms', digits: 2 },
  { key: 'D.messagesPerSec', label: 'D delivered updates + cursors/s', unit: '1/s', digits: 0 },
  { key: 'D.cpuPerMessage', label: 'D server CPU per delivered message', unit: 'µs', digits: 1, target: 'linear in deliveries' },
  { key: 'D.serverCpu', label: 'D server CPU', unit: '% core', digits: 0 },
  { key: 'D.loadCpu', label: 'D load generator CPU (invalid > 85)', unit: '% core', digits: 0 },
  { key: 'D.loopDelayP99', label: 'D event-loop delay p99', unit: 'ms', digits: 2 },
  { key: 'E.sustained', label: 'E sustained delivered updates/s (p99 < 50 ms)', unit: '1/s', digits: 0, goal: vsYws('≥', 1.5) },
  { key: 'E.p99AtSustained', label: 'E p99 at the sustained step', unit: 'ms', digits: 1 },
  { key: 'E.cpuPerUpdate', label: 'E server CPU per update at that step', unit: 'µs', digits: 1 },
  { key: 'E.loadCpu', label: 'E load generator CPU at that step', unit: '% core', digits: 0 },
  { key: 'E.ceiling', label: 'E server-bound ceiling, estimated (1 s / CPU per update)', unit: '1/s', digits: 0 },
  { key: 'E.clientBound', label: 'E stopped by load generator CPU (1 = client-bound)', unit: '', digits: 0, isFlag: true },
  { key: 'cold.joinMs', label: `cold load of ${plan.cold.shapes.toLocaleString('en-US')} shapes (evicted, from SQLite): join`, unit: 'ms', digits: 1, goal: { op: '≤', value: 150 } },
  { key: 'cold.serverMs', label: 'cold load: server CPU for the join', unit: 'ms', digits: 1, goal: { op: '≤', value: 10 } },
  { key: 'resync.ms', label: 'resync after 100 missed edits', unit: 'ms', digits: 2, goal: { op: '≤', value: 15 } },
  { key: 'mem.perRoomKiB', label: 'heap per room (10 shapes, 1 client)', unit: 'KiB', digits: 1 },
  { key: 'mem.perIdleKiB', label: 'heap per idle connection', unit: 'KiB', digits: 1, goal: { op: '<', value: 30 } },
  { key: 'mem.afterEvictionKiB', label: 'heap after every room evicted, vs before (≤ 0: back to baseline)', unit: 'KiB', digits: 0, goal: { op: '≤', value: 0 } },
  { key: 'churn.joins', label: `churn: joins + leaves in ${(plan.churn?.ms ?? 0) / 1000} s`, unit: '', digits: 0 },
  { key: 'churn.growthKiB', label: 'churn: heap growth, second half vs first (all evicted)', unit: 'KiB', digits: 0, target: '≈ 0' },
]
