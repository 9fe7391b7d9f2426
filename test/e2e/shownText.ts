import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Page } from 'playwright-core'
import { COUNT_KEYS, countText } from '../../client/i18n/plural.js'
import { REASON_MESSAGES } from '../../client/i18n/reasonMessages.js'
import { LANGUAGE_NAMES, strings } from '../../client/i18n/strings.js'
import { kuiluTldrawMessages, TLDRAW_SAME_AS_ENGLISH } from '../../client/i18n/tldrawFills.js'
import type { Language } from '../../shared/language.js'
import { templateStrings } from '../../shared/templates/strings.js'

/** One piece of text a person meets on the page: what it says, where, and the language it is marked with. */
export interface ShownText {
  text: string
  /** The element that holds it, and for an attribute its name, e.g. `button[aria-label]`. */
  where: string
  /** The `lang` of the part of the page it is marked as, below <html>; '' when it is in the page's own language. */
  lang: string
}

/**
 * Runs in the page: every text a person meets there now. The text nodes of
 * every element that is rendered (not display:none, visibility:hidden or
 * opacity 0, with a box), screen-reader-only text included, and the
 * aria-label, aria-description, title, placeholder and alt of each such
 * element. Self-contained, so it can be passed to `page.evaluate` and to an
 * init script alike.
 */
export function readShownText(): ShownText[] {
  const found: ShownText[] = []
  const isShown = (element: Element) => element.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && element.getClientRects().length > 0
  // The page's own language is checked on its own (<html lang>); here only a part marked otherwise counts.
  const langOf = (element: Element) => {
    const marked = element.closest('[lang]')
    return marked && marked !== document.documentElement ? (marked.getAttribute('lang') ?? '') : ''
  }
  const name = (element: Element) => `${element.tagName.toLowerCase()}${element.getAttribute('data-testid') ? `[data-testid=${element.getAttribute('data-testid')}]` : ''}${element.className && typeof element.className === 'string' ? `.${element.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''}`
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement
    const text = node.textContent?.trim() ?? ''
    if (!parent || text === '' || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue
    if (parent.tagName === 'OPTION' ? isShown(parent.closest('select') ?? parent) : isShown(parent)) found.push({ text, where: name(parent), lang: langOf(parent) })
  }
  for (const element of document.body.querySelectorAll('[aria-label], [aria-description], [title], [placeholder], [alt]')) {
    if (!isShown(element)) continue
    for (const attribute of ['aria-label', 'aria-description', 'title', 'placeholder', 'alt']) {
      const text = element.getAttribute(attribute)?.trim()
      if (text) found.push({ text, where: `${name(element)}[${attribute}]`, lang: langOf(element) })
    }
  }
  return found
}

/** What the page shows now, read with `readShownText`. */
export function shownText(page: Page): Promise<ShownText[]> {
  return page.evaluate(readShownText)
}

/**
 * An init script: from the moment tldraw's container appears, reads what the
 * page shows in every animation frame (the DOM as it is about to be painted)
 * and keeps each distinct text in `window.kuiluFrames`, until
 * `window.kuiluStopFrames()`; so a label that was English for a few frames
 * before tldraw's translation arrived is caught.
 */
export function frameWatchScript(): string {
  return `(() => {
    const readShownText = ${readShownText.toString()};
    const seen = new Map();
    let isOn = true;
    window.kuiluFrames = () => [...seen.values()];
    window.kuiluStopFrames = () => { isOn = false; return [...seen.values()] };
    const frame = () => {
      if (!isOn) return;
      if (document.querySelector('.tl-container')) for (const item of readShownText()) seen.set(item.text + '\\u0000' + item.where, item);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })()`
}

/** Names a Finnish or Swedish screen rightly shows as they are: our brand, tldraw's, file formats, paper sizes, the Esc key. */
const BRAND_WORDS = new Set(['kuilu', 'kuilusta', 'tldraw', 'pdf', 'csv', 'png', 'svg', 'json', 'a4', 'a3', 'letter', 'esc', 'pt', 'mib', 'url'])

const WORD = /\p{L}[\p{L}’'-]*/gu
// Single letters are shortcut keys ("Siirrä — H") and effort sizes (S, M, L), in every language alike.
const wordsOf = (text: string) => (text.toLowerCase().match(WORD) ?? []).map((word) => word.replace(/[’'-]+$/, '')).filter((word) => word.length > 1)

/** tldraw's own messages in a language, as its translation files hold them (English: its main file). */
function tldrawFile(language: Language): Record<string, string> {
  const assets = dirname(createRequire(import.meta.url).resolve('@tldraw/assets/package.json'))
  return JSON.parse(readFileSync(join(assets, 'translations', `${language === 'en' ? 'main' : language}.json`), 'utf8')) as Record<string, string>
}

/**
 * English that comes from neither dictionary: the commonest function words,
 * and the words of English defaults in the libraries under tldraw's UI (Radix's
 * "Notifications (F8)" landmark, "Loading"), so English text that no
 * translation file knows is caught too.
 */
const MORE_ENGLISH = 'the and of to for with your you this that is are was be not from by at an or it as in all can will has have please here there more new open yes no notification notifications loading error license production'

/** Every word of every text we and tldraw show in a language: the dictionary, refusals, counts, templates, tldraw's words and our fills. */
function vocabulary(language: Language): Set<string> {
  const texts: string[] = [...Object.values(strings[language]), ...Object.values(REASON_MESSAGES).map((byLanguage) => byLanguage[language])]
  for (const key of COUNT_KEYS) texts.push(countText(language, key, 1, 2), countText(language, key, 2, 3))
  const leaves = (value: unknown): void => void (typeof value === 'string' ? texts.push(value) : Object.values(value as object).forEach(leaves))
  leaves(templateStrings[language])
  const english = tldrawFile('en')
  const tldraw = tldrawFile(language)
  // A tldraw word that its file only copies from English counts as this language's only where we said it rightly is.
  const same = language === 'en' ? [] : TLDRAW_SAME_AS_ENGLISH[language]
  for (const [key, text] of Object.entries(tldraw)) if (language === 'en' || text !== english[key] || same.includes(key)) texts.push(text)
  texts.push(...Object.values(kuiluTldrawMessages(language)), LANGUAGE_NAMES[language])
  if (language === 'en') texts.push(MORE_ENGLISH)
  return new Set(texts.flatMap(wordsOf))
}

const vocabularies = new Map<Language, Set<string>>()
const vocabularyOf = (language: Language) => vocabularies.get(language) ?? vocabularies.set(language, vocabulary(language)).get(language)!

/** An English word found on a Finnish or Swedish screen, with the text and the element it stood in. */
export interface EnglishSighting {
  word: string
  text: string
  where: string
}

/**
 * The English words among texts shown in a Finnish or Swedish UI: words of
 * our or tldraw's English that the language's own words do not use, and
 * that are not a brand. A part marked with another `lang` (the language
 * switcher's "English") is rightly in that language, so it is skipped.
 */
export function englishIn(shown: readonly ShownText[], language: Exclude<Language, 'en'>): EnglishSighting[] {
  const english = vocabularyOf('en')
  const own = vocabularyOf(language)
  const sightings: EnglishSighting[] = []
  for (const { text, where, lang } of shown) {
    if (lang !== '' && lang !== language) continue
    for (const word of wordsOf(text)) {
      if (english.has(word) && !own.has(word) && !BRAND_WORDS.has(word)) sightings.push({ word, text, where })
    }
  }
  return sightings
}
