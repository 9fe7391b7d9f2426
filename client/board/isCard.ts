import type { TLShape } from 'tldraw'
import { ELEVATOR, GAP, TOUCHPOINT, type Placement } from '../../shared/schema/cards.js'

const CARD_TYPES = new Set<string>([TOUCHPOINT, GAP, ELEVATOR])

/** Whether a shape is one of our grid cards. */
export function isCard(shape: TLShape | undefined): shape is TLShape & { props: Placement & { w: number; h: number } } {
  return shape !== undefined && CARD_TYPES.has(shape.type)
}
