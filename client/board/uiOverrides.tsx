import { DefaultToolbar, DefaultToolbarContent, ToolbarItem, type TLUiOverrides } from 'tldraw'
import { ELEVATOR, GAP, JOURNEY, TOUCHPOINT, type GapShape } from '../../shared/schema/cards.js'
import { addElevatorForGap } from './addElevator.js'

const TOOL_KEYS = [
  { id: JOURNEY, icon: 'tool-frame', kbd: 'j' },
  { id: TOUCHPOINT, icon: 'tool-note', kbd: 'p' },
  { id: GAP, icon: 'warning-triangle', kbd: 'u' },
  { id: ELEVATOR, icon: 'geo-arrow-up', kbd: 'i' },
] as const

/**
 * Our tools and actions in tldraw's UI, with keyboard shortcuts (J journey
 * map, P touchpoint, U gap — kUilu, I elevator — hIssi, Shift+I "Add
 * elevator" on a selected gap). Their labels, in every language, come with
 * our other words in tldraw's UI (i18n/tldrawFills.ts).
 */
export const uiOverrides: TLUiOverrides = {
  tools(editor, tools) {
    for (const { id, icon, kbd } of TOOL_KEYS) {
      tools[id] = { id, icon, kbd, label: `tool.${id}`, onSelect: () => editor.setCurrentTool(id) }
    }
    return tools
  },
  actions(editor, actions) {
    actions['add-elevator'] = {
      id: 'add-elevator',
      label: 'action.add-elevator',
      kbd: 'shift+i',
      onSelect: () => {
        const gap = editor.getSelectedShapes().find((shape) => shape.type === GAP) as GapShape | undefined
        if (gap) addElevatorForGap(editor, gap.id)
      },
    }
    return actions
  },
}

/** tldraw's toolbar with our four tools first. */
export function Toolbar() {
  return (
    <DefaultToolbar>
      {TOOL_KEYS.map(({ id }) => (
        <ToolbarItem key={id} tool={id} />
      ))}
      <DefaultToolbarContent />
    </DefaultToolbar>
  )
}
