import { describe, expect, it } from 'vitest'
import type { CardShape } from '../../shared/schema/cards.js'
import { describeCard, type CardSurroundings } from '../../client/board/cardDescription.js'

/** A card record as the store holds it, with only what a description reads filled in. */
const card = (type: CardShape['type'], props: Record<string, unknown>) =>
  ({ id: `shape:${type}`, type, typeName: 'shape', x: 0, y: 0, rotation: 0, index: 'a1', parentId: 'page:page', isLocked: false, opacity: 1, meta: {}, props: { w: 200, h: 120, journeyId: '', stageId: '', laneId: '', ...props } }) as unknown as CardShape

const gap = card('gap', { today: 'Hard to compare plans', target: 'Every plan clear at a glance', theme: '', severity: 3 })
const emptyGap = card('gap', { today: '', target: '  ', theme: '', severity: 2 })
const elevator = card('elevator', { action: 'Clearer service descriptions', gapId: 'shape:gap', owner: 'Web team', effort: 'M', impact: 3, status: 'idea', due: '' })
const touchpoint = card('touchpoint', { title: 'Order confirmation', channel: 'email', isDigital: true, owner: '' })

const around = (overrides: Partial<CardSurroundings>): CardSurroundings => ({ language: 'en', stageTitle: null, gapLabel: null, votes: 0, ...overrides })

describe('describeCard: what a screen reader hears when a card is selected', () => {
  it.each([
    ['a gap at its stage', gap, around({ stageTitle: 'Buy' }), 'Gap at Buy: target Every plan clear at a glance, today Hard to compare plans, severity 3'],
    ['a gap off the grid', gap, around({}), 'Gap: target Every plan clear at a glance, today Hard to compare plans, severity 3'],
    ['a gap with empty fields', emptyGap, around({ stageTitle: 'Buy' }), 'Gap at Buy: severity 2'],
    ['an elevator crossing a gap, with votes', elevator, around({ gapLabel: 'Every plan clear at a glance', votes: 2 }), 'Elevator crossing “Every plan clear at a glance”: action Clearer service descriptions, owner Web team, 2 votes'],
    ['an elevator with one vote', elevator, around({ gapLabel: 'Clear plans', votes: 1 }), 'Elevator crossing “Clear plans”: action Clearer service descriptions, owner Web team, 1 vote'],
    ['an unlinked elevator', elevator, around({}), 'Elevator, not linked to a gap: action Clearer service descriptions, owner Web team'],
    ['a touchpoint', touchpoint, around({ stageTitle: 'Buy' }), 'Touchpoint at Buy: title Order confirmation, channel Email, digital'],
    ['a Finnish gap', gap, around({ language: 'fi', stageTitle: 'Osto' }), 'Kuilu vaiheessa Osto: tavoite Every plan clear at a glance, nyt Hard to compare plans, vakavuus 3'],
    ['a Finnish elevator with votes', elevator, around({ language: 'fi', gapLabel: 'Selkeät hinnat', votes: 2 }), 'Hissi kuilun ”Selkeät hinnat” yli: toimenpide Clearer service descriptions, vastuu Web team, 2 ääntä'],
  ])('%s', (_, shape, surroundings, expected) => {
    expect(describeCard(shape, surroundings)).toBe(expected)
  })
})
