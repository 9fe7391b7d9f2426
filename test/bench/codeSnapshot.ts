import { execSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'

/** Which code of ours a run measured. */
export interface CodeInfo {
  source: 'working tree' | 'commit' | 'live working tree'
  commit: string
  modifiedFiles: number
}

/**
 * Copies server/ and shared/ (from the working tree, or from a commit with
 * `--code <rev>`) into bench/ so that a run measures the same code even while
 * someone edits the tree. It sits inside the repo so imports resolve to
 * node_modules/; it is removed when the process exits.
 */
export function snapshotCode(revision: string | undefined): { root: string; info: CodeInfo } {
  const git = (command: string) => execSync(`git ${command}`, { encoding: 'utf8' }).trim()
  const commit = git(`rev-parse --short ${revision ?? 'HEAD'}`)
  const modifiedFiles = revision ? 0 : git('status --porcelain -- server shared').split('\n').filter(Boolean).length
  mkdirSync(join(process.cwd(), 'bench'), { recursive: true })
  const root = mkdtempSync(join(process.cwd(), 'bench', '.code-'))
  process.on('exit', () => rmSync(root, { recursive: true, force: true }))
  if (revision) execSync(`git archive ${commit} server shared | tar -x -C ${JSON.stringify(root)}`)
  else for (const dir of ['server', 'shared']) cpSync(dir, join(root, dir), { recursive: true })
  return { root, info: { source: revision ? 'commit' : 'working tree', commit, modifiedFiles } }
}
