import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { visualRuns } from '../../client/export/pdf/bidi.js'
import { buildBoardPdf, layoutBoardPages } from '../../client/export/pdf/buildBoardPdf.js'
import { linkPoints } from '../../client/board/linkRoute.js'
import type { PlanShape } from '../../shared/rules/actionPlan.js'
import { layoutMap, type MapItem } from '../../client/export/pdf/mapLayout.js'
import { padGlyphs } from '../../client/export/pdf/padGlyphs.js'
import { contains, planMapTiles } from '../../client/export/pdf/pageGeometry.js'
import { embedPdfFonts } from '../../client/export/pdf/pdfFonts.js'
import { pdfText } from '../../client/export/pdf/pdfStrings.js'
import type { BoardPdfInput, BoardPdfOptions, DrawnShape, PdfOp, TextOp } from '../../client/export/pdf/pdfTypes.js'
import { fitText, wrapText } from '../../client/export/pdf/wrapText.js'
import type { Round } from '../../shared/rules/votingTypes.js'
import type { ElevatorProps, GapProps, JourneyShape, TouchpointProps } from '../../shared/schema/cards.js'
import { placeInCell } from '../../shared/templates/records.js'
import { buildTemplate } from '../../shared/templates/templates.js'
import { hasPoppler, pdfFonts, pdfImages, pdfInfo, pdfPixels, pdfToPng, pdfToText, searchable } from '../helpers/pdfText.js'
import { tinyPng } from '../helpers/tinyPng.js'
import { formatOf } from '../../client/export/loadDrawnImages.js'

const fonts = {
  text: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  emoji: new Uint8Array(readFileSync('node_modules/@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf')),
}

/** 5,000 characters of numbered words, so a test can tell which part of the text made it onto a page. */
const LONG_TEXT = Array.from({ length: 500 }, (_, i) => `pitkä${String(i + 1).padStart(4, '0')}`).join(' ').slice(0, 5000)
const LONG_WORD = 'Superpitkä'.repeat(30)
const SCRIPT = '<script>alert(1)</script>'
const ARABIC = 'مرحبا بالعالم'
const EMOJI = 'Juhlitaan 🎉 🚀 🇫🇮'

/** Short card texts that fit one line of their card, so pdftotext finds each whole. */
const SHORT_TEXTS = ['Palvelu löytyy helposti', 'Hinnat ovat epäselviä', 'Selkeämmät kuvaukset', 'Markkinointi', 'Chat på svenska', 'Verkkokauppa', 'Apu heti chatissa', 'Jonot puhelimessa']

type CardProps<P> = Omit<P, 'w' | 'h' | 'journeyId' | 'stageId' | 'laneId'>

const gap = (today: string, target: string): CardProps<GapProps> => ({ today, target, theme: 'Selkeys', severity: 2 })
const elevator = (action: string, gapId = '', owner = ''): CardProps<ElevatorProps> => ({ action, gapId, owner, effort: 'S', impact: 4, status: 'planned', due: '2025-06-30' })
const touchpoint: CardProps<TouchpointProps> = { title: 'Verkkokauppa', channel: 'web', isDigital: true, owner: 'Verkkotiimi' }

/** tldraw's own shapes as the browser reads them: a sticky note, a labelled rectangle, an arrow between them and an image. */
const drawnShape = (id: string, type: string, bounds: DrawnShape['bounds'], extra: Partial<DrawnShape>): DrawnShape => ({
  id, type, bounds, outlines: [], stroke: [0.27, 0.4, 0.91], fill: null, lineWidth: 3.5, arrowheads: [], text: '', textColor: [0, 0, 0],
  textSize: 22, textAlign: 'center', textBox: bounds, placeholder: null, ...extra,
})
const corners = (b: DrawnShape['bounds']) => [{ x: b.x, y: b.y }, { x: b.x + b.w, y: b.y }, { x: b.x + b.w, y: b.y + b.h }, { x: b.x, y: b.y + b.h }]
const NOTE_BOX = { x: 0, y: -320, w: 200, h: 200 }
const RECT_BOX = { x: 300, y: -300, w: 260, h: 120 }
const DRAWN: DrawnShape[] = [
  drawnShape('shape:note', 'note', NOTE_BOX, { outlines: [{ points: corners(NOTE_BOX), isClosed: true }], stroke: null, fill: [0.99, 0.88, 0.61], text: 'Jonot ääneen' }),
  drawnShape('shape:rect', 'geo', RECT_BOX, { outlines: [{ points: corners(RECT_BOX), isClosed: true }], fill: [0.86, 0.88, 0.97], text: 'Mittari NPS' }),
  drawnShape('shape:arrow', 'arrow', { x: 200, y: -240, w: 100, h: 10 }, {
    outlines: [{ points: [{ x: 200, y: -220 }, { x: 300, y: -230 }], isClosed: false }],
    arrowheads: [{ tip: { x: 300, y: -230 }, from: { x: 200, y: -220 } }],
  }),
  drawnShape('shape:image', 'image', { x: 620, y: -320, w: 200, h: 150 }, { stroke: null, placeholder: 'image', text: 'Tiski', textSize: 12 }),
]

/** A Finnish customer journey (the template's grid with an emotion curve) holding every kind of card and every hard text. */
function journeyBoard(): BoardPdfInput {
  let counter = 0
  const records = buildTemplate('customer-journey', 'fi', () => `t${++counter}`)
  const grid = records.find((record) => record.typeName === 'shape' && record.type === 'journey') as JourneyShape
  const stages = grid.props.stages.map((stage) => stage.id)
  const lane = (index: number) => grid.props.lanes[index].id
  const journey = { ...grid, props: { ...grid.props, emotions: { [stages[0]]: 1, [stages[1]]: -1, [stages[2]]: 0, [stages[4]]: 2, [stages[5]]: -2, [stages[6]]: 1 } } } as JourneyShape
  const card = <P extends object>(id: string, type: string, stage: number, laneIndex: number, props: P, w = 200, h = 130) => {
    const cell = placeInCell(journey, { stageId: stages[stage], laneId: lane(laneIndex) }, w, h)
    return { id, type, x: cell.at.x, y: cell.at.y, props: { ...cell.placement, w, h, ...props } }
  }
  const shapes = [
    journey,
    card('shape:touch', 'touchpoint', 2, 1, touchpoint, 200, 110),
    card('shape:gap1', 'gap', 1, 6, gap('Hinnat ovat epäselviä', 'Palvelu löytyy helposti')),
    card('shape:gap2', 'gap', 5, 6, gap('Jonot puhelimessa', 'Apu heti chatissa')),
    card('shape:e1', 'elevator', 1, 7, elevator('Selkeämmät kuvaukset', 'shape:gap1', 'Markkinointi')),
    card('shape:e2', 'elevator', 5, 7, elevator('Chat på svenska', 'shape:gap2', 'Asiakaspalvelu')),
    card('shape:long', 'elevator', 4, 7, elevator(LONG_TEXT, 'shape:gap2')),
    card('shape:word', 'elevator', 0, 7, elevator(LONG_WORD)),
    card('shape:script', 'elevator', 2, 7, elevator(SCRIPT, 'shape:gap1')),
    card('shape:arabic', 'elevator', 3, 7, elevator(ARABIC, '', 'فريق الخدمة')),
    card('shape:emoji', 'elevator', 6, 7, elevator(EMOJI, 'shape:gap2')),
  ]
  return {
    workshopTitle: 'Asiakaskokemuksen työpaja — kevät',
    boardName: 'Asiakaspolku',
    date: new Date(2025, 2, 14),
    participantsCount: 7,
    shapes,
    drawn: DRAWN,
    votes: { 'shape:e1': 3, 'shape:e2': 1 },
    ...closedRounds(),
  }
}

/** A closed vote round with its results and a closed score round with one card's summary. */
function closedRounds(): Pick<BoardPdfInput, 'rounds' | 'scores'> {
  const round = (id: string, kind: Round['kind']): Round => ({
    id,
    workshopId: 'w1',
    boardId: 'b1',
    kind,
    scope: { kind: 'all-elevators' },
    votesPerPerson: 3,
    maxVotesPerCard: 3,
    isAnonymous: true,
    isHiddenUntilReveal: true,
    endsAt: null,
    state: 'closed',
    createdAt: 0,
  })
  const ranking = [
    { cardId: 'shape:e1', votes: 3, rank: 1 },
    { cardId: 'shape:e2', votes: 1, rank: 2 },
  ]
  const results = { roundId: 'r1', isTallyVisible: true, votersCount: 2, ownVotes: {}, votesUsed: 0, votesLeft: 0, tally: { 'shape:e1': 3, 'shape:e2': 1 }, votersByCard: null, ranking }
  const summary = { count: 2, impactMean: 4.5, impactSpread: 0.5, effortMean: 1.5, effortSpread: 0.5, impactRounded: 5 as const, effortRounded: 'M' as const }
  return {
    rounds: [{ round: round('r1', 'vote'), results }],
    scores: [{ round: round('r2', 'score'), summaries: new Map([['shape:e1', summary]]) }],
  }
}

const board = journeyBoard()
const base: BoardPdfOptions = { pageSize: 'A4', orientation: 'landscape', mapLayout: 'fit', language: 'fi', fonts }
let dir = ''
const files = { fit: '', tile: '', a3: '' }

async function writePdf(name: string, options: Partial<BoardPdfOptions>): Promise<string> {
  const file = join(dir, `${name}.pdf`)
  writeFileSync(file, await buildBoardPdf(board, { ...base, ...options }))
  return file
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kuilu-pdf-'))
  files.fit = await writePdf('fit', {})
  files.tile = await writePdf('tile', { mapLayout: 'tile' })
  files.a3 = await writePdf('a3', { pageSize: 'A3', orientation: 'portrait', language: 'en' })
})

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function textOps(ops: readonly PdfOp[]): TextOp[] {
  return ops.flatMap((op) => (op.kind === 'text' ? [op] : op.kind === 'group' ? textOps(op.ops) : []))
}

describe('wrapping and cutting text by measured width', () => {
  const oneUnitPerChar = (text: string) => Array.from(text).length
  it.each([
    ['aaa bbb ccc', 7, ['aaa bbb', 'ccc']],
    ['abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['ab abcdefgh c', 4, ['ab', 'abcd', 'efgh', 'c']],
    ['one\n\ntwo', 10, ['one', '', 'two']],
    ['äöå 🎉🎉🎉', 4, ['äöå', '🎉🎉🎉']],
    ['<script>alert(1)</script>', 30, ['<script>alert(1)</script>']],
  ])('wrapText(%j, %i)', (text, width, lines) => {
    expect(wrapText(text, width, oneUnitPerChar)).toEqual(lines)
  })

  it('ends cut text with an ellipsis that still fits', () => {
    const fitted = fitText('aaa bbb ccc ddd', 7, 1, oneUnitPerChar)
    expect(fitted).toEqual({ lines: [{ text: 'aaa bb…', isRtl: false }], isTruncated: true })
  })
})

describe('right-to-left runs', () => {
  it.each([
    ['abc مرحبا def', false, [['abc ', false], ['مرحبا', true], [' def', false]]],
    ['مرحبا abc بالعالم', true, [[' بالعالم', true], ['abc', false], ['مرحبا ', true]]],
    ['عام 2025', true, [['2025', false], ['عام ', true]]],
  ])('visualRuns(%j): runs left to right, each in logical order', (text, isRtl, runs) => {
    expect(visualRuns(text, isRtl).map((run) => [run.text, run.isRtl])).toEqual(runs)
  })
})

describe('fonts', () => {
  it('pads the emoji font so that its subsets keep flags and every other glyph intact', async () => {
    const font = fontkit.create(padGlyphs(fonts.emoji))
    const subset = font.createSubset()
    for (const glyph of font.layout('🇫🇮🎉🚀👍👩‍💻').glyphs) subset.includeGlyph(glyph)
    const parts: Uint8Array[] = []
    await new Promise((resolve) => subset.encodeStream().on('data', (part) => parts.push(part)).on('end', resolve))
    const subsetFont = fontkit.create(new Uint8Array(Buffer.concat(parts)))
    for (let id = 1; id < subsetFont.numGlyphs; id++) expect(subsetFont.getGlyph(id).path.bbox.width, `glyph ${id}`).toBeGreaterThan(0)
    expect(padGlyphs(fonts.text)).toBe(fonts.text)
  })
})

describe('map layout', () => {
  it('keeps every line of every card inside the card, and cuts the 5,000-character text', async () => {
    const doc = await PDFDocument.create()
    const { measure } = await embedPdfFonts(doc, fonts)
    const drawing = layoutMap(board.shapes, { t: pdfText('fi'), measure, votes: board.votes ?? {}, formatDay: (day) => day })
    const cards = drawing.items.filter((item): item is MapItem => item.kind === 'card')
    expect(cards).toHaveLength(10)
    for (const card of cards) {
      const lines = textOps(card.ops)
      expect(lines.length).toBeGreaterThan(1)
      for (const line of lines) expect(contains(card.bounds, line.box), `${card.id}: ${line.text}`).toBe(true)
    }
    const long = textOps(cards.find((card) => card.id === 'shape:long')?.ops ?? []).map((line) => line.text)
    expect(long.join(' ')).toContain('pitkä0001')
    expect(long.join(' ')).not.toContain('pitkä0500')
    expect(long.some((line) => line.endsWith('…'))).toBe(true)
    const word = textOps(cards.find((card) => card.id === 'shape:word')?.ops ?? []).filter((line) => LONG_WORD.includes(line.text.replace('…', '')))
    expect(word.length).toBeGreaterThan(2)
  })

  it('routes each link as the canvas does: straight when nothing is in the way, an elbow round a card that is, with the arrowhead at the gap', async () => {
    const { measure } = await embedPdfFonts(await PDFDocument.create(), fonts)
    const free = { journeyId: '', stageId: '', laneId: '', w: 200, h: 130 }
    const gapShape = { id: 'shape:g', type: 'gap', x: 0, y: 0, props: { ...free, ...gap('Jonot', 'Apu heti') } }
    const elevatorShape = { id: 'shape:e', type: 'elevator', x: 0, y: 400, props: { ...free, ...elevator('Chat', 'shape:g') } }
    const between = { id: 'shape:t', type: 'touchpoint', x: 0, y: 200, props: { ...free, ...touchpoint } }
    const linkOf = (shapes: PlanShape[]) => layoutMap(shapes, { t: pdfText('fi'), measure, votes: {}, formatDay: (day) => day }).items.find((item) => item.kind === 'link')!
    const box = (shape: { x: number; y: number; props: { w: number; h: number } }) => ({ x: shape.x, y: shape.y, w: shape.props.w, h: shape.props.h })
    for (const [shapes, others] of [
      [[gapShape, elevatorShape], []],
      [[gapShape, elevatorShape, between], [box(between)]],
    ] as const) {
      const route = linkPoints(box(elevatorShape), box(gapShape), others)
      const link = linkOf([...shapes] as PlanShape[])
      const lines = link.ops.filter((op) => op.kind === 'line')
      // Every segment is drawn but the elbow's last, into the gap, which is shorter than the arrowhead that covers it.
      const drawn = others.length === 0 ? route.slice(0, -1) : route.slice(0, -2)
      expect(lines.map((op) => op.kind === 'line' && op.from)).toEqual(drawn)
      const head = link.ops.at(-1)!
      expect(head).toMatchObject({ kind: 'path', isClosed: true })
      expect(head.kind === 'path' && head.points[0]).toEqual(route.at(-1))
    }
    expect(linkPoints(box(elevatorShape), box(gapShape), [box(between)])).toHaveLength(4)
  })

  it('keeps every page\'s own text (outside the map) on the page, in A4 portrait too', async () => {
    const doc = await PDFDocument.create()
    const { measure } = await embedPdfFonts(doc, fonts)
    const pages = layoutBoardPages(board, { pageSize: 'A4', orientation: 'portrait', mapLayout: 'tile', language: 'en' }, measure)
    expect(pages.length).toBeGreaterThan(5)
    for (const page of pages) {
      const lines = page.ops.filter((op): op is TextOp => op.kind === 'text')
      for (const line of lines) expect(contains({ x: 0, y: 0, w: page.width, h: page.height }, line.box), line.text).toBe(true)
    }
  })

  it("draws tldraw's own shapes under the cards: outlines, fills, arrowheads, labels inside their box, images as placeholders", async () => {
    const { measure } = await embedPdfFonts(await PDFDocument.create(), fonts)
    const { items } = layoutMap(board.shapes, { t: pdfText('fi'), measure, votes: {}, formatDay: (day) => day }, DRAWN)
    expect(items.map((item) => item.kind).indexOf('drawn')).toBeLessThan(items.map((item) => item.kind).indexOf('card'))
    const byId = new Map(items.map((item) => [item.id, item]))
    const note = byId.get('shape:note')!.ops
    expect(note[0]).toMatchObject({ kind: 'path', isClosed: true, fill: [0.99, 0.88, 0.61], lineWidth: 0 })
    const arrow = byId.get('shape:arrow')!.ops
    expect(arrow.map((op) => op.kind)).toEqual(['path', 'path'])
    expect(arrow[1]).toMatchObject({ isClosed: true, points: expect.arrayContaining([{ x: 300, y: -230 }]) })
    for (const id of ['shape:note', 'shape:rect', 'shape:image']) {
      const shape = DRAWN.find((drawn) => drawn.id === id)!
      const lines = byId.get(id)!.ops.filter((op): op is TextOp => op.kind === 'text')
      expect(lines.length, id).toBeGreaterThan(0)
      for (const line of lines) expect(contains(shape.textBox, line.box), `${id}: ${line.text}`).toBe(true)
    }
    expect(byId.get('shape:image')!.ops[0]).toMatchObject({ kind: 'rect', dash: [4, 3] })
  })

  it('fits the map onto exactly one page, also when its scale rounds the view a hair short of the board', async () => {
    const { measure } = await embedPdfFonts(await PDFDocument.create(), fonts)
    const pages = layoutBoardPages(board, { pageSize: 'A4', orientation: 'landscape', mapLayout: 'fit', language: 'fi' }, measure)
    expect(pages.map((page) => page.header).filter((header) => header?.startsWith('Kartta'))).toEqual(['Kartta'])
  })

  it('tiles a board into overlapping pages and fits it onto one', () => {
    const area = { x: 0, y: 0, w: 800, h: 500 }
    const bounds = { x: 0, y: 0, w: 1700, h: 1200 }
    expect(planMapTiles(bounds, area, 'fit')).toHaveLength(1)
    const tiles = planMapTiles(bounds, area, 'tile')
    expect(tiles.length).toBeGreaterThan(1)
    expect(tiles[1].view.x).toBeLessThan(tiles[0].view.x + tiles[0].view.w)
  })
})

describe.skipIf(!hasPoppler())('the PDF file, read back with poppler', () => {
  it('holds every card text as real text: ä, ö, å, <script> literally, Arabic and emoji', () => {
    const map = searchable(pdfToText(files.fit, { first: 2, last: 2 }))
    for (const text of [...SHORT_TEXTS, SCRIPT, ARABIC, EMOJI, 'Superpitkä', 'Jonot ääneen', 'Mittari NPS', 'Kuva: Tiski']) expect(map, text).toContain(text)
    const all = searchable(pdfToText(files.fit))
    expect(all).toContain('Asiakaskokemuksen työpaja — kevät')
    expect(all).toContain('Osallistujia: 7')
    expect(pdfFonts(files.fit)).toMatch(/DejaVuSans[\s\S]*NotoEmoji/)
  })

  it('cuts the 5,000-character card on the map but keeps all of it in the action plan', () => {
    const map = searchable(pdfToText(files.fit, { first: 2, last: 2 }))
    expect(map).toContain('pitkä0001')
    expect(map).not.toContain('pitkä0450')
    const all = searchable(pdfToText(files.fit, { mode: 'raw' }))
    expect(all).toContain('pitkä0450')
    expect(all).toContain('Äänestyskierros 1')
    expect(all).toContain('4,5 ± 0,5')
  })

  it('fits the map on one page or tiles it with page labels; page sizes follow the options', () => {
    const fit = pdfInfo(files.fit)
    const tile = pdfInfo(files.tile)
    expect([fit.width, fit.height]).toEqual([842, 595])
    expect(tile.pages).toBeGreaterThan(fit.pages)
    expect(searchable(pdfToText(files.tile))).toMatch(/Kartta 1\/\d+ — rivi 1, sarake 1/)
    const a3 = pdfInfo(files.a3)
    expect([a3.width, a3.height]).toEqual([842, 1191])
    expect(a3.raw).toMatch(/\(A3\)/)
  })

  it('embeds an image the browser could read, once, instead of its placeholder', async () => {
    const photo = { bytes: tinyPng(12, 8), format: 'png' as const }
    expect(formatOf(photo.bytes)).toBe('png')
    expect(formatOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg')
    expect(formatOf(new TextEncoder().encode('<svg'))).toBeNull()
    const withPhoto = DRAWN.map((shape) => (shape.placeholder === 'image' ? { ...shape, image: photo } : shape))
    const file = join(dir, 'photo.pdf')
    writeFileSync(file, await buildBoardPdf({ ...board, drawn: withPhoto }, { ...base, mapLayout: 'tile' }))
    const images = pdfImages(file)
    expect(images.length).toBeGreaterThan(0)
    expect(images.every((image) => image.width === 12 && image.height === 8)).toBe(true)
    expect(new Set(images.map((image) => image.object)).size).toBe(1)
    expect(pdfImages(files.fit)).toEqual([])
    expect(searchable(pdfToText(file))).not.toContain('Kuva: Tiski')
  })

  it('shows an image as tldraw does: only its cropped part, mirrored when flipped', async () => {
    // Left half red, right half blue.
    const bytes = tinyPng(20, 10, (x) => (x < 10 ? [255, 0, 0] : [0, 0, 255]))
    const photo = DRAWN.find((shape) => shape.placeholder === 'image')!
    const firstColour = async (image: DrawnShape['image']) => {
      const file = join(dir, 'crop.pdf')
      const box = { x: 0, y: 0, w: 400, h: 200 }
      writeFileSync(file, await buildBoardPdf({ ...board, shapes: [], drawn: [{ ...photo, bounds: box, textBox: box, image }] }, base))
      const pixels = pdfPixels(file, 2)
      const y = Math.round(pixels.height / 2)
      for (let x = 0; x < pixels.width; x++) {
        const [r, g, b] = pixels.at(x, y)
        if (r + g + b < 600) return r > b ? 'red' : 'blue'
      }
      return 'none'
    }
    expect(await firstColour({ bytes, format: 'png' })).toBe('red')
    expect(await firstColour({ bytes, format: 'png', isFlippedX: true })).toBe('blue')
    expect(await firstColour({ bytes, format: 'png', crop: { x: 0.5, y: 0, w: 0.5, h: 1 } })).toBe('blue')
    expect(await firstColour({ bytes, format: 'png', crop: { x: 0.5, y: 0, w: 0.5, h: 1 }, isFlippedX: true })).toBe('blue')
  })

  it('reports progress up to the total and rejects with AbortError when cancelled', async () => {
    const seen: [number, number][] = []
    await buildBoardPdf(board, { ...base, onProgress: (done, total) => seen.push([done, total]) })
    expect(seen.length).toBeGreaterThan(2)
    expect(seen[seen.length - 1][0]).toBe(seen[seen.length - 1][1])
    expect(seen.every(([done], i) => i === 0 || done >= seen[i - 1][0])).toBe(true)
    const controller = new AbortController()
    const aborted = buildBoardPdf(board, { ...base, signal: controller.signal, onProgress: () => controller.abort() })
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' })
    await expect(buildBoardPdf(board, { ...base, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' })
  })

  it.runIf(process.env.KUILU_WRITE_SAMPLES === '1')('writes the sample PDF and PNGs of its first two pages to docs/samples (skipped unless KUILU_WRITE_SAMPLES=1: it refreshes committed files)', () => {
    mkdirSync('docs/samples', { recursive: true })
    const target = 'docs/samples/customer-journey-a4-landscape.pdf'
    writeFileSync(target, readFileSync(files.fit))
    expect(pdfToPng(target, 'docs/samples/customer-journey-a4-landscape', 1, 2)).toHaveLength(2)
  })
})
