import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Whether poppler's tools are here to read PDFs back; under CI=true a missing poppler is a failure, not a skip. */
export function hasPoppler(): boolean {
  if (existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdfinfo')) return true
  if (process.env.CI === 'true') throw new Error('CI=true but poppler (pdftotext, pdfinfo) is missing: install Debian\'s poppler-utils')
  console.warn('\n!!! PDF reading tests SKIPPED: pdftotext/pdfinfo not found. Install them with: apt-get install poppler-utils\n')
  return false
}

/** Text of a PDF (or of pages `first`–`last`) as poppler's pdftotext reads it, in `-layout` mode unless asked for `-raw`. */
export function pdfToText(file: string, options: { first?: number; last?: number; mode?: 'layout' | 'raw' } = {}): string {
  const args = [options.mode === 'raw' ? '-raw' : '-layout', '-enc', 'UTF-8']
  if (options.first !== undefined) args.push('-f', String(options.first))
  if (options.last !== undefined) args.push('-l', String(options.last))
  return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' })
}

/**
 * Text with the bidi marks pdftotext puts around right-to-left lines
 * (U+202A–U+202E) removed and runs of spaces collapsed, so a search does not
 * depend on column layout.
 */
export function searchable(text: string): string {
  return text.replace(/[\u202A-\u202E]/g, '').replace(/[ \t]+/g, ' ')
}

/** Page count and the first page's size in points, from pdfinfo. */
export function pdfInfo(file: string): { pages: number; width: number; height: number; raw: string } {
  const raw = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  const pages = Number(/^Pages:\s+(\d+)/m.exec(raw)?.[1])
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(raw)
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]), raw }
}

/** The fonts a PDF uses, as pdffonts lists them (name, type, embedded, subset). */
export function pdfFonts(file: string): string {
  return execFileSync('pdffonts', [file], { encoding: 'utf8' })
}

/** Renders pages `first`–`last` to PNG files `<prefix>-<page>.png` at `dpi`, one pdftoppm call per page so names are predictable. */
export function pdfToPng(file: string, prefix: string, first: number, last: number, dpi = 60): string[] {
  const files: string[] = []
  for (let page = first; page <= last; page++) {
    const out = `${prefix}-${page}`
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, out])
    files.push(`${out}.png`)
  }
  return files
}

/** The images a PDF shows, as `pdfimages -list` reports them: page, size in pixels and the PDF object that holds each. */
export function pdfImages(file: string): { page: number; width: number; height: number; object: number }[] {
  const lines = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim() !== '')
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/)
    return { page: Number(columns[0]), width: Number(columns[3]), height: Number(columns[4]), object: Number(columns[10]) }
  })
}

/** Page `page` rendered by pdftoppm at `dpi` as raw RGB pixels (PPM), for tests that look at what is drawn. */
export function pdfPixels(file: string, page: number, dpi = 30): { width: number; height: number; at: (x: number, y: number) => [number, number, number] } {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), file])
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))
  if (!header) throw new Error('pdftoppm did not write a PPM')
  const width = Number(header[1])
  const offset = header[0].length
  return { width, height: Number(header[2]), at: (x, y) => [...ppm.subarray(offset + (y * width + x) * 3, offset + (y * width + x) * 3 + 3)] as [number, number, number] }
}
