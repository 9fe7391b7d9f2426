import { useEditor, useValue, type Box, type VecLike } from 'tldraw'
import { GAP, type ElevatorShape } from '../../shared/schema/cards.js'

/** Where the line from a box's centre towards `target` leaves the box. */
export function edgePoint(box: Pick<Box, 'x' | 'y' | 'w' | 'h'>, target: VecLike): VecLike {
  const cx = box.x + box.w / 2
  const cy = box.y + box.h / 2
  const dx = target.x - cx
  const dy = target.y - cy
  if (dx === 0 && dy === 0) return { x: cx, y: cy }
  const scale = Math.min(dx === 0 ? Infinity : box.w / 2 / Math.abs(dx), dy === 0 ? Infinity : box.h / 2 / Math.abs(dy))
  return { x: cx + dx * Math.min(1, scale), y: cy + dy * Math.min(1, scale) }
}

/**
 * The link from an elevator to the gap it crosses, drawn by the elevator
 * itself (so it sits above the journey grid, with the card) in the
 * elevator's own coordinates.
 */
export function ElevatorLink({ elevator }: { elevator: ElevatorShape }) {
  const editor = useEditor()
  const link = useValue(
    'elevator link',
    () => {
      const gap = elevator.props.gapId ? editor.getShape(elevator.props.gapId as ElevatorShape['id']) : undefined
      const from = editor.getShapePageBounds(elevator)
      const to = gap?.type === GAP ? editor.getShapePageBounds(gap) : undefined
      if (!from || !to) return null
      const start = edgePoint(from, to.center)
      const end = edgePoint(to, from.center)
      return { x1: start.x - from.x, y1: start.y - from.y, x2: end.x - from.x, y2: end.y - from.y }
    },
    [editor, elevator],
  )
  if (!link) return null
  return (
    <svg className="card-links" width={1} height={1} aria-hidden="true">
      <defs>
        <marker id={`arrow-${elevator.id}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      <line data-testid="card-link" {...link} markerEnd={`url(#arrow-${elevator.id})`} />
    </svg>
  )
}
