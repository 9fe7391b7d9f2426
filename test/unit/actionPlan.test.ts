import type { TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import {
  ACTION_PLAN_SORTS,
  buildActionPlan,
  compareElevators,
  compareGapEntries,
  type ActionPlanSort,
  type PlanShape,
} from '../../shared/rules/actionPlan.js'
import type { ElevatorProps, GapProps, JourneyProps } from '../../shared/schema/cards.js'
import { buildTemplate } from '../../shared/templates/templates.js'

const NOWHERE = { journeyId: '', stageId: '', laneId: '' }

function journey(id: string, stages: string[], at: { x: number; y: number }) {
  const props: JourneyProps = {
    w: 1000,
    h: 600,
    title: id,
    kind: 'customer',
    stages: stages.map((stage) => ({ id: stage, title: `${stage} title`, width: 200 })),
    lanes: [{ id: 'gaps', title: 'Gaps', kind: 'cards', height: 140 }],
    emotions: {},
    stageLinks: {},
  }
  return { id, type: 'journey', ...at, props }
}

function gap(id: string, cell: [journeyId: string, stageId: string] | null, props: Partial<GapProps> = {}) {
  const placement = cell ? { journeyId: cell[0], stageId: cell[1], laneId: 'gaps' } : NOWHERE
  const full: GapProps = { w: 200, h: 120, today: `${id} today`, target: `${id} target`, theme: '', severity: 2, ...placement, ...props }
  return { id, type: 'gap', x: 0, y: 0, props: full }
}

function elevator(id: string, gapId: string, props: Partial<ElevatorProps> = {}) {
  const full: ElevatorProps = { w: 200, h: 120, action: id, gapId, owner: '', effort: 'M', impact: 3, status: 'idea', due: '', ...NOWHERE, ...props }
  return { id, type: 'elevator', x: 0, y: 0, props: full }
}

/** Two grids, the lower one listed first; gaps in grids, outside, and in a grid or stage that is gone. */
const board: PlanShape[] = [
  journey('employee', ['e1', 'e2'], { x: 0, y: 900 }),
  journey('customer', ['c1', 'c2', 'c3'], { x: 0, y: 0 }),
  gap('gap-e2', ['employee', 'e2']),
  gap('gap-c3', ['customer', 'c3']),
  gap('gap-c1', ['customer', 'c1']),
  gap('gap-outside', null),
  gap('gap-lost-grid', ['deleted-grid', 'c1']),
  gap('gap-lost-stage', ['customer', 'deleted-stage']),
  elevator('lift-c1', 'gap-c1'),
  elevator('lift-unlinked', ''),
  elevator('lift-orphan', 'deleted-gap'),
  elevator('lift-outside', 'gap-outside'),
  { id: 'note', type: 'note', props: {} },
]

describe('action plan', () => {
  const plan = buildActionPlan(board)

  it('groups gaps by stage, grids top to bottom and stages in grid order, leaving out empty stages', () => {
    expect(plan.stages.map((stage) => [stage.journeyId, stage.stageId, stage.stageTitle])).toEqual([
      ['customer', 'c1', 'c1 title'],
      ['customer', 'c3', 'c3 title'],
      ['employee', 'e2', 'e2 title'],
    ])
    expect(plan.stages.map((stage) => stage.gaps.map((entry) => entry.gap.id))).toEqual([['gap-c1'], ['gap-c3'], ['gap-e2']])
  })

  it('puts gaps outside a grid, or in a grid or stage that is gone, under unplaced', () => {
    expect(plan.unplaced.map((entry) => entry.gap.id).sort()).toEqual(['gap-lost-grid', 'gap-lost-stage', 'gap-outside'])
    expect(plan.unplaced.find((entry) => entry.gap.id === 'gap-outside')?.elevators.map((e) => e.id)).toEqual(['lift-outside'])
  })

  it('attaches elevators to their gaps and lists those with no gap, or a deleted one, as unlinked', () => {
    expect(plan.stages[0].gaps[0].elevators.map((e) => e.id)).toEqual(['lift-c1'])
    expect(plan.unlinkedElevators.map((e) => e.id)).toEqual(['lift-orphan', 'lift-unlinked'])
  })

  it('counts gaps, elevators and unlinked elevators', () => {
    expect(plan.counts).toEqual({ gaps: 6, elevators: 4, unlinked: 2 })
  })

  it('is empty for a board without cards', () => {
    expect(buildActionPlan([journey('j', ['s'], { x: 0, y: 0 })])).toEqual({
      stages: [],
      unplaced: [],
      unlinkedElevators: [],
      counts: { gaps: 0, elevators: 0, unlinked: 0 },
    })
  })

  it('reads tldraw shape records of a template', () => {
    const shapes = buildTemplate('gap-analysis', 'en').filter((record): record is TLShape => record.typeName === 'shape')
    const fromTemplate = buildActionPlan(shapes)
    expect(fromTemplate.counts).toEqual({ gaps: 1, elevators: 1, unlinked: 0 })
    expect(fromTemplate.stages.map((stage) => stage.stageTitle)).toEqual(['Clarity of offering'])
    expect(fromTemplate.stages[0].gaps[0].elevators[0].props.gapId).toBe(fromTemplate.stages[0].gaps[0].gap.id)
  })
})

describe('action plan sorting', () => {
  const lifts = [
    elevator('a', 'g', { action: 'Publish prices', impact: 3, effort: 'L', status: 'done' }),
    elevator('b', 'g', { action: 'Simplify checkout', impact: 5, effort: 'M', status: 'doing' }),
    elevator('c', 'g', { action: 'Call back within a day', impact: 4, effort: 'S', status: 'planned' }),
    elevator('d', 'g', { action: 'Clear service descriptions', impact: 4, effort: 'S', status: 'planned' }),
    elevator('e', 'g', { action: 'Answer chat in Finnish', impact: 1, effort: 'M', status: 'idea' }),
  ]
  const shapes = [gap('g', null), ...lifts]
  const votes = { d: 2, c: 1 }

  it.each<[ActionPlanSort, string[]]>([
    ['impact', ['b', 'd', 'c', 'a', 'e']],
    ['effort', ['d', 'c', 'e', 'b', 'a']],
    ['status', ['e', 'd', 'c', 'b', 'a']],
  ])('by %s (ties: votes, then action text)', (sortBy, expected) => {
    const sorted = buildActionPlan(shapes, { sortBy, votes }).unplaced[0].elevators.map((e) => e.id)
    expect(sorted).toEqual(expected)
    const reversed = buildActionPlan([...shapes].reverse(), { sortBy, votes }).unplaced[0].elevators.map((e) => e.id)
    expect(reversed).toEqual(expected)
  })

  it.each<[string, ActionPlanSort, Partial<ElevatorProps>, Partial<ElevatorProps>, Record<string, number>]>([
    ['higher impact', 'impact', { impact: 5 }, { impact: 4 }, {}],
    ['smaller effort', 'effort', { effort: 'S' }, { effort: 'L' }, {}],
    ['earlier status', 'status', { status: 'planned' }, { status: 'doing' }, {}],
    ['more votes on equal impact', 'impact', {}, {}, { x: 3, y: 1 }],
    ['earlier action text on equal votes', 'effort', { action: 'Add FAQ' }, { action: 'Bake bread' }, { x: 1, y: 1 }],
    ['smaller id on equal everything', 'status', {}, {}, {}],
    ['impact over votes', 'impact', { impact: 2 }, { impact: 1 }, { y: 10 }],
  ])('compareElevators puts x first for %s', (_case, sortBy, first, second, votes) => {
    const compare = compareElevators(sortBy, votes)
    const x = elevator('x', '', { action: 'same', ...first })
    const y = elevator('y', '', { action: 'same', ...second })
    expect(compare(x, y)).toBeLessThan(0)
    expect(compare(y, x)).toBeGreaterThan(0)
  })

  it.each(ACTION_PLAN_SORTS)('compareElevators(%s) says a card equals itself', (sortBy) => {
    const card = elevator('x', '')
    expect(compareElevators(sortBy)(card, card)).toBe(0)
  })

  it.each<[string, Partial<GapProps>, Partial<GapProps>, Record<string, number>]>([
    ['higher severity', { severity: 3 }, { severity: 1 }, { 'lift-y': 9 }],
    ['more votes on its elevators', {}, {}, { 'lift-x': 2, 'lift-y': 1 }],
    ['earlier today text', { today: 'Hard to buy' }, { today: 'Slow answers' }, {}],
  ])('gaps in a stage put x first for %s', (_case, first, second, votes) => {
    const x = { gap: gap('x', null, { today: 'same', ...first }), elevators: [elevator('lift-x', 'x')] }
    const y = { gap: gap('y', null, { today: 'same', ...second }), elevators: [elevator('lift-y', 'y')] }
    expect(compareGapEntries(votes)(x, y)).toBeLessThan(0)
    const plan = buildActionPlan([y.gap, x.gap, ...y.elevators, ...x.elevators], { sortBy: 'impact', votes })
    expect(plan.unplaced.map((entry) => entry.gap.id)).toEqual(['x', 'y'])
  })
})
