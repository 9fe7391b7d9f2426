import pg from 'pg'

/**
 * What ours' PostgreSQL store sent, by kind: group commits of appends (each
 * one statement, so one transaction and one commit), the update rows and
 * bytes they logged, catch-up reads of the log (an instance reading what
 * pub/sub did not bring it in order) and every other statement.
 */
export interface AppendCounts {
  statements: number
  rows: number
  bytes: number
  catchUpReads: number
  otherStatements: number
}

/** Zeros: what a store that is not PostgreSQL reports. */
export const NO_APPENDS: AppendCounts = { statements: 0, rows: 0, bytes: 0, catchUpReads: 0, otherStatements: 0 }

/**
 * Counts the store's statements in this process by watching `pg.Pool#query`
 * (server/storage/postgres/pgDocs.ts: APPEND_BATCH logs a batch, its fourth
 * parameter the updates; LOAD_AFTER reads the log past a sequence number).
 * The store keeps no counter of its own, and PostgreSQL's commit counters are
 * per database, which the tests on this machine share, so they cannot tell
 * our commits from theirs. Returns readers of the running totals and of the commit times since the last take.
 */
export function countAppendStatements(): { read: () => AppendCounts; takeTimes: () => number[] } {
  const counts: AppendCounts = { ...NO_APPENDS }
  // How long each group commit took, from the call to its answer (a row lock, the WAL flush, a busy event loop): read per window.
  let times: number[] = []
  const prototype = pg.Pool.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const query = prototype.query
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [text, values] = args
    if (typeof text === 'string' && text.includes('INSERT INTO doc_updates') && Array.isArray(values) && Array.isArray(values[3])) {
      counts.statements++
      counts.rows += values[3].length
      for (const data of values[3] as Uint8Array[]) counts.bytes += data.byteLength
      const started = performance.now()
      const answer = query.apply(this, args) as Promise<unknown>
      void answer.then(() => times.length < 100_000 && times.push(performance.now() - started), () => {})
      return answer
    } else if (typeof text === 'string' && text.includes('GREATEST($2')) counts.catchUpReads++
    else counts.otherStatements++
    return query.apply(this, args)
  }
  return {
    read: () => ({ ...counts }),
    takeTimes: () => {
      const taken = times
      times = []
      return taken
    },
  }
}
