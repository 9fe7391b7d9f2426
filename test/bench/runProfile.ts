import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { summariseProfile } from './profileSummary.js'
import type { ServerKind } from './report.js'
import { runTraffic, type Figures, type Harness, type TrafficSpec } from './scenarios.js'
import { sleep } from './stats.js'

/** Traffic before anything is measured, as the full plan's rounds have. */
const WARM_UP_MS = 2500

/** What a profile run needs from the harness. */
export interface ProfileRun {
  spec: TrafficSpec
  kinds: readonly ServerKind[]
  /** How ours was configured ('' as shipped), so a diagnostic profile does not overwrite the shipped one. */
  oursVariant: string
  resultsDir: string
  withServer: <T>(kind: ServerKind, run: (h: Harness) => Promise<T>) => Promise<T>
  log: (message: string) => void
}

/**
 * `npm run bench -- --profile A`: for each server, one unprofiled window of
 * the scenario for the CPU figures, then an 8 s window under V8's sampling
 * profiler on the same traffic; writes each profile and its summary, headed by
 * the unprofiled CPU split, to bench/results/ (not tracked). V8 samples the
 * main thread only, and on wall time: time the main thread spends waiting for
 * the core (its storage thread shares it) lands on whatever call woke the
 * other thread. Read the storage thread's share from the CPU split.
 */
export async function runProfile({ spec, kinds, oursVariant, resultsDir, withServer, log }: ProfileRun): Promise<void> {
  for (const kind of kinds) {
    const variant = kind === 'ours' && oursVariant ? `-${oursVariant}` : ''
    const file = join(resultsDir, `${kind}-${spec.name}${variant}.cpuprofile`)
    let figures: Figures = {}
    await withServer(kind, async (h) => {
      const { pid } = await h.server.call<{ pid: number }>('info')
      log(`${kind}: server pid ${pid}; ${spec.name} warm-up, then 4 s unprofiled, then 8 s profiled`)
      // As in a round: a fresh process measured cold would count its JIT compiling as CPU per update.
      await runTraffic(h, { ...spec, name: 'warm-up', warmMs: WARM_UP_MS, windowMs: 100 })
      ;({ figures } = await runTraffic(h, { ...spec, windowMs: 4000 }, async () => {
        await h.server.call('profileStart')
        await sleep(8000)
        await h.server.call('profileStop', file)
      }))
    })
    const summary = `${profileHeader(kind + variant, spec.name, figures)}\n\n${summariseProfile(file, 30)}`
    writeFileSync(file.replace(/\.cpuprofile$/, '.profile.txt'), summary + '\n')
    console.log(`${summary}\n`)
    log(`profile written to ${file} (summary beside it, .profile.txt)`)
  }
}

/** The unprofiled window's CPU per delivered update, split by kind and by thread, as the head of a profile summary. */
function profileHeader(server: string, scenario: string, figures: Figures): string {
  const at = (name: string) => figures[`${scenario}.${name}`]
  const cpu = at('cpuPerUpdate')
  const system = at('systemPerUpdate')
  const other = at('otherThreadsPerUpdate')
  const us = (value: number) => `${value.toFixed(1)} µs`
  return [
    `${server}, scenario ${scenario}, unprofiled 4 s window: ${at('updatesPerSec').toFixed(0)} delivered updates/s, latency p50 ${at('p50').toFixed(2)} ms, p99 ${at('p99').toFixed(2)} ms, event-loop delay p99 ${at('loopDelayP99').toFixed(2)} ms.`,
    `Server CPU per delivered update ${us(cpu)}: user ${us(cpu - system)}, system ${us(system)}; main thread ${us(cpu - other)}, other threads (storage thread, V8 helpers) ${us(other)}; the main thread also waited ${us(at('mainWaitPerUpdate'))} per update for the core.`,
  ].join('\n')
}
