import { uniqueId } from '@tldraw/utils'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Reason, ReasonParams } from '../../shared/protocol/reasons.js'
import { reasonMessage } from '../i18n/reasonMessages.js'
import { detectLanguage, strings, type Language, type StringKey } from '../i18n/strings.js'

/** Colours a person's cursor can take (tldraw's user palette). */
const COLORS = ['#02B1CC', '#11B3A3', '#39B178', '#55B467', '#7B66DC', '#9D5BD2', '#BD54C6', '#E34BA9', '#EC5E41', '#F04F88', '#F2555A', '#FF802B']

/** This device's name, colour and UI choices, kept in localStorage. UI state only, never board data. */
export interface Settings {
  /** tldraw's id for this device's user preferences; who the person is for the server comes from the server's session, never from this. */
  userId: string
  name: string
  /** False until the person has confirmed a name once. */
  hasChosenName: boolean
  color: string
  language: Language
  setName(name: string): void
  setLanguage(language: Language): void
}

const randomItem = <T,>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]

/** The settings store. */
export const useSettings = create<Settings>()(
  persist(
    (set) => {
      const language = detectLanguage(typeof navigator === 'undefined' ? [] : navigator.languages)
      return {
        // Not crypto.randomUUID: it exists only in secure contexts, so an intranet server on plain http would not start.
        userId: uniqueId(),
        name: `${strings[language].defaultName} ${Math.floor(10 + Math.random() * 90)}`,
        hasChosenName: false,
        color: randomItem(COLORS),
        language,
        setName: (name) => set({ name: name.trim().slice(0, 60) || strings[language].defaultName, hasChosenName: true }),
        setLanguage: (next) => set({ language: next }),
      }
    },
    { name: 'kuilu-settings', version: 1 },
  ),
)

/** Returns the translator for the chosen language. */
export function useT(): (key: StringKey) => string {
  const language = useSettings((settings) => settings.language)
  return (key) => strings[language][key]
}

/** Returns the translator of refusals: a reason code and its params, as a sentence in the chosen language. */
export function useReasonText(): (refusal: { reason: Reason; params?: ReasonParams }) => string {
  const language = useSettings((settings) => settings.language)
  return ({ reason, params }) => reasonMessage(language, reason, params)
}
