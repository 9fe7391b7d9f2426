/**
 * A small subset of the Unicode bidirectional algorithm (UAX #9), enough to
 * draw one line of mixed left-to-right and right-to-left text with pdf-lib.
 *
 * pdf-lib draws glyphs in the order fontkit's layout returns them. fontkit
 * shapes a string (Arabic joining forms, lam-alef) and reverses it into visual
 * order only when the string's first non-common script is right-to-left, and
 * then it reverses the whole string, Latin words and digits included. So we cut
 * a line into runs of one direction, order the runs visually here, and give
 * each right-to-left run to fontkit on its own, in logical order.
 *
 * Covered: strong L/R classes, European and Arabic-Indic digits (with
 * separators and terminators between and beside them), neutrals resolved by
 * their neighbours, non-spacing marks, levels 0–2 and reordering (rules
 * P2–P3, W1–W7 simplified, N1–N2, I1–I2, L2). Not covered: explicit
 * embeddings, overrides and isolates (they are dropped as ignorable), and
 * mirrored glyphs for brackets inside right-to-left runs.
 */

type BidiClass = 'L' | 'R' | 'EN' | 'N'

/** A piece of a line in visual order; `isRtl` runs are drawn with their characters right to left. */
export interface VisualRun {
  text: string
  isRtl: boolean
}

const RTL_RANGES: readonly (readonly [number, number])[] = [
  [0x0590, 0x08ff],
  [0xfb1d, 0xfdff],
  [0xfe70, 0xfefe],
  [0x10800, 0x10fff],
  [0x1e800, 0x1efff],
]
const ARABIC_DIGITS: readonly (readonly [number, number])[] = [
  [0x0660, 0x0669],
  [0x06f0, 0x06f9],
]

function inRanges(cp: number, ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.some(([low, high]) => cp >= low && cp <= high)
}

const MAYBE_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u

function baseClass(char: string): BidiClass | 'NSM' {
  const cp = char.codePointAt(0) ?? 0
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39 ? 'EN' : /[A-Za-z]/.test(char) ? 'L' : 'N'
  if ((cp >= 0x30 && cp <= 0x39) || inRanges(cp, ARABIC_DIGITS)) return 'EN'
  if (/\p{M}/u.test(char)) return 'NSM'
  if (!/\p{L}/u.test(char)) return 'N'
  return inRanges(cp, RTL_RANGES) ? 'R' : 'L'
}

/** Whether a string holds a strong right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko…). */
export function hasRtl(text: string): boolean {
  if (!MAYBE_RTL.test(text)) return false
  for (const char of text) if (baseClass(char) === 'R') return true
  return false
}

/** Whether a paragraph reads right to left: its first strong character is right-to-left (rules P2–P3). */
export function isRtlParagraph(text: string): boolean {
  for (const char of text) {
    const cls = baseClass(char)
    if (cls === 'L') return false
    if (cls === 'R') return true
  }
  return false
}

function classify(chars: readonly string[]): BidiClass[] {
  const classes: BidiClass[] = []
  for (const char of chars) {
    const cls = baseClass(char)
    classes.push(cls === 'NSM' ? (classes[classes.length - 1] ?? 'N') : cls)
  }
  return classes
}

/** W4–W5 simplified: one separator between digits, and terminators next to digits, count as digits. */
function resolveNumbers(chars: readonly string[], classes: BidiClass[]): void {
  for (let i = 1; i < chars.length - 1; i++) {
    if (classes[i] === 'N' && /^[.,:/]$/.test(chars[i]) && classes[i - 1] === 'EN' && classes[i + 1] === 'EN') classes[i] = 'EN'
  }
  for (let i = 0; i < chars.length; i++) {
    if (classes[i] !== 'N' || !/^[%°#+\-\p{Sc}]$/u.test(chars[i])) continue
    if (classes[i - 1] === 'EN' || classes[i + 1] === 'EN') classes[i] = 'EN'
  }
}

/** W7: digits after a left-to-right context are left-to-right. */
function resolveWeak(classes: BidiClass[], isRtlBase: boolean): void {
  let strong: BidiClass = isRtlBase ? 'R' : 'L'
  for (let i = 0; i < classes.length; i++) {
    if (classes[i] === 'L' || classes[i] === 'R') strong = classes[i]
    else if (classes[i] === 'EN' && strong === 'L') classes[i] = 'L'
  }
}

/** N1–N2: neutrals between two of the same direction take it (digits count as R), others take the paragraph's. */
function resolveNeutrals(classes: BidiClass[], isRtlBase: boolean): void {
  const base: BidiClass = isRtlBase ? 'R' : 'L'
  const direction = (cls: BidiClass | undefined): BidiClass => (cls === undefined ? base : cls === 'EN' ? 'R' : cls)
  let i = 0
  while (i < classes.length) {
    if (classes[i] !== 'N') {
      i++
      continue
    }
    let end = i
    while (end < classes.length && classes[end] === 'N') end++
    const before = direction(classes[i - 1])
    const after = direction(classes[end])
    classes.fill(before === after ? before : base, i, end)
    i = end
  }
}

function levelOf(cls: BidiClass, isRtlBase: boolean): number {
  if (isRtlBase) return cls === 'R' ? 1 : 2
  return cls === 'L' ? 0 : cls === 'R' ? 1 : 2
}

/** Embedding level of each code point of a line (0 left-to-right, 1 right-to-left, 2 left-to-right inside right-to-left). */
export function bidiLevels(text: string, isRtlBase = isRtlParagraph(text)): number[] {
  const chars = Array.from(text)
  const classes = classify(chars)
  resolveNumbers(chars, classes)
  resolveWeak(classes, isRtlBase)
  resolveNeutrals(classes, isRtlBase)
  return classes.map((cls) => levelOf(cls, isRtlBase))
}

/** Cuts one line into runs of one level and orders them visually (rule L2); run text stays in logical order. */
export function visualRuns(text: string, isRtlBase = isRtlParagraph(text)): VisualRun[] {
  const chars = Array.from(text)
  if (chars.length === 0) return []
  const levels = bidiLevels(text, isRtlBase)
  const runs: { text: string; level: number }[] = []
  chars.forEach((char, i) => {
    const last = runs[runs.length - 1]
    if (last && last.level === levels[i]) last.text += char
    else runs.push({ text: char, level: levels[i] })
  })
  const highest = Math.max(...runs.map((run) => run.level))
  for (let level = highest; level >= 1; level--) reverseFrom(runs, level)
  return runs.map((run) => ({ text: run.text, isRtl: run.level % 2 === 1 }))
}

function reverseFrom(runs: { level: number }[], level: number): void {
  let i = 0
  while (i < runs.length) {
    if (runs[i].level < level) {
      i++
      continue
    }
    let end = i
    while (end < runs.length && runs[end].level >= level) end++
    const reversed = runs.slice(i, end).reverse()
    runs.splice(i, end - i, ...reversed)
    i = end
  }
}
