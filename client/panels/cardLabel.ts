import { ELEVATOR, GAP, TOUCHPOINT } from '../../shared/schema/cards.js'

/** A card's short label for lists: an elevator's action, a gap's target, a touchpoint's title. */
export function cardLabel(shape: { type: string; props: unknown } | undefined): string {
  if (!shape) return '…'
  const props = shape.props as Record<string, string>
  if (shape.type === ELEVATOR) return props.action || '…'
  if (shape.type === GAP) return props.target || props.today || '…'
  if (shape.type === TOUCHPOINT) return props.title || '…'
  return '…'
}
