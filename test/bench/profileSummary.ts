import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '')
  const module = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/)
  if (module) return `${module[1]}/${module[2].split('/').pop()}`
  const own = path.match(/\/(server|shared|test)\/(.*)$/)
  if (own) return `${own[1]}/${own[2]}`
  return path === '' ? '(native)' : path.startsWith('node:') ? path : path.split('/').slice(-2).join('/')
}

function bucketOf(url: string, functionName: string): string {
  if (url === '') return functionName === '(garbage collector)' ? 'GC' : functionName.startsWith('(') ? functionName : 'native/builtin'
  const module = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)
  if (module) return module[1]
  if (url.startsWith('node:')) return 'node internals'
  const own = url.match(/\/(server|shared)\/(.*?)\.[tj]s$/)
  return own ? `${own[1]}/${own[2]}` : 'other'
}

/** Reads a .cpuprofile and returns its top self-time functions and a per-package breakdown, as text. */
export function summariseProfile(file: string, top: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parentOf = new Map<number, number>()
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id)
  const frameKey = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    return `${functionName || '(anonymous)'}  ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`
  }
  /** The nearest JS frame above a native one: which of our calls the native time belongs to. */
  const jsCallerOf = (id: number): string => {
    let current = parentOf.get(id)
    for (let depth = 0; current !== undefined && depth < 50; depth++, current = parentOf.get(current)) {
      if (byId.get(current)!.callFrame.url !== '') return frameKey(current)
    }
    return '(none)'
  }
  const callers = new Map<string, Map<string, number>>()
  const selfUs = new Map<number, number>()
  let total = 0
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + delta)
    total += delta
  }
  const functions = new Map<string, number>()
  const buckets = new Map<string, number>()
  for (const [id, us] of selfUs) {
    const { functionName, url } = byId.get(id)!.callFrame
    const key = frameKey(id)
    functions.set(key, (functions.get(key) ?? 0) + us)
    if (url === '') {
      const byCaller = callers.get(key) ?? new Map<string, number>()
      const caller = jsCallerOf(id)
      byCaller.set(caller, (byCaller.get(caller) ?? 0) + us)
      callers.set(key, byCaller)
    }
    const bucket = bucketOf(url, functionName)
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us)
  }
  const idle = (functions.get('(idle)  ') ?? 0) + (functions.get('(program)  ') ?? 0)
  const busy = total - idle
  const percent = (us: number) => `${((us / busy) * 100).toFixed(1).padStart(5)}%`
  const lines = [`CPU profile ${file}: ${(total / 1000).toFixed(0)} ms sampled, ${(busy / 1000).toFixed(0)} ms busy (idle and (program) excluded from %).`, '', 'Top self time:']
  for (const [key, us] of [...functions].filter(([key]) => !key.startsWith('(idle)') && !key.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    lines.push(`${percent(us)}  ${(us / 1000).toFixed(1).padStart(8)} ms  ${key}`)
    const byCaller = [...(callers.get(key) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, 3)
    for (const [caller, callerUs] of byCaller) lines.push(`${''.padStart(20)}${percent(callerUs)} from ${caller}`)
  }
  lines.push('', 'Self time by package / source file:')
  for (const [bucket, us] of [...buckets].filter(([bucket]) => bucket !== '(idle)' && bucket !== '(program)').sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    lines.push(`${percent(us)}  ${(us / 1000).toFixed(1).padStart(8)} ms  ${bucket}`)
  }
  return lines.join('\n')
}
