import { describe, expect, it } from 'vitest'
import { arrangeGrid, CARD_GAP, CELL_PADDING, followCell, freeSlot, MIN_LANE_HEIGHT, overlaps, type FiledCard, type Grid } from '../../shared/journey/arrange.js'
import { CARD_SIZE } from '../../shared/journey/cardSize.js'
import { elevatorLaneId, elevatorSpot } from '../../shared/journey/elevatorSpot.js'
import { cellAt, cellBounds, reorder, STAGE_HEADER_HEIGHT } from '../../shared/journey/layout.js'

const grid: Grid = {
  stages: [
    { id: 'discover', title: 'Discover', width: 220 },
    { id: 'buy', title: 'Buy', width: 220 },
    { id: 'wide', title: 'Use', width: 440 },
  ],
  lanes: [
    { id: 'actions', title: 'Customer actions', kind: 'cards', height: 140 },
    { id: 'feelings', title: 'Thoughts & feelings', kind: 'emotion', height: 160 },
    { id: 'gaps', title: 'Gaps', kind: 'cards', height: 140 },
    { id: 'elevators', title: 'Elevators', kind: 'cards', height: 140 },
  ],
}

/** A card of size w × h at an offset inside a cell, in grid coordinates. */
function card(id: string, stageId: string, laneId: string, w: number, h: number, offset = { x: CELL_PADDING, y: CELL_PADDING }, on: Grid = grid): FiledCard {
  const cell = cellBounds(on, { stageId, laneId })!
  return { id, stageId, laneId, w, h, x: cell.x + offset.x, y: cell.y + offset.y }
}

const laneHeights = (lanes: Grid['lanes']) => Object.fromEntries(lanes.map((lane) => [lane.id, lane.height]))

describe('lanes fit their tallest card', () => {
  it.each([
    ['a short card leaves the lane at its minimum', 100, 140],
    ['a card as tall as the lane allows fits exactly', 140 - 2 * CELL_PADDING, 140],
    ['a tall card grows the lane to the card and its padding', 250, 250 + 2 * CELL_PADDING],
  ])('%s', (_, h, lane) => {
    expect(laneHeights(arrangeGrid(grid, [card('c', 'buy', 'gaps', 196, h)]).lanes).gaps).toBe(lane)
  })

  it('takes the tallest card of the lane across its stages, and leaves other lanes alone', () => {
    const arranged = arrangeGrid(grid, [card('a', 'discover', 'gaps', 196, 180), card('b', 'buy', 'gaps', 196, 300), card('c', 'wide', 'gaps', 196, 90)])
    expect(laneHeights(arranged.lanes)).toEqual({ actions: 140, feelings: 160, gaps: 300 + 2 * CELL_PADDING, elevators: 140 })
    expect(arranged.h).toBe(STAGE_HEADER_HEIGHT + 140 + 160 + 324 + 140)
  })

  it('shrinks back to the minimum of its kind when its tall card has gone', () => {
    const grown = { ...grid, lanes: grid.lanes.map((lane) => ({ ...lane, height: 400 })) }
    expect(laneHeights(arrangeGrid(grown, []).lanes)).toEqual({ actions: MIN_LANE_HEIGHT.cards, feelings: MIN_LANE_HEIGHT.emotion, gaps: MIN_LANE_HEIGHT.cards, elevators: MIN_LANE_HEIGHT.cards })
  })

  it('moves the cards of lower lanes down with their cells when a lane grows, and keeps every card in its cell', () => {
    const cards = [card('tall', 'buy', 'gaps', 196, 300), card('below', 'discover', 'elevators', 196, 100), card('above', 'buy', 'actions', 196, 100)]
    const arranged = arrangeGrid(grid, cards)
    expect(arranged.positions.get('above')).toEqual({ x: cards[2].x, y: cards[2].y })
    expect(arranged.positions.get('below')).toEqual({ x: cards[1].x, y: cards[1].y + 324 - 140 })
    const fitted = { stages: grid.stages, lanes: arranged.lanes }
    for (const c of cards) {
      const at = arranged.positions.get(c.id)!
      expect(cellAt(fitted, { x: at.x + c.w / 2, y: at.y + c.h / 2 })).toEqual({ stageId: c.stageId, laneId: c.laneId })
    }
  })

  it('stacks cards of one cell that overlap, keeping their order from the top, and changes nothing the second time', () => {
    const cards = [card('second', 'buy', 'elevators', 196, 200, { x: 30, y: 40 }), card('first', 'buy', 'elevators', 196, 200, { x: 12, y: 20 })]
    const arranged = arrangeGrid(grid, cards)
    const cell = cellBounds({ stages: grid.stages, lanes: arranged.lanes }, { stageId: 'buy', laneId: 'elevators' })!
    expect(arranged.positions.get('first')).toEqual({ x: cell.x + CELL_PADDING, y: cell.y + CELL_PADDING })
    expect(arranged.positions.get('second')).toEqual({ x: cell.x + CELL_PADDING, y: cell.y + CELL_PADDING + 200 + CARD_GAP })
    expect(laneHeights(arranged.lanes).elevators).toBe(2 * 200 + CARD_GAP + 2 * CELL_PADDING)
    const again = arrangeGrid(
      { stages: grid.stages, lanes: arranged.lanes },
      cards.map((c) => ({ ...c, ...arranged.positions.get(c.id)! })),
    )
    expect(again.lanes).toEqual(arranged.lanes)
    expect(again.positions).toEqual(arranged.positions)
  })

  it('centres a card wider than its column on the column, so that its centre stays in its stage', () => {
    const arranged = arrangeGrid(grid, [card('wide', 'buy', 'actions', 240, 100, { x: 0, y: 12 })])
    const cell = cellBounds(grid, { stageId: 'buy', laneId: 'actions' })!
    expect(arranged.positions.get('wide')!.x).toBe(cell.x - 10)
  })
})

describe('cards follow their cells when the grid changes', () => {
  it('keeps a card in its stage when the stages are reordered', () => {
    const reordered = { ...grid, stages: reorder(grid.stages, 0, 2) }
    const c = card('c', 'discover', 'gaps', 196, 100, { x: 20, y: 30 })
    const moved = followCell(grid, reordered, c)!
    expect(cellAt(reordered, { x: moved.x + 98, y: moved.y + 50 })).toEqual({ stageId: 'discover', laneId: 'gaps' })
    expect(moved).toEqual({ x: cellBounds(reordered, c)!.x + 20, y: cellBounds(reordered, c)!.y + 30 })
  })

  it('gives null for a cell the new layout lacks', () => {
    const fewer = { ...grid, lanes: grid.lanes.filter((lane) => lane.id !== 'gaps') }
    expect(followCell(grid, fewer, card('c', 'buy', 'gaps', 196, 100))).toBeNull()
  })
})

describe('a free spot in a cell', () => {
  it.each([
    ['an empty cell: its top left corner', 220, [], { x: CELL_PADDING, y: CELL_PADDING }],
    ['a narrow cell with one card: below it', 220, [{ x: 12, y: 12, w: 196, h: 200 }], { x: 12, y: 12 + 200 + CARD_GAP }],
    ['a wide cell with one card: beside it', 440, [{ x: 12, y: 12, w: 196, h: 200 }], { x: 12 + 196 + CARD_GAP, y: 12 }],
    [
      'a wide cell with a full row: below the row',
      440,
      [
        { x: 12, y: 12, w: 196, h: 200 },
        { x: 220, y: 12, w: 196, h: 150 },
      ],
      { x: 220, y: 12 + 150 + CARD_GAP },
    ],
  ])('%s', (_, width, taken, spot) => {
    const found = freeSlot(width, taken, { w: 196, h: 200 })
    expect(found).toEqual(spot)
    for (const rect of taken) expect(overlaps({ ...found, w: 196, h: 200 }, rect)).toBe(false)
  })
})

describe('where "+ Add elevator" puts the elevator', () => {
  const titles = ['Elevators', 'Hissit']
  const gap = card('gap', 'buy', 'gaps', 196, 250)
  const untitled = { ...grid, lanes: grid.lanes.map((lane, index) => ({ ...lane, title: `Lane ${index + 1}` })) }

  it.each([
    ['the lane titled as the elevators lane, in any case', { ...grid, lanes: grid.lanes.map((lane) => (lane.id === 'elevators' ? { ...lane, title: 'HISSIT' } : lane)) }, [], 'elevators'],
    ['the lane most elevators are in, when no lane has the title', untitled, ['actions', 'actions', 'elevators'], 'actions'],
    ['the lane below the gap, when nothing else tells', untitled, [], 'elevators'],
  ])('in %s', (_, on, elevatorLanes, lane) => {
    expect(elevatorLaneId(on, 'gaps', elevatorLanes, titles)).toBe(lane)
  })

  it("goes to the elevators lane of the gap's stage, and a second one beside or below the first without overlap", () => {
    const first = elevatorSpot(grid, gap, [{ ...gap, type: 'gap' }], CARD_SIZE.elevator, titles)!
    expect(first.cell).toEqual({ stageId: 'buy', laneId: 'elevators' })
    const cell = cellBounds(grid, first.cell)!
    expect(first.at).toEqual({ x: cell.x + CELL_PADDING, y: cell.y + CELL_PADDING })
    const placed = { id: 'e1', type: 'elevator', ...first.cell, ...first.at, ...CARD_SIZE.elevator }
    const second = elevatorSpot(grid, gap, [{ ...gap, type: 'gap' }, placed], CARD_SIZE.elevator, titles)!
    expect(second.cell).toEqual(first.cell)
    expect(overlaps({ ...second.at, ...CARD_SIZE.elevator }, placed)).toBe(false)
    expect(second.at).toEqual({ x: first.at.x, y: first.at.y + CARD_SIZE.elevator.h + CARD_GAP })
  })

  it('puts the second one beside the first in a stage wide enough for two', () => {
    const wideGap = card('gap', 'wide', 'gaps', 196, 250)
    const first = elevatorSpot(grid, wideGap, [], CARD_SIZE.elevator, titles)!
    const placed = { id: 'e1', type: 'elevator', ...first.cell, ...first.at, ...CARD_SIZE.elevator }
    const second = elevatorSpot(grid, wideGap, [placed], CARD_SIZE.elevator, titles)!
    expect(second.at).toEqual({ x: first.at.x + CARD_SIZE.elevator.w + CARD_GAP, y: first.at.y })
  })

  it('is null when the gap names a stage the grid does not have', () => {
    expect(elevatorSpot(grid, { stageId: 'gone', laneId: 'gaps' }, [], CARD_SIZE.elevator, titles)).toBeNull()
  })

  it('fits default cards in a default stage with their padding', () => {
    for (const size of Object.values(CARD_SIZE)) expect(size.w + 2 * CELL_PADDING).toBeLessThanOrEqual(220)
  })
})
