import { create } from 'zustand'

/** UI state of the board page that tldraw's own components need to read. Never board data. */
export interface BoardUi {
  isActionPlanOpen: boolean
  isWorkshopOpen: boolean
  isExportOpen: boolean
  /** What opened the side panel now open, so that closing it (or a panel opened from it) gives focus back there. */
  panelOpener: HTMLElement | null
  toggleActionPlan(): void
  toggleWorkshop(): void
  toggleExport(): void
}

/** The board page's UI store. */
export const useBoardUi = create<BoardUi>()((set) => ({
  isActionPlanOpen: false,
  isWorkshopOpen: false,
  isExportOpen: false,
  panelOpener: null,
  toggleActionPlan: () => set((state) => ({ isActionPlanOpen: !state.isActionPlanOpen, isWorkshopOpen: false, isExportOpen: false })),
  toggleWorkshop: () => set((state) => ({ isWorkshopOpen: !state.isWorkshopOpen, isActionPlanOpen: false, isExportOpen: false })),
  toggleExport: () => set((state) => ({ isExportOpen: !state.isExportOpen, isActionPlanOpen: false, isWorkshopOpen: false })),
}))
