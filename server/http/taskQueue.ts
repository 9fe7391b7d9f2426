import { refuse, type Result } from '../../shared/result.js'

/** Runs heavy tasks a few at a time, the rest in arrival order, and refuses when too many wait. */
export interface TaskQueue {
  /** Runs `task` when a slot is free; `rateLimited` at once when the queue is full. */
  run<T>(task: () => Promise<Result<T>>): Promise<Result<T>>
  /** Tasks running now. */
  readonly running: number
  /** Tasks waiting for a slot. */
  readonly waiting: number
}

/** Creates a queue with `slots` tasks at once and at most `maxWaiting` waiting; a refused caller is told to retry in `retryAfterSeconds`. */
export function createTaskQueue(slots: number, maxWaiting: number, retryAfterSeconds = 5): TaskQueue {
  let running = 0
  const waiting: (() => void)[] = []
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else running--
  }
  return {
    async run(task) {
      if (running >= slots) {
        if (waiting.length >= maxWaiting) return refuse('rateLimited', { params: { retryAfterSeconds }, detail: 'too many imports are waiting' })
        // The slot passes straight from the finishing task to this one, so `running` stays counted.
        await new Promise<void>((resolve) => waiting.push(resolve))
      } else {
        running++
      }
      try {
        return await task()
      } finally {
        release()
      }
    },
    get running() {
      return running
    },
    get waiting() {
      return waiting.length
    },
  }
}
