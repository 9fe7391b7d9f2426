import { describe, expect, it } from 'vitest'
import { cellAt, cellBounds, emotionAt, emotionCurvePoints, gridSize, LANE_HEADER_WIDTH, reorder, STAGE_HEADER_HEIGHT } from '../../shared/journey/layout.js'
import type { JourneyProps } from '../../shared/schema/cards.js'

const grid: Pick<JourneyProps, 'stages' | 'lanes' | 'emotions'> = {
  stages: [
    { id: 's1', title: 'Discover', width: 200 },
    { id: 's2', title: 'Choose', width: 100 },
    { id: 's3', title: 'Buy', width: 300 },
  ],
  lanes: [
    { id: 'l1', title: 'Actions', kind: 'cards', height: 100 },
    { id: 'feel', title: 'Feelings', kind: 'emotion', height: 120 },
    { id: 'l3', title: 'Gaps', kind: 'cards', height: 80 },
  ],
  emotions: { s1: 2, s3: -2 },
}
const X0 = LANE_HEADER_WIDTH
const Y0 = STAGE_HEADER_HEIGHT

describe('stage and lane from a position', () => {
  it.each([
    [{ x: X0 + 1, y: Y0 + 1 }, { stageId: 's1', laneId: 'l1' }],
    [{ x: X0 + 199, y: Y0 + 99 }, { stageId: 's1', laneId: 'l1' }],
    [{ x: X0 + 200, y: Y0 + 100 }, { stageId: 's2', laneId: 'feel' }],
    [{ x: X0 + 350, y: Y0 + 299 }, { stageId: 's3', laneId: 'l3' }],
    [{ x: X0 - 1, y: Y0 + 10 }, null],
    [{ x: X0 + 10, y: Y0 - 1 }, null],
    [{ x: X0 + 600, y: Y0 + 10 }, null],
    [{ x: X0 + 10, y: Y0 + 300 }, null],
  ])('%j is in %j', (point, cell) => {
    expect(cellAt(grid, point)).toEqual(cell)
  })

  it('follows the stages when they are reordered', () => {
    const reordered = { ...grid, stages: reorder(grid.stages, 2, 0) }
    expect(reordered.stages.map((stage) => stage.id)).toEqual(['s3', 's1', 's2'])
    expect(cellAt(reordered, { x: X0 + 10, y: Y0 + 10 })).toEqual({ stageId: 's3', laneId: 'l1' })
    expect(cellAt(reordered, { x: X0 + 310, y: Y0 + 10 })).toEqual({ stageId: 's1', laneId: 'l1' })
  })

  it('follows the widths when a stage is resized', () => {
    const resized = { ...grid, stages: grid.stages.map((stage) => (stage.id === 's1' ? { ...stage, width: 50 } : stage)) }
    expect(cellAt(resized, { x: X0 + 60, y: Y0 + 10 })).toEqual({ stageId: 's2', laneId: 'l1' })
    expect(gridSize(resized)).toEqual({ w: X0 + 450, h: Y0 + 300 })
  })

  it('gives each cell its bounds, and null for unknown ids', () => {
    expect(cellBounds(grid, { stageId: 's2', laneId: 'l3' })).toEqual({ x: X0 + 200, y: Y0 + 220, w: 100, h: 80 })
    expect(cellBounds(grid, { stageId: 'nope', laneId: 'l3' })).toBeNull()
  })

  it.each([
    [[1, 2, 3], 0, 2, [2, 3, 1]],
    [[1, 2, 3], 2, 0, [3, 1, 2]],
    [[1, 2, 3], 0, 5, [1, 2, 3]],
  ])('reorder(%j, %i, %i) is %j', (items, from, to, expected) => {
    expect(reorder(items, from, to)).toEqual(expected)
  })
})

describe('emotion curve', () => {
  it('puts one point per scored stage at the column centre, +2 high and -2 low in the emotion lane', () => {
    const points = emotionCurvePoints(grid)
    const laneTop = Y0 + 100
    expect(points).toEqual([
      { x: X0 + 100, y: laneTop + 16 },
      { x: X0 + 450, y: laneTop + 120 - 16 },
    ])
  })

  it('is empty without an emotion lane', () => {
    expect(emotionCurvePoints({ ...grid, lanes: grid.lanes.filter((lane) => lane.kind !== 'emotion') })).toEqual([])
  })

  it.each([
    [0, 2],
    [30, 1],
    [60, 0],
    [90, -1],
    [120, -2],
    [500, -2],
    [-10, 2],
  ])('a click %i px into a 120 px lane scores %i', (y, score) => {
    expect(emotionAt({ height: 120 }, y)).toBe(score)
  })
})
