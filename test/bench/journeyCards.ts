/** A gap or elevator card as `editor.createShapes` takes it: plain JSON, default size. */
export interface CardDraft {
  id: string
  type: 'gap' | 'elevator'
  x: number
  y: number
  props: Record<string, string | number>
}

/** Where the journey grid sits on the page and its stage titles, read from the board. */
export interface JourneyFrame {
  x: number
  y: number
  w: number
  h: number
  stages: string[]
}

/** Thirteen texts, a prime count, so that a gap's text does not repeat in step with its severity. */
const TODAY = [
  'Asiakkaan on vaikea ymmärtää, mitä myymme',
  'Hinta selviää vasta, kun myyjä soittaa takaisin',
  'Tilausvahvistus tulee päivän viiveellä, eikä siinä näy toimituspäivää',
  'Käyttöönotossa asiakas jää yksin ensimmäisen viikon ajaksi',
  'Laskussa on termejä, joita kukaan meistäkään ei osaa selittää',
  'Asiakaspalveluun jonotetaan keskimäärin 14 minuuttia',
  'Irtisanominen onnistuu vain kirjeellä',
  'Customers cannot tell which plan fits them',
  'Support answers e-mail within three working days',
  'Onboarding e-mails repeat what the sales call already covered',
  'The app signs people out after every update',
  'Nobody follows up after a complaint is closed',
  'Verkkolomake hylkää ääkköset nimikentässä',
]

const TARGET = [
  'Jokainen kohtaaminen yllättää myönteisesti',
  'Asiakas näkee hinnan ja toimitusajan heti verkossa',
  'Ensimmäinen viikko tuntuu ohjatulta ja turvalliselta',
  'Lasku on yhden sivun mittainen ja selkokielinen',
  'Vastaus löytyy itse alle kahdessa minuutissa',
  'Lähtevä asiakas kertoo syyn ja jättää oven auki',
  'Customers pick a plan on their own in under two minutes',
  'Every complaint gets a personal follow-up within a week',
  'People stay signed in and never lose their work',
  'Sales and support give the same answer to the same question',
]

const ACTIONS = [
  'Selkeämmät palvelukuvaukset verkkoon',
  'Hintalaskuri etusivulle',
  'Tervetulopuhelu ensimmäisenä päivänä',
  'Laskun uudistus selkokielelle yhdessä asiakkaiden kanssa',
  'Chat-palvelu arki-iltaisin kello 20 asti',
  'Irtisanominen verkossa kahdella klikkauksella',
  'Kokeillaan pop-up-palvelupistettä kauppakeskuksessa kahden viikon ajan',
  'Yhteinen tietopankki myyjille ja asiakaspalvelulle, jotta vastaukset ovat yhdenmukaisia',
  'Add a plan comparison table with real customer examples',
  'Weekly check-in e-mail during the first month',
  'Keep people signed in across app updates',
  'Close every complaint with a short call from the team lead',
  'Tilausvahvistukseen arvioitu toimituspäivä',
]

const BACKGROUND = [
  ' Taustaa: asia nousi esiin lähes jokaisessa asiakashaastattelussa (n = 12), ja sama näkyy palautekyselyn avoimissa vastauksissa. Mitataan muutos kolmen kuukauden päästä.',
  ' Background: it came up in nearly every customer interview, and the open answers of the feedback survey say the same. We measure the change after three months.',
]

const OWNERS = ['Markkinointi', 'Asiakaspalvelu', 'Myynti', 'Tuotekehitys', 'Laskutus', 'Customer success', 'IT-tuki', 'Henkilöstöhallinto']
const STATUSES = ['idea', 'planned', 'doing', 'done'] as const
const DUES = ['', '2026-02-27', '', '2026-04-15', '2026-06-01', '']
const EFFORTS = ['S', 'M', 'L'] as const

/** Card sizes (the cards' defaults) and the spacing of a gap block: the gap centred above a row of its elevators. */
const GAP = { w: 240, h: 220 }
const ELEVATOR = { w: 220, h: 200 }
const ELEVATORS_PER_GAP = 2
const SPACE = 20
const ELEVATOR_ROW_W = ELEVATORS_PER_GAP * ELEVATOR.w + (ELEVATORS_PER_GAP - 1) * SPACE
const BLOCK_W = ELEVATOR_ROW_W + 3 * SPACE
const BLOCK_H = GAP.h + 2 * SPACE + ELEVATOR.h + 4 * SPACE
const COLUMNS_PER_STAGE = 2

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]
/** Every fifth text gets a long background paragraph, so that the set mixes one-liners with texts that wrap and overflow. */
const withBackground = (text: string, i: number): string => (i % 5 === 0 ? text + pick(BACKGROUND, i) : text)

/**
 * `gaps` gap cards, each with two elevators linked to it, under
 * the journey grid: grouped by stage (a gap's theme is its stage's title), two
 * block columns per stage, each block a gap with its elevators below it.
 * Deterministic, so every run exports the same board.
 */
export function journeyCards(journey: JourneyFrame, gaps: number): CardDraft[] {
  const stages = journey.stages.length
  const width = stages * COLUMNS_PER_STAGE * BLOCK_W
  const left = journey.x + journey.w / 2 - width / 2
  const top = journey.y + journey.h + 160
  const cards: CardDraft[] = []
  for (let i = 0; i < gaps; i++) {
    const stage = Math.floor((i * stages) / gaps)
    const inStage = i - Math.ceil((stage * gaps) / stages)
    const blockX = left + (stage * COLUMNS_PER_STAGE + (inStage % COLUMNS_PER_STAGE)) * BLOCK_W
    const blockY = top + Math.floor(inStage / COLUMNS_PER_STAGE) * BLOCK_H
    const gapId = `shape:bench-pdf-gap-${String(i).padStart(3, '0')}`
    const today = withBackground(pick(TODAY, i), i)
    const target = pick(TARGET, i * 3 + 1)
    cards.push({ id: gapId, type: 'gap', x: blockX + (ELEVATOR_ROW_W - GAP.w) / 2, y: blockY, props: { today, target, theme: journey.stages[stage], severity: (i % 3) + 1 } })
    for (let e = 0; e < ELEVATORS_PER_GAP; e++) {
      const n = i * ELEVATORS_PER_GAP + e
      cards.push({
        id: `shape:bench-pdf-elevator-${String(n).padStart(3, '0')}`,
        type: 'elevator',
        x: blockX + e * (ELEVATOR.w + SPACE),
        y: blockY + GAP.h + 2 * SPACE,
        props: {
          action: withBackground(pick(ACTIONS, n * 7 + 3), n + 2),
          gapId,
          owner: pick(OWNERS, n),
          impact: (n % 5) + 1,
          effort: pick(EFFORTS, n),
          status: pick(STATUSES, n),
          due: pick(DUES, n),
        },
      })
    }
  }
  return cards
}
