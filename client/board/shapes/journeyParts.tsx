import { createShapeId, stopEventPropagation, useEditor, useValue } from 'tldraw'
import { MIN_LANE_HEIGHT } from '../../../shared/journey/arrange.js'
import { gridSize, reorder } from '../../../shared/journey/layout.js'
import { JOURNEY, type Emotion, type JourneyShape, type Lane, type Stage } from '../../../shared/schema/cards.js'
import { useT } from '../../ui/useSettings.js'
import { isCard } from '../cardActions.js'

type Props = JourneyShape['props']

/** Writes a change of the grid's stages or lanes with the size that follows from them. */
function useUpdateGrid(shape: JourneyShape): (patch: Partial<Props>) => void {
  const editor = useEditor()
  return (patch) => {
    const next = { ...shape.props, ...patch }
    editor.updateShape<JourneyShape>({ id: shape.id, type: JOURNEY, props: { ...patch, ...gridSize(next) } })
  }
}

const newId = (prefix: string) => `${prefix}-${createShapeId().slice(6, 14)}`
const keep = { onPointerDown: stopEventPropagation, onKeyDown: (event: React.KeyboardEvent) => event.key !== 'Escape' && event.stopPropagation() }

/**
 * Ids of the stages and lanes of a grid that hold cards, while the grid is
 * being edited: those cannot be removed, so that removing one never moves
 * or re-files a card.
 */
export function useFiledParts(shape: JourneyShape, isEditing: boolean): ReadonlySet<string> {
  const editor = useEditor()
  const key = useValue(
    'filed stages and lanes',
    () => {
      if (!isEditing) return ''
      const parts = new Set<string>()
      for (const card of editor.getCurrentPageShapes()) {
        if (isCard(card) && card.props.journeyId === shape.id) parts.add(card.props.stageId).add(card.props.laneId)
      }
      return JSON.stringify([...parts].sort())
    },
    [editor, shape.id, isEditing],
  )
  return new Set(key ? (JSON.parse(key) as string[]) : [])
}

/** The grid's corner: its title, and the handle that moves the whole map (the only part of the grid a drag can take). */
export function JourneyTitle({ shape, isEditing }: { shape: JourneyShape; isEditing: boolean }) {
  const t = useT()
  const update = useUpdateGrid(shape)
  return (
    <div className="journey-title" title={isEditing ? undefined : t('mapHandleHint')} data-testid="journey-handle">
      {isEditing ? (
        <input value={shape.props.title} aria-label={t('mapTitle')} onChange={(event) => update({ title: event.target.value })} {...keep} />
      ) : (
        <>
          <span className="journey-grip" aria-hidden="true">⠿</span>
          {shape.props.title}
        </>
      )}
    </div>
  )
}

/** A stage's column header: its title; while editing, rename, move and remove. */
export function StageHeader({ shape, index, isEditing, isFiled }: { shape: JourneyShape; index: number; isEditing: boolean; isFiled: boolean }) {
  const t = useT()
  const update = useUpdateGrid(shape)
  const { stages } = shape.props
  const stage = stages[index]
  const rename = (title: string) => update({ stages: stages.map((s, i) => (i === index ? { ...s, title } : s)) })
  return (
    <div className="journey-stage" data-stage-id={stage.id}>
      {isEditing ? (
        <>
          <input value={stage.title} aria-label={t('newStage')} onChange={(event) => rename(event.target.value)} {...keep} />
          <span className="journey-tools">
            <button type="button" title={t('moveLeft')} aria-label={t('moveLeft')} disabled={index === 0} onClick={() => update({ stages: reorder(stages, index, index - 1) })} {...keep}>◀</button>
            <button type="button" title={t('moveRight')} aria-label={t('moveRight')} disabled={index === stages.length - 1} onClick={() => update({ stages: reorder(stages, index, index + 1) })} {...keep}>▶</button>
            <button type="button" title={isFiled ? t('stageHasCards') : t('removeStage')} aria-label={t('removeStage')} disabled={stages.length === 1 || isFiled} onClick={() => update({ stages: stages.filter((_, i) => i !== index) })} {...keep}>✕</button>
          </span>
        </>
      ) : (
        stage.title
      )}
    </div>
  )
}

/** A lane's row header: its title; while editing, rename, move and remove. */
export function LaneHeader({ shape, index, isEditing, isFiled }: { shape: JourneyShape; index: number; isEditing: boolean; isFiled: boolean }) {
  const t = useT()
  const update = useUpdateGrid(shape)
  const { lanes } = shape.props
  const lane = lanes[index]
  const rename = (title: string) => update({ lanes: lanes.map((l, i) => (i === index ? { ...l, title } : l)) })
  return (
    <div className={`journey-lane lane-${lane.kind}`} data-lane-id={lane.id}>
      {isEditing ? (
        <>
          <input value={lane.title} aria-label={t('newLane')} onChange={(event) => rename(event.target.value)} {...keep} />
          <span className="journey-tools">
            <button type="button" title={t('moveUp')} aria-label={t('moveUp')} disabled={index === 0} onClick={() => update({ lanes: reorder(lanes, index, index - 1) })} {...keep}>▲</button>
            <button type="button" title={t('moveDown')} aria-label={t('moveDown')} disabled={index === lanes.length - 1} onClick={() => update({ lanes: reorder(lanes, index, index + 1) })} {...keep}>▼</button>
            <button type="button" title={isFiled ? t('laneHasCards') : t('removeLane')} aria-label={t('removeLane')} disabled={lanes.length === 1 || isFiled} onClick={() => update({ lanes: lanes.filter((_, i) => i !== index) })} {...keep}>✕</button>
          </span>
        </>
      ) : (
        lane.title
      )}
    </div>
  )
}

const EMOTIONS: Emotion[] = [2, 1, 0, -1, -2]
const formatEmotion = (score: Emotion) => (score > 0 ? `+${score}` : String(score))

/** One cell: empty for cards, a score picker in the emotion lane, the linked customer stage in a link lane. */
export function JourneyCell({ shape, lane, stage, isEditing, isTarget }: { shape: JourneyShape; lane: Lane; stage: Stage; isEditing: boolean; isTarget: boolean }) {
  const t = useT()
  const update = useUpdateGrid(shape)
  const className = `journey-cell cell-${lane.kind}${isTarget ? ' is-drop-target' : ''}`
  if (lane.kind === 'emotion') {
    const score = shape.props.emotions[stage.id]
    return (
      <div className={className} title={t('emotionHint')}>
        {isEditing && (
          <select
            value={score === undefined ? '' : String(score)}
            aria-label={`${lane.title}: ${stage.title}`}
            onChange={(event) => {
              const { [stage.id]: _, ...rest } = shape.props.emotions
              update({ emotions: event.target.value === '' ? rest : { ...rest, [stage.id]: Number(event.target.value) as Emotion } })
            }}
            {...keep}
          >
            <option value="">–</option>
            {EMOTIONS.map((value) => (
              <option key={value} value={value}>{formatEmotion(value)}</option>
            ))}
          </select>
        )}
      </div>
    )
  }
  if (lane.kind === 'link') {
    const linked = shape.props.stageLinks[stage.id] ?? ''
    return (
      <div className={className}>
        {isEditing ? (
          <input value={linked} aria-label={`${lane.title}: ${stage.title}`} onChange={(event) => update({ stageLinks: { ...shape.props.stageLinks, [stage.id]: event.target.value } })} {...keep} />
        ) : (
          linked && <span className="stage-link">→ {linked}</span>
        )}
      </div>
    )
  }
  return <div className={className} data-cell={`${lane.id}:${stage.id}`} />
}

/** Add a stage or a lane: shown under the grid while it is being edited. */
export function GridButtons({ shape }: { shape: JourneyShape }) {
  const t = useT()
  const update = useUpdateGrid(shape)
  const { stages, lanes } = shape.props
  return (
    <div className="journey-add">
      <button type="button" onClick={() => update({ stages: [...stages, { id: newId('stage'), title: t('newStage'), width: stages.at(-1)?.width ?? 220 }] })} {...keep}>
        + {t('addStage')}
      </button>
      <button type="button" onClick={() => update({ lanes: [...lanes, { id: newId('lane'), title: t('newLane'), kind: 'cards', height: MIN_LANE_HEIGHT.cards }] })} {...keep}>
        + {t('addLane')}
      </button>
    </div>
  )
}
