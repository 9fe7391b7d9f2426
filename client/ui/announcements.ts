import { create } from 'zustand'

/** What a live announcement is about; each kind keeps its latest sentence, so a newer one of one kind never hides another kind's. */
export const ANNOUNCEMENT_KINDS = ['round', 'time', 'votes', 'export'] as const

/** One kind of live announcement. */
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number]

/** The latest sentence of each kind; `id` grows with each announcement of its kind, so the same sentence said twice is read twice. */
export interface Announcements {
  latest: Record<AnnouncementKind, { text: string; id: number }>
  announce(kind: AnnouncementKind, text: string): void
  clear(): void
}

const nothing = (): Announcements['latest'] => ({ round: { text: '', id: 0 }, time: { text: '', id: 0 }, votes: { text: '', id: 0 }, export: { text: '', id: 0 } })

/** The board page's live announcements: UI state only, read by the one polite announcer (Announcer.tsx). */
export const useAnnouncements = create<Announcements>()((set) => ({
  latest: nothing(),
  announce: (kind, text) => set((state) => ({ latest: { ...state.latest, [kind]: { text, id: state.latest[kind].id + 1 } } })),
  clear: () => set({ latest: nothing() }),
}))
