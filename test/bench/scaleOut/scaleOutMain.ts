import { loadavg } from 'node:os'
import { backgroundCpuPercent, readLoad } from '../machineLoad.js'
import { describeMachine, writeJson } from '../report.js'
import { runScaleOut } from './runScaleOut.js'
import { SCALE_OUT_PLAN, SCALE_OUT_QUICK_PLAN, SCALE_OUT_SETUPS, scaleOutRows } from './scaleOutPlan.js'
import { formatScaleOutMarkdown, formatScaleOutText, scaleOutFindings, scaleOutNotes, scaleOutTable } from './scaleOutReport.js'

/** What `--scale-out` needs from the harness. */
export interface ScaleOutOptions {
  isQuick: boolean
  codeRoot: string
  /** Which code of ours, for the JSON. */
  code: unknown
  isPinned: boolean
  jsonFile: string | undefined
  /** `--only`: setup ids to run (all when undefined). */
  only: string[] | undefined
  log: (message: string) => void
}

/**
 * `npm run bench -- --scale-out`: the scale-out section on its own (it does
 * not fit in the full run's ten minutes). Prints the table, the paired
 * comparisons and the notes, as Markdown too so that a README table can be
 * made from it; never writes bench/results/. Returns what makes the run
 * fail: a setup that failed a scenario, or a run over its time budget.
 */
export async function runScaleOutSection({ isQuick, codeRoot, code, isPinned, jsonFile, only, log }: ScaleOutOptions): Promise<string[]> {
  const plan = isQuick ? SCALE_OUT_QUICK_PLAN : SCALE_OUT_PLAN
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const loadAtStart = readLoad()
  const loadAverageAtStart = loadavg()[0]
  const setups = SCALE_OUT_SETUPS.filter((setup) => !only || only.includes(setup.id))
  if (setups.length === 0) throw new Error(`--only with --scale-out takes setup ids: ${SCALE_OUT_SETUPS.map((setup) => setup.id).join(', ')}`)
  const rounds = await runScaleOut({ plan, setups, codeRoot, log })
  const durationS = (performance.now() - started) / 1000
  const machine = { ...describeMachine(isPinned), backgroundCpuPercent: backgroundCpuPercent(loadAtStart, readLoad()), loadAverageAtStart }
  const table = scaleOutTable(rounds, scaleOutRows(plan))
  const findings = scaleOutFindings(plan, rounds)
  // The run's own average counts Redis and PostgreSQL as other processes; each round's noise row subtracts them.
  const notes = scaleOutNotes(plan, machine.backgroundCpuPercent)
  console.log(`\nScale-out section (${plan.mode}, ${startedAt.slice(0, 16).replace('T', ' ')} UTC): ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ${durationS.toFixed(0)} s; load average at start ${loadAverageAtStart.toFixed(2)}`)
  console.log(setups.map((setup) => `  ${setup.key}: ${setup.label}`).join('\n'))
  console.log(`\n${formatScaleOutText(table)}\n`)
  for (const line of findings) console.log(`- ${line}`)
  for (const note of notes) console.log(`- ${note}`)
  console.log(`\n${formatScaleOutMarkdown(table)}\n`)
  log(`other processes (Redis and PostgreSQL included) used ${machine.backgroundCpuPercent.toFixed(0)}% of a core on average during this run; the per-round noise row leaves them out`)
  if (jsonFile) log(`wrote ${writeJson(jsonFile, { startedAt, durationS, mode: plan.mode, machine, code, plan, setups, rounds, table, findings, notes })}`)
  log(`done in ${durationS.toFixed(0)} s; nothing written to bench/results (the scale-out section only prints)`)
  // Hocuspocus failing a scenario is a measurement of the reference, printed above; only ours failing fails the run.
  for (const [r, round] of rounds.entries()) for (const error of round['Hocus×2']?.errors ?? []) log(`reference did not finish, reported rather than failed: round ${r + 1} Hocus×2: ${error}`)
  const failures = rounds.flatMap((round, r) => Object.entries(round).filter(([key]) => key !== 'Hocus×2').flatMap(([key, result]) => result!.errors.map((error) => `scale-out round ${r + 1} ${key}: ${error}`)))
  if (durationS > plan.budgetS) failures.push(`the ${plan.mode} run took ${durationS.toFixed(0)} s, over its budget of ${plan.budgetS} s`)
  return failures
}
