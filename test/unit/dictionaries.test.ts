import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { enAreas } from '../../client/i18n/en/index.js'
import { COUNT_KEYS, countText } from '../../client/i18n/plural.js'
import { REASON_MESSAGES } from '../../client/i18n/reasonMessages.js'
import { strings, type StringKey } from '../../client/i18n/strings.js'
import { kuiluTldrawMessages, TLDRAW_SAME_AS_ENGLISH } from '../../client/i18n/tldrawFills.js'
import { pdfText } from '../../client/export/pdf/pdfStrings.js'
import { actionPlanCsv } from '../../shared/export/actionPlanCsv.js'
import { LANGUAGES } from '../../shared/language.js'
import { REASON_CODES } from '../../shared/protocol/reasons.js'
import { templateStrings } from '../../shared/templates/strings.js'

const OTHERS = LANGUAGES.filter((language) => language !== 'en')
const KEYS = Object.keys(strings.en) as StringKey[]
const marks = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort()

/**
 * Keys whose Finnish or Swedish text is rightly the English one: units,
 * file formats, and words the language writes the same way. Anything else
 * equal to the English is an untranslated copy.
 */
const SAME_AS_ENGLISH: Record<(typeof OTHERS)[number], readonly StringKey[]> = {
  fi: ['addMinute', 'minutesShort', 'secondsShort', 'channel.chat', 'status.idea', 'placeholderVideo'],
  sv: ['addMinute', 'minutesShort', 'secondsShort', 'placeholderVideo', 'status', 'digital', 'workshop', 'role.facilitator', 'timer', 'agenda', 'data'],
}

/** tldraw's own translation files, as the client bundles them (node_modules/@tldraw/assets/translations). */
function tldrawFile(locale: string): Record<string, string> {
  const assets = dirname(createRequire(import.meta.url).resolve('@tldraw/assets/package.json'))
  return JSON.parse(readFileSync(join(assets, 'translations', `${locale === 'en' ? 'main' : locale}.json`), 'utf8')) as Record<string, string>
}

describe('dictionaries: every word in every language', () => {
  it.each(LANGUAGES)('%s has every key of the one dictionary, none empty, the PDF words included', (language) => {
    expect(Object.keys(strings[language]).sort()).toEqual([...KEYS].sort())
    for (const key of KEYS) expect(strings[language][key].trim(), key).not.toBe('')
  })

  it('no two areas of the dictionary define the same key (a spread would hide one)', () => {
    const seen = new Map<string, string>()
    for (const [area, words] of Object.entries(enAreas)) {
      for (const key of Object.keys(words)) {
        expect(seen.get(key), `${key} in ${area}`).toBeUndefined()
        seen.set(key, area)
      }
    }
  })

  it.each(OTHERS)('%s names the same {values} as English in every string', (language) => {
    for (const key of KEYS) expect(marks(strings[language][key]), key).toEqual(marks(strings.en[key]))
  })

  it.each(OTHERS)('%s translates every string but the few that are rightly the same as English', (language) => {
    const same = KEYS.filter((key) => strings[language][key] === strings.en[key])
    expect(same.sort()).toEqual([...SAME_AS_ENGLISH[language]].sort())
  })

  it.each(LANGUAGES)('the PDF in %s finds each of its words in the dictionary, never printing a key', (language) => {
    const t = pdfText(language)
    for (const key of Object.keys(enAreas.pdf) as StringKey[]) {
      expect(t(key)).toBe(strings[language][key])
      if (language !== 'en') expect(t(key)).not.toBe(key)
    }
  })

  it.each(LANGUAGES)('every refusal has a %s message with the same values as the English one', (language) => {
    for (const reason of REASON_CODES) {
      expect(REASON_MESSAGES[reason][language].trim(), reason).not.toBe('')
      expect(marks(REASON_MESSAGES[reason][language]), reason).toEqual(marks(REASON_MESSAGES[reason].en))
    }
  })

  it.each(LANGUAGES)('every counted phrase reads in %s for 1 and for 2', (language) => {
    for (const key of COUNT_KEYS) {
      for (const count of [1, 2]) expect(countText(language, key, count, 3), `${key} ${count}`).toMatch(/\d/)
    }
  })

  it.each(OTHERS)('the templates have every word in %s, none the English one', (language) => {
    const leaves = (value: unknown, path: string, into: Map<string, string>) => {
      if (typeof value === 'string') into.set(path, value)
      else for (const [key, inner] of Object.entries(value as object)) leaves(inner, `${path}.${key}`, into)
      return into
    }
    const english = leaves(templateStrings.en, '', new Map())
    const other = leaves(templateStrings[language], '', new Map())
    expect([...other.keys()]).toEqual([...english.keys()])
    for (const [path, text] of other) {
      expect(text.trim(), path).not.toBe('')
      expect(text, path).not.toBe(english.get(path))
    }
  })

  it.each(LANGUAGES)('the action-plan CSV has a header row in %s', (language) => {
    const header = (of: typeof language) => {
      const csv = actionPlanCsv({ stages: [], unplaced: [], unlinkedElevators: [], counts: { gaps: 0, elevators: 0, unlinked: 0 } }, { language: of })
      return csv.slice(1).split('\r\n')[0].split(of === 'en' ? ',' : ';')
    }
    expect(header(language)).toHaveLength(11)
    for (const cell of header(language)) expect(cell.trim()).not.toBe('')
    if (language !== 'en') expect(header(language)).not.toEqual(header('en'))
  })
})

describe("tldraw's words: our fills cover what its Finnish and Swedish files lack", () => {
  const english = tldrawFile('en')

  it.each(OTHERS)('every tldraw key in %s is translated by tldraw, by us, or rightly the English word', (language) => {
    const file = tldrawFile(language)
    const ours = kuiluTldrawMessages(language)
    const lacking = Object.keys(english).filter((key) => !file[key] || file[key] === english[key])
    const unfilled = lacking.filter((key) => !(key in ours) && !TLDRAW_SAME_AS_ENGLISH[language].includes(key))
    expect(unfilled).toEqual([])
    for (const key of lacking.filter((key) => key in ours)) expect(ours[key], key).not.toBe(english[key])
  })

  it.each(OTHERS)('each %s fill is a key tldraw has, or one of our tools, so none is a typo that fills nothing', (language) => {
    const ownKeys = new Set(Object.keys(kuiluTldrawMessages('en')))
    for (const key of Object.keys(kuiluTldrawMessages(language))) expect(key in english || ownKeys.has(key), key).toBe(true)
  })

  it.each(OTHERS)('the keys listed as rightly English in %s are still the English word in its file', (language) => {
    const file = tldrawFile(language)
    for (const key of TLDRAW_SAME_AS_ENGLISH[language]) expect(file[key], key).toBe(english[key])
  })
})
