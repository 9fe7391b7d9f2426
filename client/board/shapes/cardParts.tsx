import { useLayoutEffect, useRef, type ReactNode } from 'react'
import { BaseBoxShapeUtil, stopEventPropagation, useEditor, useValue, type Editor, type TLShape } from 'tldraw'
import { ELEVATOR, GAP, JOURNEY, type CardShape, type ElevatorShape, type JourneyShape } from '../../../shared/schema/cards.js'
import { isLanguage, type StringKey } from '../../i18n/strings.js'
import { cardLabel } from '../../panels/cardLabel.js'
import { describeCard } from '../cardDescription.js'
import { useT } from '../../ui/useSettings.js'

/** Whether this person is editing the shape now (double-click or Enter on a selected card). */
export function useIsEditing(shapeId: TLShape['id']): boolean {
  const editor = useEditor()
  return useValue('is editing', () => editor.getEditingShapeId() === shapeId, [editor, shapeId])
}

/** The text fields, choices and dates of a card being edited, in reading order. */
const FIELDS = 'textarea, input, select'

/** Puts the caret at the end of a card's field. */
function focusField(field: HTMLElement | null | undefined): void {
  if (!field) return
  field.focus({ preventScroll: true })
  if (field instanceof HTMLTextAreaElement) field.setSelectionRange(field.value.length, field.value.length)
}

/**
 * The frame of a card: grows the card when its drawn content is taller than
 * the stored height, so selection, links and cells use the real size. Heights
 * only grow, so clients that measure alike converge on the largest; read-only
 * clients (viewers, a locked board) never write. When editing starts (Enter,
 * double-click, "+ Add elevator") the first field takes the caret, so that
 * typing goes into this card and not to the canvas's shortcuts; a
 * double-click on another field then moves the caret there.
 */
export function CardFrame({ shape, className, isEditing, children }: { shape: CardShape; className: string; isEditing: boolean; children: ReactNode }) {
  const editor = useEditor()
  const ref = useRef<HTMLDivElement>(null)
  const bodyRef = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const element = ref.current
    const body = bodyRef.current
    if (!element || !body || editor.getIsReadonly()) return
    // Before the card has its width (first layout), text wraps per letter and would measure absurdly tall.
    if (Math.abs(element.offsetWidth - shape.props.w) > 2) return
    // The body's natural height plus the frame's padding and borders; the frame itself fills the shape, so it cannot be measured.
    const style = getComputedStyle(element)
    const frame = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((sum, key) => sum + parseFloat(style[key as 'paddingTop']), 0)
    const needed = Math.ceil(body.offsetHeight + frame)
    if (needed > shape.props.h + 1) editor.updateShape({ id: shape.id, type: shape.type, props: { h: needed } } as never)
  })
  useLayoutEffect(() => {
    if (isEditing) focusField(ref.current?.querySelector<HTMLElement>(FIELDS))
  }, [isEditing])
  const onDoubleClick = (event: React.MouseEvent) => {
    if (isEditing && event.target instanceof HTMLElement && event.target.matches(FIELDS)) focusField(event.target)
  }
  return (
    <div ref={ref} className={`card ${className}${isEditing ? ' is-editing' : ''}`} data-shape-type={shape.type} onDoubleClick={onDoubleClick}>
      <div ref={bodyRef} className="card-body">
        {children}
      </div>
    </div>
  )
}

/** A text field of a card: plain text when viewing, a textarea when editing. Never HTML. */
export function TextField({ label, value, isEditing, onChange, className = '' }: { label: StringKey; value: string; isEditing: boolean; onChange: (next: string) => void; className?: string }) {
  const t = useT()
  return (
    <label className={`card-field ${className}`}>
      <span className="card-label">{t(label)}</span>
      {isEditing ? (
        <textarea
          value={value}
          rows={1}
          onChange={(event) => onChange(event.target.value)}
          onPointerDown={stopEventPropagation}
          onKeyDown={(event) => event.key !== 'Escape' && event.stopPropagation()}
          aria-label={t(label)}
        />
      ) : (
        <span className="card-text">{value}</span>
      )}
    </label>
  )
}

/** A choice field: the value's label when viewing, a select when editing. */
export function ChoiceField<V extends string | number>({ label, value, options, isEditing, onChange, format }: { label: StringKey; value: V; options: readonly V[]; isEditing: boolean; onChange: (next: V) => void; format?: (value: V) => string }) {
  const t = useT()
  const show = format ?? String
  return (
    <label className="card-chip">
      <span className="card-label">{t(label)}</span>
      {isEditing ? (
        <select
          value={String(value)}
          onChange={(event) => onChange(options.find((option) => String(option) === event.target.value) ?? value)}
          onPointerDown={stopEventPropagation}
          aria-label={t(label)}
        >
          {options.map((option) => (
            <option key={String(option)} value={String(option)}>
              {show(option)}
            </option>
          ))}
        </select>
      ) : (
        <strong>{show(value)}</strong>
      )}
    </label>
  )
}

/** The title of the journey stage a card is filed in, or null. */
function stageTitleOf(editor: Editor, card: CardShape): string | null {
  const grid = card.props.journeyId ? editor.getShape(card.props.journeyId as TLShape['id']) : undefined
  if (grid?.type !== JOURNEY) return null
  return (grid as JourneyShape).props.stages.find((stage) => stage.id === card.props.stageId)?.title ?? null
}

/** The gap an elevator crosses, as lists name it, or null when it crosses none. */
function linkedGapLabel(editor: Editor, elevator: ElevatorShape): string | null {
  const gap = elevator.props.gapId ? editor.getShape(elevator.props.gapId as TLShape['id']) : undefined
  return gap?.type === GAP ? cardLabel(gap) : null
}

/** Rectangle indicator path for box cards. */
export function boxIndicator(w: number, h: number): Path2D {
  const path = new Path2D()
  path.roundRect(0, 0, w, h, 8)
  return path
}

/** What a card util is told by the board page it is on (ShapeUtil.configure): the votes each card has in the round the board shows. */
export interface CardUtilOptions {
  votesOf(cardId: string): number
}

/** What every card shares: editable in place, a rounded box indicator, and a description for screen readers. */
export abstract class CardShapeUtil<S extends CardShape> extends BaseBoxShapeUtil<S> {
  override options: CardUtilOptions = { votesOf: () => 0 }

  override canEdit() {
    return true
  }
  /** What tldraw's announcer says when the card is selected, after the card's kind and place ("Gap at Buy: target …, severity 3"). */
  override getAriaDescriptor(shape: S): string {
    const locale = this.editor.user.getLocale()
    return describeCard(shape, {
      language: isLanguage(locale) ? locale : 'en',
      stageTitle: stageTitleOf(this.editor, shape),
      gapLabel: shape.type === ELEVATOR ? linkedGapLabel(this.editor, shape as ElevatorShape) : null,
      votes: this.options.votesOf(shape.id),
    })
  }
  override getIndicatorPath(shape: S) {
    return boxIndicator(shape.props.w, shape.props.h)
  }
}
