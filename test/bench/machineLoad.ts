import { existsSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'

/** A reading of the machine's busy time and of this process tree's own CPU, in clock ticks. */
export interface LoadReading {
  busyTicks: number
  totalTicks: number
  ownTicks: number
}

/** Reads /proc (Linux only; null elsewhere). Own time counts this process and its reaped children. */
export function readLoad(): LoadReading | null {
  if (!existsSync('/proc/stat')) return null
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number)
  const idle = cpu[3] + (cpu[4] ?? 0)
  const total = cpu.slice(0, 8).reduce((sum, value) => sum + value, 0)
  const self = readFileSync('/proc/self/stat', 'utf8')
  const fields = self.slice(self.lastIndexOf(')') + 2).split(' ').map(Number)
  return { busyTicks: total - idle, totalTicks: total, ownTicks: fields[11] + fields[12] + fields[13] + fields[14] }
}

/**
 * CPU that other processes used between two readings, in % of one core:
 * everything the machine did minus this harness and the children it waited
 * for. Other engineers' test runs show up here and make a run noisy.
 */
export function backgroundCpuPercent(from: LoadReading | null, to: LoadReading | null): number {
  if (!from || !to) return NaN
  const ticksPerCore = (to.totalTicks - from.totalTicks) / cpus().length
  return ((to.busyTicks - from.busyTicks - (to.ownTicks - from.ownTicks)) / ticksPerCore) * 100
}
