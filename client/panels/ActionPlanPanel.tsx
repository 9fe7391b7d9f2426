import { useState } from 'react'
import { useEditor, useValue, type TLShape } from 'tldraw'
import { ACTION_PLAN_SORTS, buildActionPlan, type ActionPlanSort, type GapEntry, type PlanElevator } from '../../shared/rules/actionPlan.js'
import { EFFORTS, ELEVATOR, STATUSES, type ElevatorShape } from '../../shared/schema/cards.js'
import { useShownRound, useVisibleTally } from '../board/useCardVotes.js'
import { useVotingText } from '../i18n/useVotingText.js'
import { useBoardUi } from '../ui/useBoardUi.js'
import { useT } from '../ui/useSettings.js'
import { SidePanel } from './SidePanel.js'

/** Zooms the canvas to a card and selects it. */
function useFocusCard(): (id: string) => void {
  const editor = useEditor()
  return (id) => {
    const shapeId = id as TLShape['id']
    const bounds = editor.getShapePageBounds(shapeId)
    if (!bounds) return
    editor.select(shapeId)
    editor.zoomToBounds(bounds.clone().expandBy(160), { animation: { duration: 300 }, targetZoom: 1 })
  }
}

/**
 * The action plan beside the canvas: gaps grouped by stage with their
 * elevators, counts, a sort order, the elevators' fields editable in place
 * (read as text by a viewer or on a locked board), and a click on an item to
 * zoom to its card. Reads the live store.
 */
export function ActionPlanPanel({ onClose }: { onClose: () => void }) {
  const editor = useEditor()
  const t = useT()
  const [sortBy, setSortBy] = useState<ActionPlanSort>('impact')
  const shapes = useValue('page shapes', () => editor.getCurrentPageShapes(), [editor])
  const votes = useVisibleTally()
  const plan = buildActionPlan(shapes, { sortBy, votes })
  const sortLabel = { impact: t('impact'), effort: t('effort'), status: t('status') }
  const exportButton = (
    <button type="button" className="button" data-testid="plan-export" onClick={useBoardUi.getState().toggleExport}>
      {t('exportPdf')}
    </button>
  )
  return (
    <SidePanel className="action-plan" titleId="action-plan-title" title={t('actionPlan')} testId="action-plan" onClose={onClose} actions={exportButton}>
      <p className="plan-counts" data-testid="plan-counts">
        {t('gaps')}: <strong data-count="gaps">{plan.counts.gaps}</strong> · {t('elevators')}: <strong data-count="elevators">{plan.counts.elevators}</strong> ·{' '}
        {t('unlinkedElevators')}: <strong data-count="unlinked">{plan.counts.unlinked}</strong>
      </p>
      <ShownRoundNote />
      <label className="plan-sort">
        {t('sortBy')}{' '}
        <select value={sortBy} onChange={(event) => setSortBy(event.target.value as ActionPlanSort)}>
          {ACTION_PLAN_SORTS.map((option) => (
            <option key={option} value={option}>
              {sortLabel[option]}
            </option>
          ))}
        </select>
      </label>
      {plan.counts.gaps === 0 && <p className="muted">{t('noGaps')}</p>}
      {plan.stages.map((stage) => (
        <section key={`${stage.journeyId}:${stage.stageId}`}>
          <h3>{stage.stageTitle}</h3>
          {stage.gaps.map((entry) => (
            <GapItem key={entry.gap.id} entry={entry} />
          ))}
        </section>
      ))}
      {plan.unplaced.length > 0 && (
        <section>
          <h3>{t('outsideGrid')}</h3>
          {plan.unplaced.map((entry) => (
            <GapItem key={entry.gap.id} entry={entry} />
          ))}
        </section>
      )}
      {plan.unlinkedElevators.length > 0 && (
        <section>
          <h3>{t('unlinkedElevators')}</h3>
          <ul className="plan-elevators">
            {plan.unlinkedElevators.map((elevator) => (
              <ElevatorItem key={elevator.id} elevator={elevator} />
            ))}
          </ul>
        </section>
      )}
    </SidePanel>
  )
}

function GapItem({ entry }: { entry: GapEntry<TLShape> }) {
  const focus = useFocusCard()
  const t = useT()
  const { gap } = entry
  return (
    <div className="plan-gap" data-testid="plan-gap">
      <button type="button" className="plan-link" onClick={() => focus(gap.id)}>
        <span className={`severity severity-${gap.props.severity}`} aria-hidden="true">
          {'●'.repeat(gap.props.severity)}
        </span>
        <span className="visually-hidden">
          {t('severity')} {gap.props.severity}:
        </span>{' '}
        {gap.props.today || '…'} → {gap.props.target || '…'}
      </button>
      <ul className="plan-elevators">
        {entry.elevators.map((elevator) => (
          <ElevatorItem key={elevator.id} elevator={elevator} />
        ))}
      </ul>
    </div>
  )
}

function ElevatorItem({ elevator }: { elevator: PlanElevator<TLShape> }) {
  const editor = useEditor()
  const focus = useFocusCard()
  const t = useT()
  // The editor ignores writes when read-only; offering the fields anyway would only look like editing.
  const canEdit = useValue('can edit', () => !editor.getIsReadonly(), [editor])
  const update = (props: Partial<ElevatorShape['props']>) => editor.updateShape<ElevatorShape>({ id: elevator.id as ElevatorShape['id'], type: ELEVATOR, props })
  const { props } = elevator
  return (
    <li className="plan-elevator" data-testid="plan-elevator">
      <button type="button" className="plan-link" onClick={() => focus(elevator.id)}>
        {props.action || '…'}
      </button>
      <VoteCount cardId={elevator.id} />
      {canEdit ? <ElevatorFields props={props} update={update} /> : <ElevatorFacts props={props} />}
    </li>
  )
}

/** An elevator's owner, effort, impact, status and due date as text, for those who may not change them. */
function ElevatorFacts({ props }: { props: ElevatorShape['props'] }) {
  const t = useT()
  const facts = [`${t('owner')}: ${props.owner || '–'}`, `${t('effort')}: ${props.effort}`, `${t('impact')}: ${props.impact}`, t(`status.${props.status}`), ...(props.due ? [`${t('due')}: ${props.due}`] : [])]
  return (
    <p className="plan-facts muted" data-testid="plan-facts">
      {facts.join(' · ')}
    </p>
  )
}

/** An elevator's owner, effort, impact, status and due date, editable in place. */
function ElevatorFields({ props, update }: { props: ElevatorShape['props']; update: (props: Partial<ElevatorShape['props']>) => void }) {
  const t = useT()
  return (
    <div className="plan-fields">
      <input aria-label={t('owner')} placeholder={t('owner')} value={props.owner} onChange={(event) => update({ owner: event.target.value })} />
      <select aria-label={t('effort')} value={props.effort} onChange={(event) => update({ effort: event.target.value as ElevatorShape['props']['effort'] })}>
        {EFFORTS.map((effort) => (
          <option key={effort}>{effort}</option>
        ))}
      </select>
      <select aria-label={t('impact')} value={props.impact} onChange={(event) => update({ impact: Number(event.target.value) as ElevatorShape['props']['impact'] })}>
        {[1, 2, 3, 4, 5].map((impact) => (
          <option key={impact}>{impact}</option>
        ))}
      </select>
      <select aria-label={t('status')} value={props.status} onChange={(event) => update({ status: event.target.value as ElevatorShape['props']['status'] })}>
        {STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(`status.${status}`)}
          </option>
        ))}
      </select>
      <input type="date" aria-label={t('due')} value={props.due} onChange={(event) => update({ due: event.target.value })} />
    </div>
  )
}

function VoteCount({ cardId }: { cardId: string }) {
  const { count } = useVotingText()
  const votes = useVisibleTally()[cardId]
  return votes ? (
    <span className="vote-dots" data-testid="plan-votes" data-votes={votes}>
      {' '}
      · {count('votes', votes)}
    </span>
  ) : null
}

/** Which round the plan's votes come from, so a plan read during a later round is not taken for its live votes. */
function ShownRoundNote() {
  const voting = useVotingText()
  const shown = useShownRound()
  if (!shown) return null
  return (
    <p className="muted" data-testid="plan-shown-round" data-round={shown.number}>
      {voting.t('votesFromRound', { round: shown.number })}
    </p>
  )
}
