import { describe, expect, it } from 'vitest'
import { crosses, linkPoints } from '../../client/board/linkRoute.js'

const gap = { x: 612, y: 928, w: 196, h: 230 }
const first = { x: 612, y: 1182, w: 196, h: 290 }
const second = { x: 612, y: 1484, w: 196, h: 290 }

describe("an elevator's link to its gap", () => {
  it.each([
    ['through the middle', { x: 0, y: 50 }, { x: 200, y: 50 }, true],
    ['past the side', { x: 0, y: 150 }, { x: 200, y: 150 }, false],
    ['ending before it', { x: 0, y: 50 }, { x: 90, y: 50 }, false],
    ['along its edge', { x: 100, y: 0 }, { x: 100, y: 200 }, false],
    ['starting inside', { x: 150, y: 50 }, { x: 300, y: 300 }, true],
  ])('a segment %s of a rectangle: %s', (_, a, b, expected) => {
    expect(crosses(a, b, { x: 100, y: 0, w: 100, h: 100 })).toBe(expected)
  })

  it('runs straight from edge to edge when nothing stands between', () => {
    expect(linkPoints(first, gap, [second])).toEqual([
      { x: 710, y: 1182 },
      { x: 710, y: 1158 },
    ])
  })

  it('goes round a card stacked between, through the gutter left of both cards', () => {
    const points = linkPoints(second, gap, [first])
    expect(points).toEqual([
      { x: 612, y: 1484 + 24 },
      { x: 606, y: 1484 + 24 },
      { x: 606, y: 928 + 24 },
      { x: 612, y: 928 + 24 },
    ])
    for (let i = 1; i < points.length; i++) expect(crosses(points[i - 1], points[i], first)).toBe(false)
  })
})
