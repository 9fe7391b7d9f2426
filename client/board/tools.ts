import { BaseBoxShapeTool, type TLKeyboardEventInfo } from 'tldraw'
import { ELEVATOR, GAP, JOURNEY, TOUCHPOINT } from '../../shared/schema/cards.js'
import { placeWithKeyboard } from './keyboardPlacement.js'

/**
 * A tool that places one of our shapes: a click or a drag on the canvas, or
 * Enter (keyboardPlacement.ts). Enter counts only when its key went down
 * while this tool was waiting on the canvas: the Enter that chose the tool
 * on a toolbar button, or that confirmed something in a panel, lets go here
 * too, and must not place a card as well.
 */
abstract class PlacingTool extends BaseBoxShapeTool {
  static override initial = 'idle'
  private isEnterDown = false

  override onKeyDown(info: TLKeyboardEventInfo) {
    if (info.key === 'Enter' && !info.accelKey && !info.altKey) this.isEnterDown = this.isWaitingOnCanvas()
  }
  override onKeyUp(info: TLKeyboardEventInfo) {
    if (info.key !== 'Enter') return
    const isPlacing = this.isEnterDown && this.isWaitingOnCanvas()
    this.isEnterDown = false
    if (isPlacing) placeWithKeyboard(this.editor, this.shapeType)
  }
  override onExit() {
    this.isEnterDown = false
  }

  /** Idle, with the keyboard on the canvas itself (not on a panel's heading or a card's field, which also sit in the editor's container). */
  private isWaitingOnCanvas(): boolean {
    const container = this.editor.getContainer()
    return this.getCurrent()?.id === 'idle' && container.ownerDocument.activeElement === container
  }
}

/** Click, drag or Enter to place a journey map grid. */
export class JourneyTool extends PlacingTool {
  static override id = JOURNEY
  override shapeType = JOURNEY
}

/** Click, drag or Enter to place a touchpoint card. */
export class TouchpointTool extends PlacingTool {
  static override id = TOUCHPOINT
  override shapeType = TOUCHPOINT
}

/** Click, drag or Enter to place a gap card. */
export class GapTool extends PlacingTool {
  static override id = GAP
  override shapeType = GAP
}

/** Click, drag or Enter to place an elevator card. */
export class ElevatorTool extends PlacingTool {
  static override id = ELEVATOR
  override shapeType = ELEVATOR
}

/** Our tools, in toolbar order. */
export const cardTools = [JourneyTool, TouchpointTool, GapTool, ElevatorTool]
