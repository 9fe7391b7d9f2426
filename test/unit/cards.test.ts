import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { MAX_TEXT, type ElevatorShape, type GapShape, type JourneyShape, type TouchpointShape } from '../../shared/schema/cards.js'
import { validateRecord } from '../../shared/schema/validateRecord.js'
import { buildTemplate, TEMPLATE_NAMES, type TemplateLanguage } from '../../shared/templates/templates.js'

const LANGUAGES: TemplateLanguage[] = ['en', 'fi']
const RECORDS = TEMPLATE_NAMES.flatMap((name) =>
  LANGUAGES.flatMap((language) => buildTemplate(name, language).map((record) => [name, language, record.id, record] as const)),
)

const analysis = buildTemplate('gap-analysis', 'en').filter((record): record is TLShape => record.typeName === 'shape')
const journey = analysis.find((shape): shape is JourneyShape => shape.type === 'journey')!
const gap = analysis.find((shape): shape is GapShape => shape.type === 'gap')!
const elevator = analysis.find((shape): shape is ElevatorShape => shape.type === 'elevator')!
const touchpoint: TouchpointShape = {
  ...gap,
  id: 'shape:touchpoint' as TouchpointShape['id'],
  type: 'touchpoint',
  props: {
    w: 200,
    h: 120,
    title: 'Order confirmation email',
    channel: 'email',
    isDigital: true,
    owner: 'Customer service',
    journeyId: '',
    stageId: '',
    laneId: '',
  },
}

/** A copy of a valid shape with some props replaced: the way every bad case below is made. */
function withProps<S extends TLShape>(shape: S, props: Record<string, unknown>): S {
  return { ...shape, props: { ...shape.props, ...props } }
}

/** A copy of a valid shape with one prop missing. */
function withoutProp<S extends TLShape>(shape: S, key: string): S {
  const props: Record<string, unknown> = { ...shape.props }
  delete props[key]
  return { ...shape, props } as S
}

const [firstStage, secondStage] = journey.props.stages

describe('card validators', () => {
  it.each(RECORDS)('accept %s (%s) record %s', (_name, _language, id, record) => {
    expect(validateRecord(record, id)).toEqual({ ok: true, value: record })
  })

  it.each<[string, TLShape]>([
    ['a touchpoint outside any grid', touchpoint],
    ['text of exactly MAX_TEXT characters', withProps(gap, { today: 'x'.repeat(MAX_TEXT) })],
    ['an unlinked elevator', withProps(elevator, { gapId: '' })],
    ['a due date', withProps(elevator, { due: '2026-12-31' })],
    ['every effort, impact and status at once', withProps(elevator, { effort: 'L', impact: 1, status: 'done' })],
    ['emotions from −2 to +2', withProps(journey, { emotions: { [firstStage.id]: -2, [secondStage.id]: 2 } })],
    ['a journey with no stages and no lanes', withProps(journey, { stages: [], lanes: [] })],
  ])('accept %s', (_case, record) => {
    expect(validateRecord(record, record.id).ok).toBe(true)
  })

  it.each<[string, unknown]>([
    ['gap severity 4', withProps(gap, { severity: 4 })],
    ['gap severity 0', withProps(gap, { severity: 0 })],
    ['gap severity as a string', withProps(gap, { severity: '3' })],
    ['gap today over MAX_TEXT characters', withProps(gap, { today: 'x'.repeat(MAX_TEXT + 1) })],
    ['gap target missing', withoutProp(gap, 'target')],
    ['gap with an unknown prop', withProps(gap, { colour: 'red' })],
    ['gap width as a string', withProps(gap, { w: '220' })],
    ['gap width negative', withProps(gap, { w: -1 })],
    ['elevator effort XL', withProps(elevator, { effort: 'XL' })],
    ['elevator impact 0', withProps(elevator, { impact: 0 })],
    ['elevator impact 6', withProps(elevator, { impact: 6 })],
    ['elevator impact 2.5', withProps(elevator, { impact: 2.5 })],
    ['elevator status maybe', withProps(elevator, { status: 'maybe' })],
    ['elevator due 31.12.2026', withProps(elevator, { due: '31.12.2026' })],
    ['elevator action over MAX_TEXT characters', withProps(elevator, { action: 'x'.repeat(MAX_TEXT + 1) })],
    ['elevator gapId as a number', withProps(elevator, { gapId: 42 })],
    ['elevator placement missing', withoutProp(elevator, 'stageId')],
    ['elevator without props', { ...elevator, props: {} }],
    ['touchpoint channel fax', withProps(touchpoint, { channel: 'fax' })],
    ['touchpoint isDigital as a string', withProps(touchpoint, { isDigital: 'yes' })],
    ['touchpoint owner as null', withProps(touchpoint, { owner: null })],
    ['journey with duplicate stage ids', withProps(journey, { stages: [firstStage, { ...secondStage, id: firstStage.id }] })],
    ['journey with duplicate lane ids', withProps(journey, { lanes: [journey.props.lanes[0], journey.props.lanes[0]] })],
    ['journey lane kind notes', withProps(journey, { lanes: [{ ...journey.props.lanes[0], kind: 'notes' }] })],
    ['journey stage width 0 or less', withProps(journey, { stages: [{ ...firstStage, width: -220 }] })],
    ['journey emotion 3', withProps(journey, { emotions: { [firstStage.id]: 3 } })],
    ['journey kind partner', withProps(journey, { kind: 'partner' })],
    ['journey title over MAX_TEXT characters', withProps(journey, { title: 'x'.repeat(MAX_TEXT + 1) })],
    ['journey stages as an object', withProps(journey, { stages: { [firstStage.id]: firstStage } })],
    ['an unknown shape type', { ...gap, type: 'sticker' }],
  ])('reject %s', (_case, record) => {
    const result = validateRecord(record, (record as TLRecord).id)
    expect(result).toMatchObject({ ok: false, recordId: (record as TLRecord).id })
    if (!result.ok) expect(result.reason).not.toBe('')
  })
})
