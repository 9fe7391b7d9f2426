import { useBoardContext } from '../board/BoardContext.js'
import { RefusalAlert } from '../ui/RefusalAlert.js'
import { useT } from '../ui/useSettings.js'
import { AgendaSection } from './AgendaSection.js'
import { BoardsSection } from './BoardsSection.js'
import { FacilitatorTools } from './FacilitatorTools.js'
import { LinksSection } from './LinksSection.js'
import { PeopleSection } from './PeopleSection.js'
import { useOpenRefusal } from './requestLog.js'
import { SidePanel } from './SidePanel.js'
import { ShownRoundSection } from './ShownRoundSection.js'
import { VotingSection } from './VotingSection.js'

/** The workshop side panel: the facilitator's tools and agenda, voting and the results shown, the people, the workshop's boards and (facilitator) its invite links. */
export function WorkshopPanel({ onClose }: { onClose: () => void }) {
  const t = useT()
  const { state } = useBoardContext()
  const isFacilitator = state.workshop.session?.role === 'facilitator'
  return (
    <SidePanel className="side-panel workshop-panel" titleId="workshop-panel-title" title={t('workshop')} testId="workshop-panel" onClose={onClose}>
      <RefusalAlert refusal={useOpenRefusal()} testId="workshop-refused" />
      {isFacilitator && <FacilitatorTools />}
      <VotingSection />
      <ShownRoundSection />
      <PeopleSection />
      {isFacilitator && <AgendaSection />}
      <BoardsSection />
      {isFacilitator && <LinksSection />}
    </SidePanel>
  )
}
