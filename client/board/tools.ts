import { BaseBoxShapeTool } from 'tldraw'
import { ELEVATOR, GAP, JOURNEY, TOUCHPOINT } from '../../shared/schema/cards.js'

/** Click or drag on the canvas to place a journey map grid. */
export class JourneyTool extends BaseBoxShapeTool {
  static override id = JOURNEY
  static override initial = 'idle'
  override shapeType = JOURNEY
}

/** Click or drag to place a touchpoint card. */
export class TouchpointTool extends BaseBoxShapeTool {
  static override id = TOUCHPOINT
  static override initial = 'idle'
  override shapeType = TOUCHPOINT
}

/** Click or drag to place a gap card. */
export class GapTool extends BaseBoxShapeTool {
  static override id = GAP
  static override initial = 'idle'
  override shapeType = GAP
}

/** Click or drag to place an elevator card. */
export class ElevatorTool extends BaseBoxShapeTool {
  static override id = ELEVATOR
  static override initial = 'idle'
  override shapeType = ELEVATOR
}

/** Our tools, in toolbar order. */
export const cardTools = [JourneyTool, TouchpointTool, GapTool, ElevatorTool]
