import { useEditor, useValue, type Box, type VecLike } from 'tldraw'
import { ELEVATOR, GAP, type ElevatorShape } from '../../shared/schema/cards.js'

interface Link {
  id: string
  from: VecLike
  to: VecLike
}

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

/** Draws each elevator's link to the gap it crosses, on the canvas under the cards. */
export function LinksOverlay() {
  const editor = useEditor()
  const links = useValue(
    'elevator links',
    () => {
      const result: Link[] = []
      for (const shape of editor.getCurrentPageShapes()) {
        if (shape.type !== ELEVATOR) continue
        const elevator = shape as ElevatorShape
        const gap = elevator.props.gapId ? editor.getShape(elevator.props.gapId as ElevatorShape['id']) : undefined
        const from = editor.getShapePageBounds(elevator)
        const to = gap?.type === GAP ? editor.getShapePageBounds(gap) : undefined
        if (!from || !to) continue
        result.push({ id: elevator.id, from: edgePoint(from, to.center), to: edgePoint(to, from.center) })
      }
      return result
    },
    [editor],
  )
  return (
    <svg className="card-links" width={1} height={1} aria-hidden="true">
      <defs>
        <marker id="kuilu-link-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      {links.map((link) => (
        <line key={link.id} data-testid="card-link" x1={link.from.x} y1={link.from.y} x2={link.to.x} y2={link.to.y} markerEnd="url(#kuilu-link-arrow)" />
      ))}
    </svg>
  )
}
