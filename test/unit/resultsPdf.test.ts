import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildBoardPdf } from '../../client/export/pdf/buildBoardPdf.js'
import type { BoardPdfInput, ScoreRoundInput } from '../../client/export/pdf/pdfTypes.js'
import type { PlanShape } from '../../shared/rules/actionPlan.js'
import type { CardScoreSummary } from '../../shared/rules/scoring.js'
import type { Round } from '../../shared/rules/votingTypes.js'
import { buildTemplate } from '../../shared/templates/templates.js'
import { hasPoppler, pdfInfo, pdfToPng, pdfToText, searchable } from '../helpers/pdfText.js'

const fonts = {
  text: new Uint8Array(readFileSync('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
  emoji: new Uint8Array(readFileSync('node_modules/@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf')),
}

/** Where the rendered results page goes: KUILU_SCREENSHOT_DIR when set (kept, to look at), else a temp dir removed afterwards. */
const keep = process.env.KUILU_SCREENSHOT_DIR

const round = (id: string, kind: Round['kind']): Round => ({
  id, workshopId: 'w1', boardId: 'b1', kind, scope: { kind: 'all-elevators' }, votesPerPerson: 3, maxVotesPerCard: 2, isAnonymous: true, isHiddenUntilReveal: true, endsAt: null, state: 'closed', createdAt: 0,
})
const summary = (impacts: number[], efforts: number[]): CardScoreSummary => {
  const stats = (values: number[]) => {
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length
    return { mean, spread: Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length) }
  }
  const impact = stats(impacts)
  const effort = stats(efforts)
  return { count: impacts.length, impactMean: impact.mean, impactSpread: impact.spread, effortMean: effort.mean, effortSpread: effort.spread, impactRounded: Math.round(impact.mean) as CardScoreSummary['impactRounded'], effortRounded: (['S', 'M', 'L'] as const)[Math.round(effort.mean) - 1] }
}

/** The Finnish gap analysis template with two more elevators, one vote round with one voter, and a score round with a card at each extreme. */
function board(): BoardPdfInput {
  let counter = 0
  const shapes = buildTemplate('gap-analysis', 'fi', () => `t${++counter}`).filter((record) => record.typeName === 'shape') as unknown as PlanShape[]
  const template = shapes.find((shape) => shape.type === 'elevator')!
  const extra = (id: string, action: string, x: number): PlanShape => ({ ...template, id, x, props: { ...(template.props as object), action, gapId: '', journeyId: '', stageId: '', laneId: '' } })
  const all = [...shapes, extra('shape:checkout', 'Simpler checkout', 2000), extra('shape:portal', 'Rebuild the billing system from scratch', 2300)]
  const results = { roundId: 'r1', isTallyVisible: true, votersCount: 1, ownVotes: {}, votesUsed: 0, votesLeft: 0, tally: { [template.id]: 2 }, votersByCard: null, ranking: [{ cardId: template.id, votes: 2, rank: 1 }] }
  const scores: ScoreRoundInput = {
    round: round('r2', 'score'),
    summaries: { [template.id]: summary([5, 4], [1, 1]), 'shape:checkout': summary([5, 4], [3, 2]), 'shape:portal': summary([1, 2], [3, 3]) },
  }
  return { workshopTitle: 'Palvelupolun työpaja', boardName: 'Kuilu- ja hissianalyysi', date: new Date(2025, 4, 20), participantsCount: 3, shapes: all, votes: results.tally, rounds: [{ round: round('r1', 'vote'), results }], scores: [scores] }
}

describe.skipIf(!hasPoppler())('the results pages of the PDF', () => {
  let dir = ''
  let file = ''
  beforeAll(async () => {
    dir = keep ?? mkdtempSync(join(tmpdir(), 'kuilu-results-pdf-'))
    mkdirSync(dir, { recursive: true })
    file = join(dir, 'results.pdf')
    writeFileSync(file, await buildBoardPdf(board(), { pageSize: 'A4', orientation: 'landscape', mapLayout: 'fit', language: 'fi', fonts }))
  })
  afterAll(() => {
    if (!keep) rmSync(dir, { recursive: true, force: true })
  })

  it('draws the impact/effort matrix with its quadrants and axes named in Finnish, and counts voters with the right plural', () => {
    const { pages } = pdfInfo(file)
    const text = searchable(pdfToText(file))
    for (const words of ['Pikavoitot', 'Isot panostukset', 'Täytetyöt', 'Rahareiät', 'Vaikutus (1–5)', 'Työmäärä (S · M · L)']) expect(text).toContain(words)
    expect(text).toContain('1 henkilö äänesti')
    // Each card is named beside its dot by its own words, and numbered as in the table under the chart.
    expect(text).toMatch(/2 Simpler checkout\n/)
    expect(text).toMatch(/Rebuild the billing system from scratch 3\n/)
    if (keep) pdfToPng(file, join(dir, 'results-page'), pages - 1, pages, 110)
  })
})
