import { create } from 'zustand'

/** UI state of the board page that tldraw's own components need to read. Never board data. */
export interface BoardUi {
  isActionPlanOpen: boolean
  isWorkshopOpen: boolean
  toggleActionPlan(): void
  toggleWorkshop(): void
}

/** The board page's UI store. */
export const useBoardUi = create<BoardUi>()((set) => ({
  isActionPlanOpen: false,
  isWorkshopOpen: false,
  toggleActionPlan: () => set((state) => ({ isActionPlanOpen: !state.isActionPlanOpen, isWorkshopOpen: false })),
  toggleWorkshop: () => set((state) => ({ isWorkshopOpen: !state.isWorkshopOpen, isActionPlanOpen: false })),
}))
