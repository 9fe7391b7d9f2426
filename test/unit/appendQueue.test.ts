import { describe, expect, it } from 'vitest'
import { createAppendQueue } from '../../server/storage/createAppendQueue.js'
import type { AppendEntry } from '../../server/storage/DocStorage.js'

const board = 'board-a'
const other = 'board-b'
const update = (byte: number) => new Uint8Array([byte])
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A store's commit as the queue sees it: records each batch and when it started, numbers the entries per board. */
function recordingCommit(commitMs = 2) {
  const seqs = new Map<string, number>()
  const commits: { at: number; entries: AppendEntry[] }[] = []
  const commitBatch = async (entries: readonly AppendEntry[]): Promise<number[]> => {
    commits.push({ at: performance.now(), entries: [...entries] })
    await sleep(commitMs)
    return entries.map(({ id, updates }) => {
      const seq = (seqs.get(id) ?? 0) + updates.length
      seqs.set(id, seq)
      return seq
    })
  }
  return { commits, commitBatch }
}

describe('the group commit paced by minIntervalMs', () => {
  it('commits an append at once when nothing committed within the interval', async () => {
    const { commits, commitBatch } = recordingCommit()
    const queue = createAppendQueue(commitBatch, { minIntervalMs: 40 })
    const asked = performance.now()
    await expect(queue.append(board, [update(1)])).resolves.toBe(1)
    expect(commits).toHaveLength(1)
    expect(commits[0].at - asked).toBeLessThan(30)
  })

  it('holds the appends that arrive within the interval of the last commit and commits them together once it has passed', async () => {
    const { commits, commitBatch } = recordingCommit()
    const queue = createAppendQueue(commitBatch, { minIntervalMs: 40 })
    await queue.append(board, [update(1)])
    const held = [queue.append(board, [update(2)]), queue.append(other, [update(3), update(4)]), queue.append(board, [update(5)])]
    await expect(Promise.all(held)).resolves.toEqual([2, 2, 3])
    expect(commits.map((commit) => commit.entries.length)).toEqual([1, 3])
    // Timers may fire up to a millisecond early against performance.now().
    expect(commits[1].at - commits[0].at).toBeGreaterThanOrEqual(39)
  })

  it('without an interval, commits what gathered as soon as the commit in flight ends', async () => {
    const { commits, commitBatch } = recordingCommit(10)
    const queue = createAppendQueue(commitBatch)
    const first = queue.append(board, [update(1)])
    await sleep(1)
    const second = queue.append(board, [update(2)])
    await Promise.all([first, second])
    expect(commits.map((commit) => commit.entries.length)).toEqual([1, 1])
    expect(commits[1].at - commits[0].at).toBeLessThan(35)
  })

  it('drain commits a held batch now rather than at the end of the interval', async () => {
    const { commits, commitBatch } = recordingCommit()
    const queue = createAppendQueue(commitBatch, { minIntervalMs: 5_000 })
    await queue.append(board, [update(1)])
    const held = queue.append(board, [update(2)])
    const started = performance.now()
    await queue.drain()
    await expect(held).resolves.toBe(2)
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(commits).toHaveLength(2)
  })

  it('rejects only the batch whose commit throws, and commits the next one', async () => {
    let calls = 0
    const queue = createAppendQueue(
      (entries) => {
        calls++
        if (calls === 1) throw new Error('disk full')
        return Promise.resolve(entries.map(() => 7))
      },
      { minIntervalMs: 20 },
    )
    await expect(queue.append(board, [update(1)])).rejects.toThrow('disk full')
    await expect(queue.append(board, [update(2)])).resolves.toBe(7)
    expect(calls).toBe(2)
  })
})
