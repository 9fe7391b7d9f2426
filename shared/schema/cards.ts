import type { RecordProps, TLShape } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'

/** Shape type names of our cards and the journey grid; wire constants stored in every board. */
export const JOURNEY = 'journey' as const
export const TOUCHPOINT = 'touchpoint' as const
export const GAP = 'gap' as const
export const ELEVATOR = 'elevator' as const

/** Longest text a card field takes; beyond it the validator refuses the record. */
export const MAX_TEXT = 10_000

const text = T.string.check((value) => {
  if (value.length > MAX_TEXT) throw new Error(`text longer than ${MAX_TEXT} characters`)
})
const size = T.nonZeroNumber

/** A column of the journey grid: a stage of the journey. */
export interface Stage {
  id: string
  title: string
  width: number
}

/** What a lane holds: cards and notes, the emotion curve, or links to the customer journey's stages. */
export type LaneKind = 'cards' | 'emotion' | 'link'

/** A row of the journey grid. */
export interface Lane {
  id: string
  title: string
  kind: LaneKind
  height: number
}

/** Emotion score per stage, −2 (very negative) to +2 (very positive). */
export type Emotion = -2 | -1 | 0 | 1 | 2

/** Which journey this is: the customer's or the employee's. */
export type JourneyKind = 'customer' | 'employee'

/** Props of the journey grid shape. */
export interface JourneyProps {
  w: number
  h: number
  title: string
  kind: JourneyKind
  stages: Stage[]
  lanes: Lane[]
  /** stageId → score, for the emotion lane. */
  emotions: Record<string, Emotion>
  /** Employee journey: stageId → the title of the customer stage it affects. */
  stageLinks: Record<string, string>
}

/** Where a card sits on a journey grid; empty strings when it sits outside any grid. */
export interface Placement {
  journeyId: string
  stageId: string
  laneId: string
}

/** Channels a touchpoint happens in. */
export const CHANNELS = ['web', 'phone', 'onsite', 'email', 'chat', 'store', 'other'] as const
/** One of CHANNELS. */
export type Channel = (typeof CHANNELS)[number]

/** Props of the touchpoint card. */
export interface TouchpointProps extends Placement {
  w: number
  h: number
  title: string
  channel: Channel
  isDigital: boolean
  owner: string
}

/** Gap severity: 1 minor, 2 notable, 3 severe. */
export type Severity = 1 | 2 | 3

/** Props of the gap card: today's state and the target state at a stage. */
export interface GapProps extends Placement {
  w: number
  h: number
  today: string
  target: string
  theme: string
  severity: Severity
}

/** Effort sizes of an elevator. */
export const EFFORTS = ['S', 'M', 'L'] as const
/** One of EFFORTS. */
export type Effort = (typeof EFFORTS)[number]
/** Progress of an elevator. */
export const STATUSES = ['idea', 'planned', 'doing', 'done'] as const
/** One of STATUSES. */
export type Status = (typeof STATUSES)[number]

/** Props of the elevator card: a small concrete action that crosses a gap. */
export interface ElevatorProps extends Placement {
  w: number
  h: number
  action: string
  /** The gap shape id it crosses, or '' when unlinked. */
  gapId: string
  owner: string
  effort: Effort
  impact: 1 | 2 | 3 | 4 | 5
  status: Status
  /** Due date as YYYY-MM-DD, or ''. */
  due: string
}

declare module '@tldraw/tlschema' {
  interface TLGlobalShapePropsMap {
    [JOURNEY]: JourneyProps
    [TOUCHPOINT]: TouchpointProps
    [GAP]: GapProps
    [ELEVATOR]: ElevatorProps
  }
}

/** The journey grid shape record. */
export type JourneyShape = TLShape<typeof JOURNEY>
/** The touchpoint card record. */
export type TouchpointShape = TLShape<typeof TOUCHPOINT>
/** The gap card record. */
export type GapShape = TLShape<typeof GAP>
/** The elevator card record. */
export type ElevatorShape = TLShape<typeof ELEVATOR>
/** Any of our cards that sits in a grid cell. */
export type CardShape = TouchpointShape | GapShape | ElevatorShape

const id = T.string.check((value) => {
  if (value.length > 200) throw new Error('id longer than 200 characters')
})
const gridPartId = id.check((value) => {
  if (value === '') throw new Error('stage and lane ids must not be empty')
})
const placement = { journeyId: id, stageId: id, laneId: id }
const isoDateOrEmpty = T.string.check((value) => {
  if (value === '') return
  const date = new Date(`${value}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new Error('due date must be a real date as YYYY-MM-DD, or empty')
  }
})

/** Validators of the journey grid's props. */
export const journeyProps: RecordProps<JourneyShape> = {
  w: size,
  h: size,
  title: text,
  kind: T.literalEnum('customer', 'employee'),
  stages: T.arrayOf(T.object({ id: gridPartId, title: text, width: size })).check(uniqueIds('stage')),
  lanes: T.arrayOf(T.object({ id: gridPartId, title: text, kind: T.literalEnum('cards', 'emotion', 'link'), height: size })).check(uniqueIds('lane')),
  emotions: T.dict(id, T.literalEnum(-2, -1, 0, 1, 2)),
  stageLinks: T.dict(id, text),
}

/** Validators of the touchpoint card's props. */
export const touchpointProps: RecordProps<TouchpointShape> = {
  w: size,
  h: size,
  title: text,
  channel: T.literalEnum(...CHANNELS),
  isDigital: T.boolean,
  owner: text,
  ...placement,
}

/** Validators of the gap card's props. */
export const gapProps: RecordProps<GapShape> = {
  w: size,
  h: size,
  today: text,
  target: text,
  theme: text,
  severity: T.literalEnum(1, 2, 3),
  ...placement,
}

/** Validators of the elevator card's props. */
export const elevatorProps: RecordProps<ElevatorShape> = {
  w: size,
  h: size,
  action: text,
  gapId: id,
  owner: text,
  effort: T.literalEnum(...EFFORTS),
  impact: T.literalEnum(1, 2, 3, 4, 5),
  status: T.literalEnum(...STATUSES),
  due: isoDateOrEmpty,
  ...placement,
}

/** Our shapes' schemas, for `createTLSchema({ shapes })` on the server and the ShapeUtils' `props` on the client. */
export const cardShapeSchemas = {
  [JOURNEY]: { props: journeyProps },
  [TOUCHPOINT]: { props: touchpointProps },
  [GAP]: { props: gapProps },
  [ELEVATOR]: { props: elevatorProps },
}

function uniqueIds(what: string) {
  return (items: { id: string }[]) => {
    if (new Set(items.map((item) => item.id)).size !== items.length) throw new Error(`${what} ids must be unique`)
  }
}
