import { useEditor, useValue } from 'tldraw'
import { GAP, type ElevatorShape } from '../../shared/schema/cards.js'
import { isCard } from './isCard.js'
import { linkPoints } from './linkRoute.js'

/**
 * The link from an elevator to the gap it crosses, drawn by the elevator
 * itself (so it sits above the journey grid, with the card) in the
 * elevator's own coordinates.
 */
export function ElevatorLink({ elevator }: { elevator: ElevatorShape }) {
  const editor = useEditor()
  const points = useValue(
    'elevator link',
    () => {
      const gap = elevator.props.gapId ? editor.getShape(elevator.props.gapId as ElevatorShape['id']) : undefined
      const from = editor.getShapePageBounds(elevator)
      const to = gap?.type === GAP ? editor.getShapePageBounds(gap) : undefined
      if (!from || !to) return null
      const others = editor
        .getCurrentPageShapes()
        .filter((shape) => isCard(shape) && shape.id !== elevator.id && shape.id !== gap?.id)
        .flatMap((shape) => editor.getShapePageBounds(shape) ?? [])
      return linkPoints(from, to, others).map((point) => `${point.x - from.x},${point.y - from.y}`).join(' ')
    },
    [editor, elevator],
  )
  if (!points) return null
  return (
    <svg className="card-links" width={1} height={1} aria-hidden="true">
      <defs>
        <marker id={`arrow-${elevator.id}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      <polyline data-testid="card-link" points={points} markerEnd={`url(#arrow-${elevator.id})`} />
    </svg>
  )
}
