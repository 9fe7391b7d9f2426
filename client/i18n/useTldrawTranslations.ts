import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useMemo, useState } from 'react'
import type { TLUiOverrides } from 'tldraw'
import { create } from 'zustand'
import { useSettings } from '../ui/useSettings.js'
import type { Language } from './strings.js'
import { tldrawTranslationOverrides } from './tldrawFills.js'

/** tldraw's translation files as our own server serves them (bundled from @tldraw/assets, the same files tldraw fetches itself). */
const TRANSLATION_URLS = getAssetUrlsByImport().translations

/** tldraw's messages per language, fetched before a board mounts so its first frame is not English. */
interface TldrawMessages {
  /** A language's messages; null when the fetch failed (offline with nothing cached: tldraw then shows English, as it would anyway). */
  byLanguage: Partial<Record<Language, Readonly<Record<string, string>> | null>>
  load(language: Language): Promise<void>
}

/** The store of tldraw's fetched messages. English is built into tldraw, so there is nothing to fetch for it. */
export const useTldrawMessages = create<TldrawMessages>()((set, get) => ({
  byLanguage: { en: {} },
  async load(language) {
    if (get().byLanguage[language] !== undefined) return
    let messages: Record<string, string> | null = null
    try {
      const response = await fetch(TRANSLATION_URLS[language])
      if (response.ok) messages = (await response.json()) as Record<string, string>
    } catch {
      // Unreachable server and no cached copy: the board still opens, with tldraw's English.
    }
    set((state) => ({ byLanguage: { ...state.byLanguage, [language]: messages } }))
  },
}))

/**
 * tldraw's `overrides` for its words in the chosen language
 * (`tldrawTranslationOverrides`), or null until its file for that language has
 * been fetched: mount the board only then, so its first frame is in that
 * language. After a later change of language the last overrides stay until
 * the new file is here, so the board never unmounts for it.
 */
export function useTldrawTranslations(): TLUiOverrides | null {
  const language = useSettings((settings) => settings.language)
  const messages = useTldrawMessages((state) => state.byLanguage[language])
  const load = useTldrawMessages((state) => state.load)
  useEffect(() => void load(language), [language, load])
  const current = useMemo(() => (messages === undefined ? null : { translations: tldrawTranslationOverrides(language, messages ?? undefined) }), [language, messages])
  const [last, setLast] = useState(current)
  if (current && current !== last) setLast(current)
  return current ?? last
}
