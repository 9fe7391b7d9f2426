import { useBoardContext } from '../board/BoardContext.js'
import { RefusalAlert } from '../ui/RefusalAlert.js'
import { useT } from '../ui/useSettings.js'
import { AgendaSection } from './AgendaSection.js'
import { BoardsSection } from './BoardsSection.js'
import { FacilitatorTools } from './FacilitatorTools.js'
import { LinksSection } from './LinksSection.js'
import { PeopleSection } from './PeopleSection.js'
import { useOpenRefusal } from './requestLog.js'
import { ShownRoundSection } from './ShownRoundSection.js'
import { VotingSection } from './VotingSection.js'

/** The workshop side panel: the facilitator's tools and agenda, voting and the results shown, the people, the workshop's boards and (facilitator) its invite links. */
export function WorkshopPanel({ onClose }: { onClose: () => void }) {
  const t = useT()
  const { state } = useBoardContext()
  const isFacilitator = state.workshop.session?.role === 'facilitator'
  return (
    <aside className="side-panel workshop-panel" aria-labelledby="workshop-panel-title" data-testid="workshop-panel" onPointerDown={(event) => event.stopPropagation()}>
      <header>
        <h2 id="workshop-panel-title">{t('workshop')}</h2>
        <button type="button" className="button" onClick={onClose} aria-label={t('close')}>
          ✕
        </button>
      </header>
      <RefusalAlert refusal={useOpenRefusal()} testId="workshop-refused" />
      {isFacilitator && <FacilitatorTools />}
      <VotingSection />
      <ShownRoundSection />
      <PeopleSection />
      {isFacilitator && <AgendaSection />}
      <BoardsSection />
      {isFacilitator && <LinksSection />}
    </aside>
  )
}
