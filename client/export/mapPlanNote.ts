import { fillIn } from '../i18n/fillIn.js'
import { LOCALE_TAGS, type Language, type StringKey } from '../i18n/strings.js'
import type { MapPlan } from './pdf/mapPlan.js'
import type { PageSizeName } from './pdf/pdfTypes.js'

const KEYS: Record<Exclude<MapPlan['reason'], 'chosen' | 'turned'>, StringKey> = { fits: 'mapFits', largerPage: 'mapLargerPage', tiles: 'mapTiles' }

/**
 * What the export panel says about the map before the PDF is made: its
 * paper, its pages and how large card text prints, and why, when the
 * automatic choice left the chosen paper or one page behind. Sizes read as
 * the language writes decimals (8.2 pt; 8,2 pt in Finnish and Swedish).
 */
export function mapPlanNote(plan: MapPlan, chosen: PageSizeName, t: (key: StringKey) => string, language: Language): string {
  const points = new Intl.NumberFormat(LOCALE_TAGS[language], { maximumFractionDigits: 1 })
  const values = { paper: plan.pageSize, chosen, pages: plan.pages, pt: points.format(plan.textPt), fitPt: points.format(plan.fitTextPt) }
  if (plan.reason === 'turned') return fillIn(t(plan.orientation === 'landscape' ? 'mapTurnedLandscape' : 'mapTurnedPortrait'), values)
  if (plan.reason !== 'chosen') return fillIn(t(KEYS[plan.reason]), values)
  if (plan.layout === 'tile') return fillIn(t('mapChosenTiles'), values)
  return fillIn(t(plan.isReadable ? 'mapChosenFit' : 'mapChosenFitSmall'), values)
}
