import { create } from 'zustand'

/** UI state of the board page that tldraw's own components need to read. Never board data. */
export interface BoardUi {
  isActionPlanOpen: boolean
  toggleActionPlan(): void
}

/** The board page's UI store. */
export const useBoardUi = create<BoardUi>()((set) => ({
  isActionPlanOpen: false,
  toggleActionPlan: () => set((state) => ({ isActionPlanOpen: !state.isActionPlanOpen })),
}))
