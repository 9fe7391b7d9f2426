import { describe, expect, it } from 'vitest'
import { createTaskQueue } from '../../server/http/taskQueue.js'
import { ok } from '../../shared/result.js'

describe('task queue', () => {
  it('runs one task at a time in arrival order and refuses past its waiting room', async () => {
    const queue = createTaskQueue(1, 2)
    const order: string[] = []
    const releases: (() => void)[] = []
    const task = (name: string) => () =>
      new Promise<ReturnType<typeof ok<string>>>((resolve) => {
        order.push(name)
        releases.push(() => resolve(ok(name)))
      })
    const first = queue.run(task('a'))
    const second = queue.run(task('b'))
    const third = queue.run(task('c'))
    expect(await queue.run(task('d'))).toMatchObject({ ok: false, reason: 'rateLimited', params: { retryAfterSeconds: 5 } })
    expect([order, queue.running, queue.waiting]).toEqual([['a'], 1, 2])
    releases[0]()
    expect(await first).toEqual(ok('a'))
    releases[1]()
    expect(await second).toEqual(ok('b'))
    releases[2]()
    expect(await third).toEqual(ok('c'))
    expect([order, queue.running, queue.waiting]).toEqual([['a', 'b', 'c'], 0, 0])
  })
})
