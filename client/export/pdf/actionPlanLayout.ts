import { buildActionPlan, type GapEntry, type PlanElevator, type PlanShape } from '../../../shared/rules/actionPlan.js'
import { ELEVATOR, GAP, JOURNEY } from '../../../shared/schema/cards.js'
import type { MapCard } from './cardLayout.js'
import { FLOW_STYLES, PageFlow, type FlowColumn } from './flowLayout.js'
import type { MapJourney } from './journeyLayout.js'
import type { PdfText } from './pdfStrings.js'
import type { Box, LaidOutPage, Measure } from './pdfTypes.js'

/** What the action plan pages need: the board's valid grids and cards, votes, labels, and the page geometry. */
export interface ActionPlanContext {
  journeys: readonly MapJourney[]
  cards: readonly MapCard[]
  votes?: Readonly<Record<string, number>>
  t: PdfText
  formatDay: (isoDay: string) => string
  measure: Measure
  page: { width: number; height: number }
  area: Box
}

const INDENT = 10

/** The validated grids and cards as the shapes `buildActionPlan` reads, so a bad record cannot break the plan. */
export function planShapes(journeys: readonly MapJourney[], cards: readonly MapCard[]): PlanShape[] {
  return [
    ...journeys.map((journey) => ({ id: journey.id, type: JOURNEY, x: journey.x, y: journey.y, props: journey.props })),
    ...cards.map((card) => ({ id: card.id, type: card.type, x: card.box.x, y: card.box.y, props: card.props })),
  ]
}

function elevatorColumns(ctx: ActionPlanContext): FlowColumn[] {
  const { t } = ctx
  const columns: FlowColumn[] = [
    { title: t('action'), share: 30 },
    { title: t('owner'), share: 14 },
    { title: t('effort'), share: 9 },
    { title: t('impact'), share: 9 },
    { title: t('status'), share: 12 },
    { title: t('due'), share: 12 },
  ]
  return ctx.votes ? [...columns, { title: t('votesLabel'), share: 8 }] : columns
}

function elevatorRow(elevator: PlanElevator, ctx: ActionPlanContext): string[] {
  const { props } = elevator
  const row = [props.action, props.owner, props.effort, String(props.impact), ctx.t(`status.${props.status}`), props.due ? ctx.formatDay(props.due) : '']
  if (!ctx.votes) return row
  return [...row, String(Object.hasOwn(ctx.votes, elevator.id) ? ctx.votes[elevator.id] : 0)]
}

function elevatorTable(flow: PageFlow, elevators: readonly PlanElevator[], ctx: ActionPlanContext): void {
  flow.table(
    elevatorColumns(ctx),
    elevators.map((elevator) => elevatorRow(elevator, ctx)),
    { indent: INDENT },
  )
}

function gapEntry(flow: PageFlow, entry: GapEntry, ctx: ActionPlanContext): void {
  const { t } = ctx
  const { props } = entry.gap
  const meta = [`${t('severity')} ${props.severity}`, ...(props.theme.trim() ? [`${t('theme')}: ${props.theme}`] : [])]
  flow.heading(`${t('tool.gap')} · ${meta.join(' · ')}`, FLOW_STYLES.subheading, { maxLines: 2, indent: INDENT })
  if (props.target.trim()) flow.paragraph(`${t('target')}: ${props.target}`, FLOW_STYLES.body, { indent: INDENT })
  if (props.today.trim()) flow.paragraph(`${t('today')}: ${props.today}`, FLOW_STYLES.body, { indent: INDENT })
  flow.space(4)
  if (entry.elevators.length === 0) flow.paragraph(t('noElevators'), FLOW_STYLES.muted, { indent: INDENT })
  else elevatorTable(flow, entry.elevators, ctx)
  flow.space(8)
}

/**
 * The action plan pages: gaps by stage (grids top to bottom, stages in grid
 * order), each with its elevators (action, owner, effort, impact, status,
 * due date, votes), then gaps outside any grid and unlinked elevators.
 * Text is never cut here: long cells continue on the next page.
 */
export function layoutActionPlan(ctx: ActionPlanContext): LaidOutPage[] {
  const { t } = ctx
  const plan = buildActionPlan(planShapes(ctx.journeys, ctx.cards), { sortBy: 'impact', votes: ctx.votes })
  const flow = new PageFlow(ctx.page, ctx.area, ctx.measure, t('actionPlan'))
  flow.heading(t('actionPlan'), FLOW_STYLES.title, { maxLines: 1 })
  if (plan.counts.gaps === 0) flow.paragraph(t('noGaps'), FLOW_STYLES.muted)
  const titles = new Map(ctx.journeys.map((journey) => [journey.id, journey.props.title]))
  for (const stage of plan.stages) {
    const grid = titles.get(stage.journeyId)
    flow.heading(grid ? `${stage.stageTitle} — ${grid}` : stage.stageTitle, FLOW_STYLES.heading)
    for (const entry of stage.gaps) gapEntry(flow, entry, ctx)
  }
  if (plan.unplaced.length > 0) flow.heading(t('outsideGrid'), FLOW_STYLES.heading)
  for (const entry of plan.unplaced) gapEntry(flow, entry, ctx)
  if (plan.unlinkedElevators.length > 0) {
    flow.heading(t('unlinkedElevators'), FLOW_STYLES.heading)
    elevatorTable(flow, plan.unlinkedElevators, ctx)
  }
  return flow.finish()
}

/** The short label of a card for result tables: its kind and main text. */
export function cardLabel(card: MapCard | undefined, t: PdfText): string {
  if (!card) return t('deletedCard')
  if (card.type === ELEVATOR) return `${t('tool.elevator')}: ${card.props.action}`
  if (card.type === GAP) return `${t('tool.gap')}: ${card.props.target || card.props.today}`
  return `${t('tool.touchpoint')}: ${card.props.title}`
}
