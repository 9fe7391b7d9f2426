import fontkit from '@pdf-lib/fontkit'
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib'
import { hasRtl, visualRuns } from './bidi.js'
import { padGlyphs } from './padGlyphs.js'
import type { Measure, PdfFontBytes, Rgb } from './pdfTypes.js'
import { graphemes } from './wrapText.js'

/** A piece of a line drawn with one font, in visual order; its text goes to pdf-lib as is. */
export interface FontRun {
  font: PDFFont
  text: string
}

/** The embedded fonts and the one way we measure and draw a line with them. */
export interface PdfFonts {
  /** Width of a line as drawn: bidi runs, font fallback and Arabic shaping included. */
  measure: Measure
  /** Draws one line with its left end at x and its baseline at y (PDF coordinates, y up). */
  drawLine(page: PDFPage, line: { text: string; isRtl: boolean }, at: { x: number; y: number; size: number; color: Rgb }): void
}

/** Which font draws what: the text font first, the emoji font for what it lacks. */
export interface FontChoice {
  text: PDFFont
  emoji: PDFFont
  textHas: ReadonlySet<number>
  emojiHas: ReadonlySet<number>
}

/** Embeds both fonts as subsets (only the glyphs used end up in the file), padded first so fontkit's subsets stay intact. */
export async function embedPdfFonts(doc: PDFDocument, bytes: PdfFontBytes): Promise<PdfFonts> {
  doc.registerFontkit(fontkit)
  const text = await doc.embedFont(padGlyphs(bytes.text), { subset: true })
  const emoji = await doc.embedFont(padGlyphs(bytes.emoji), { subset: true })
  return createPdfFonts({ text, emoji, textHas: new Set(text.getCharacterSet()), emojiHas: new Set(emoji.getCharacterSet()) })
}

const ZWJ = 0x200d
const VS15 = 0xfe0e
const VS16 = 0xfe0f

/** Code points that belong to the character before them: marks, joiners, variation selectors, skin tones, tags. */
function isExtender(cp: number, char: string): boolean {
  return cp === ZWJ || cp === VS15 || cp === VS16 || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f) || /\p{M}/u.test(char)
}

function pickFont(fonts: FontChoice, cp: number, next: number | undefined): PDFFont {
  if (next === VS16 && fonts.emojiHas.has(cp)) return fonts.emoji
  if (fonts.textHas.has(cp)) return fonts.text
  return fonts.emojiHas.has(cp) ? fonts.emoji : fonts.text
}

/** Splits text by the font that has each character, keeping emoji sequences whole; logical order. */
export function splitByFont(fonts: FontChoice, text: string): FontRun[] {
  const chars = Array.from(text)
  const runs: FontRun[] = []
  let previous: number | undefined
  chars.forEach((char, i) => {
    const cp = char.codePointAt(0) ?? 0
    const last = runs[runs.length - 1]
    const isJoined = last !== undefined && (isExtender(cp, char) || previous === ZWJ)
    const font = isJoined ? last.font : pickFont(fonts, cp, chars[i + 1]?.codePointAt(0))
    previous = cp
    // The text font has no emoji sequences: joiners and selectors would only draw as blanks.
    if (font === fonts.text && (cp === ZWJ || cp === VS15 || cp === VS16)) return
    if (last && last.font === font) last.text += char
    else runs.push({ font, text: char })
  })
  return runs
}

const MIRRORED: Readonly<Record<string, string>> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' }

/** Brackets inside right-to-left text face the other way (UAX #9 rule L4); fonts' own mirroring feature is not applied by fontkit. */
function mirrorBrackets(text: string): string {
  return /[()[\]{}<>«»‹›]/.test(text) ? text.replace(/[()[\]{}<>«»‹›]/g, (char) => MIRRORED[char]) : text
}

/**
 * The runs pdf-lib draws for one line, left to right. A right-to-left run
 * with Arabic or Hebrew letters is given to fontkit in logical order (it
 * shapes and reverses it); one without (digits are never in one; emoji or
 * punctuation may be) we reverse by grapheme ourselves. Brackets in
 * right-to-left runs are mirrored.
 */
export function lineRuns(fonts: FontChoice, line: { text: string; isRtl: boolean }): FontRun[] {
  if (!line.isRtl && !hasRtl(line.text)) return splitByFont(fonts, line.text)
  const runs: FontRun[] = []
  for (const run of visualRuns(line.text, line.isRtl)) {
    const pieces = splitByFont(fonts, run.text)
    if (!run.isRtl) {
      runs.push(...pieces)
      continue
    }
    for (const piece of pieces.reverse()) {
      const text = mirrorBrackets(piece.text)
      runs.push({ font: piece.font, text: hasRtl(text) ? text : graphemes(text).reverse().join('') })
    }
  }
  return runs
}

/** Widths remembered per string (at size 1): wrapping measures the same words again and again, and shaping is the slow part. */
const WIDTH_CACHE_LIMIT = 20_000

function createPdfFonts(fonts: FontChoice): PdfFonts {
  const widthOf = (run: FontRun, size: number) => run.font.widthOfTextAtSize(run.text, size)
  const widths = new Map<string, number>()
  const unitWidth = (text: string) => {
    const known = widths.get(text)
    if (known !== undefined) return known
    if (widths.size >= WIDTH_CACHE_LIMIT) widths.clear()
    const width = lineRuns(fonts, { text, isRtl: false }).reduce((sum, run) => sum + widthOf(run, 1), 0)
    widths.set(text, width)
    return width
  }
  return {
    measure: (text, size) => unitWidth(text) * size,
    drawLine(page, line, at) {
      let x = at.x
      for (const run of lineRuns(fonts, line)) {
        page.drawText(run.text, { x, y: at.y, size: at.size, font: run.font, color: rgb(...at.color) })
        x += widthOf(run, at.size)
      }
    },
  }
}

/** Fetches the two font files (e.g. Vite `?url` imports of our self-hosted copies); no CDN, works offline once cached. */
export async function loadPdfFonts(urls: { text: string; emoji: string }): Promise<PdfFontBytes> {
  const load = async (url: string) => {
    const response = await fetch(url)
    if (!response.ok) throw new Error(`could not load the PDF font ${url}: HTTP ${response.status}`)
    return new Uint8Array(await response.arrayBuffer())
  }
  const [text, emoji] = await Promise.all([load(urls.text), load(urls.emoji)])
  return { text, emoji }
}
