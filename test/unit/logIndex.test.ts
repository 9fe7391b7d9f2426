import { describe, expect, it } from 'vitest'
import { createLogIndex } from '../../server/storage/sqlite/logIndex.js'

describe('the in-memory index of the append-only update log', () => {
  it('sorts each board\'s rows by sequence number whatever order the scan gives, and keeps boards apart', () => {
    const index = createLogIndex([
      { boardId: 'b', seq: 2, id: 9 },
      { boardId: 'a', seq: 3, id: 4 },
      { boardId: 'a', seq: 1, id: 7 },
      { boardId: 'b', seq: 1, id: 8 },
      { boardId: 'a', seq: 2, id: 2 },
    ])
    expect(index.after('a', 0).map((row) => row.id)).toEqual([7, 2, 4])
    expect(index.after('b', 1).map((row) => row.id)).toEqual([9])
    expect([index.lastSeq('a'), index.lastSeq('b'), index.lastSeq('none')]).toEqual([3, 2, 0])
  })

  it('adds committed rows at the end, and forgets a compaction\'s rows (and the board once none are left)', () => {
    const index = createLogIndex([{ boardId: 'a', seq: 1, id: 1 }])
    index.add({ boardId: 'a', seq: 2, id: 5 })
    index.add({ boardId: 'c', seq: 1, id: 6 })
    expect(index.through('a', 1).map((row) => row.id)).toEqual([1])
    index.dropThrough('a', 1)
    expect(index.after('a', 0).map((row) => row.seq)).toEqual([2])
    index.dropThrough('a', 2)
    expect([index.after('a', 0), index.lastSeq('a'), index.lastSeq('c')]).toEqual([[], 0, 1])
  })
})
