import { useLayoutEffect, useRef, type ReactNode } from 'react'
import { BaseBoxShapeUtil, stopEventPropagation, useEditor, useValue, type TLShape } from 'tldraw'
import type { CardShape } from '../../../shared/schema/cards.js'
import type { StringKey } from '../../i18n/strings.js'
import { useT } from '../../ui/useSettings.js'

/** Whether this person is editing the shape now (double-click or Enter on a selected card). */
export function useIsEditing(shapeId: TLShape['id']): boolean {
  const editor = useEditor()
  return useValue('is editing', () => editor.getEditingShapeId() === shapeId, [editor, shapeId])
}

/**
 * The frame of a card: grows the card when its content is taller than the
 * card (only for the person editing it, so two viewers never race to write h).
 */
export function CardFrame({ shape, className, isEditing, children }: { shape: TLShape & { props: { h: number } }; className: string; isEditing: boolean; children: ReactNode }) {
  const editor = useEditor()
  const ref = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const element = ref.current
    if (!element || !isEditing) return
    const needed = Math.ceil(element.scrollHeight)
    if (needed > shape.props.h + 1) editor.updateShape({ id: shape.id, type: shape.type, props: { h: needed } } as never)
  })
  return (
    <div ref={ref} className={`card ${className}${isEditing ? ' is-editing' : ''}`} data-shape-type={shape.type}>
      {children}
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
          rows={Math.min(8, Math.max(1, value.split('\n').length))}
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

/** Rectangle indicator path for box cards. */
export function boxIndicator(w: number, h: number): Path2D {
  const path = new Path2D()
  path.roundRect(0, 0, w, h, 8)
  return path
}

/** What every card shares: editable in place, a rounded box indicator. */
export abstract class CardShapeUtil<S extends CardShape> extends BaseBoxShapeUtil<S> {
  override canEdit() {
    return true
  }
  override getIndicatorPath(shape: S) {
    return boxIndicator(shape.props.w, shape.props.h)
  }
}
