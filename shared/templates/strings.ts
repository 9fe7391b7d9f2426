import type { AnalysisLane, AnalysisStage, CustomerLane, CustomerStage, EmployeeLane, EmployeeStage, GridText } from './grids.js'
import type { Language } from '../language.js'
import type { TemplateName } from './templateNames.js'

/** Languages a template can be built in: the product's languages (shared/language.ts). */
export type TemplateLanguage = Language

/** Every word a template puts on a board, in one language. */
export interface TemplateText {
  pageName: string
  templates: Record<TemplateName, { title: string; description: string }>
  customer: GridText<CustomerStage, CustomerLane>
  employee: GridText<EmployeeStage, EmployeeLane>
  analysis: GridText<AnalysisStage, AnalysisLane>
  exampleGap: { today: string; target: string }
  exampleElevator: { action: string; owner: string }
}

const en: TemplateText = {
  pageName: 'Page 1',
  templates: {
    'customer-journey': {
      title: 'Customer journey',
      description:
        'The customer’s path from discovering the service to leaving it, with lanes for actions, touchpoints, channels, feelings, backstage work, pain points, gaps and elevators.',
    },
    'employee-journey': {
      title: 'Employee journey',
      description:
        'The employee’s work moments through the day, each linked to the customer stage it affects: a poor employee experience shows at the customer touchpoints.',
    },
    'customer-employee': {
      title: 'Customer + employee journey',
      description:
        'The customer journey with the employee journey below it, stage by stage, to see where the work behind the scenes shapes the customer’s experience.',
    },
    'gap-analysis': {
      title: 'Gap & elevator analysis',
      description:
        'Today → target by theme: name the gaps between the current and the target state, then the elevators, small concrete actions that cross them.',
    },
  },
  customer: {
    title: 'Customer journey',
    stages: { discover: 'Discover', choose: 'Choose', buy: 'Buy', start: 'Start', use: 'Use', getHelp: 'Get help', leave: 'Leave' },
    lanes: {
      actions: 'Customer actions',
      touchpoints: 'Touchpoints',
      channels: 'Channels',
      feelings: 'Thoughts & feelings',
      backstage: 'Backstage / employee',
      painPoints: 'Pain points',
      gaps: 'Gaps',
      elevators: 'Elevators',
    },
  },
  employee: {
    title: 'Employee journey',
    stages: {
      inform: 'Share what we offer',
      advise: 'Advise and make offers',
      order: 'Handle the order',
      onboard: 'Help the customer start',
      serve: 'Everyday service work',
      solve: 'Solve problems',
      close: 'End the customer relationship',
    },
    lanes: {
      affects: 'Affects customer stage',
      actions: 'Employee actions',
      tools: 'Tools & systems',
      support: 'Information & support',
      feelings: 'Thoughts & feelings',
      painPoints: 'Pain points',
      gaps: 'Gaps',
      elevators: 'Elevators',
    },
  },
  analysis: {
    title: 'Gap & elevator analysis',
    stages: {
      clarity: 'Clarity of offering',
      buying: 'Buying',
      gettingStarted: 'Getting started',
      everyday: 'Everyday service',
      gettingHelp: 'Getting help',
      staying: 'Staying a customer',
    },
    lanes: { today: 'Today', target: 'Target', gaps: 'Gaps', elevators: 'Elevators' },
  },
  exampleGap: {
    today: 'It is hard to understand what we sell and how to buy it.',
    target: 'Every customer understands at a glance what we offer and how to buy it.',
  },
  exampleElevator: { action: 'Rewrite the service descriptions in the customer’s own words', owner: 'Marketing' },
}

const fi: TemplateText = {
  pageName: 'Sivu 1',
  templates: {
    'customer-journey': {
      title: 'Asiakaspolku',
      description:
        'Asiakkaan polku palvelun löytämisestä sen jättämiseen. Rivit asiakkaan toiminnalle, kosketuspisteille, kanaville, tunteille, kulissien takaiselle työlle, kipukohdille, kuiluille ja hisseille.',
    },
    'employee-journey': {
      title: 'Henkilöstöpolku',
      description:
        'Työntekijän työpäivän hetket, kukin kytkettynä asiakkaan vaiheeseen, johon se vaikuttaa: huono työntekijäkokemus näkyy asiakkaan kosketuspisteissä.',
    },
    'customer-employee': {
      title: 'Asiakas- ja henkilöstöpolku',
      description:
        'Asiakaspolku ja sen alla henkilöstöpolku vaihe vaiheelta: näet, missä kulissien takainen työ muovaa asiakkaan kokemusta.',
    },
    'gap-analysis': {
      title: 'Kuilu- ja hissianalyysi',
      description:
        'Nykytila → tavoitetila teemoittain: nimeä kuilut nykytilan ja tavoitetilan välillä ja sitten hissit, pienet ja konkreettiset teot, jotka vievät kuilun yli.',
    },
  },
  customer: {
    title: 'Asiakaspolku',
    stages: {
      discover: 'Havahtuminen',
      choose: 'Valinta',
      buy: 'Osto',
      start: 'Käyttöönotto',
      use: 'Käyttö',
      getHelp: 'Avun hakeminen',
      leave: 'Lähteminen',
    },
    lanes: {
      actions: 'Asiakkaan toiminta',
      touchpoints: 'Kosketuspisteet',
      channels: 'Kanavat',
      feelings: 'Ajatukset ja tunteet',
      backstage: 'Kulissien takana / henkilöstö',
      painPoints: 'Kipukohdat',
      gaps: 'Kuilut',
      elevators: 'Hissit',
    },
  },
  employee: {
    title: 'Henkilöstöpolku',
    stages: {
      inform: 'Palveluista kertominen',
      advise: 'Neuvonta ja tarjoukset',
      order: 'Tilauksen käsittely',
      onboard: 'Asiakkaan alkuun auttaminen',
      serve: 'Arjen palvelutyö',
      solve: 'Ongelmien ratkaiseminen',
      close: 'Asiakkuuden päättäminen',
    },
    lanes: {
      affects: 'Vaikuttaa asiakkaan vaiheeseen',
      actions: 'Työntekijän toiminta',
      tools: 'Työkalut ja järjestelmät',
      support: 'Tieto ja tuki',
      feelings: 'Ajatukset ja tunteet',
      painPoints: 'Kipukohdat',
      gaps: 'Kuilut',
      elevators: 'Hissit',
    },
  },
  analysis: {
    title: 'Kuilu- ja hissianalyysi',
    stages: {
      clarity: 'Tarjooman selkeys',
      buying: 'Ostaminen',
      gettingStarted: 'Alkuun pääseminen',
      everyday: 'Arjen palvelu',
      gettingHelp: 'Avun saaminen',
      staying: 'Asiakkaana pysyminen',
    },
    lanes: { today: 'Nykytila', target: 'Tavoitetila', gaps: 'Kuilut', elevators: 'Hissit' },
  },
  exampleGap: {
    today: 'On vaikea ymmärtää, mitä myymme ja miten sen voi ostaa.',
    target: 'Jokainen asiakas ymmärtää yhdellä silmäyksellä, mitä tarjoamme ja miten sen voi ostaa.',
  },
  exampleElevator: { action: 'Kirjoitetaan palvelukuvaukset asiakkaan omin sanoin', owner: 'Markkinointi' },
}

// Swedish as a Finland-Swedish CX team writes it; the word choices (klyfta, hiss, kontaktpunkt, skede) are explained
// at the top of the client's Swedish dictionary (client/i18n/sv/index.ts).
const sv: TemplateText = {
  pageName: 'Sida 1',
  templates: {
    'customer-journey': {
      title: 'Kundresa',
      description:
        'Kundens väg från att upptäcka tjänsten till att lämna den, med rader för kundens handlingar, kontaktpunkter, kanaler, känslor, arbetet bakom kulisserna, smärtpunkter, klyftor och hissar.',
    },
    'employee-journey': {
      title: 'Medarbetarresa',
      description:
        'Medarbetarens arbetsmoment under dagen, vart och ett kopplat till det skede i kundresan som det påverkar: en dålig medarbetarupplevelse syns i kundens kontaktpunkter.',
    },
    'customer-employee': {
      title: 'Kund- och medarbetarresa',
      description:
        'Kundresan med medarbetarresan under, skede för skede, så att ni ser var arbetet bakom kulisserna formar kundens upplevelse.',
    },
    'gap-analysis': {
      title: 'Analys av klyftor och hissar',
      description:
        'Nuläge → målläge tema för tema: namnge klyftorna mellan nuläget och målläget och sedan hissarna, små och konkreta åtgärder som tar er över dem.',
    },
  },
  customer: {
    title: 'Kundresa',
    stages: { discover: 'Upptäcka', choose: 'Välja', buy: 'Köpa', start: 'Komma igång', use: 'Använda', getHelp: 'Få hjälp', leave: 'Lämna' },
    lanes: {
      actions: 'Kundens handlingar',
      touchpoints: 'Kontaktpunkter',
      channels: 'Kanaler',
      feelings: 'Tankar och känslor',
      backstage: 'Bakom kulisserna / personal',
      painPoints: 'Smärtpunkter',
      gaps: 'Klyftor',
      elevators: 'Hissar',
    },
  },
  employee: {
    title: 'Medarbetarresa',
    stages: {
      inform: 'Berätta om vårt utbud',
      advise: 'Ge råd och erbjudanden',
      order: 'Hantera beställningen',
      onboard: 'Hjälpa kunden i gång',
      serve: 'Service i vardagen',
      solve: 'Lösa problem',
      close: 'Avsluta kundrelationen',
    },
    lanes: {
      affects: 'Påverkar kundens skede',
      actions: 'Medarbetarens handlingar',
      tools: 'Verktyg och system',
      support: 'Information och stöd',
      feelings: 'Tankar och känslor',
      painPoints: 'Smärtpunkter',
      gaps: 'Klyftor',
      elevators: 'Hissar',
    },
  },
  analysis: {
    title: 'Analys av klyftor och hissar',
    stages: {
      clarity: 'Tydligt utbud',
      buying: 'Köp',
      gettingStarted: 'Komma igång',
      everyday: 'Service i vardagen',
      gettingHelp: 'Få hjälp',
      staying: 'Förbli kund',
    },
    lanes: { today: 'Nuläge', target: 'Målläge', gaps: 'Klyftor', elevators: 'Hissar' },
  },
  exampleGap: {
    today: 'Det är svårt att förstå vad vi säljer och hur man köper det.',
    target: 'Varje kund förstår med en gång vad vi erbjuder och hur man köper det.',
  },
  exampleElevator: { action: 'Vi skriver om tjänstebeskrivningarna med kundens egna ord', owner: 'Marknadsföring' },
}

/** The words of every template, by language. */
export const templateStrings: Record<TemplateLanguage, TemplateText> = { en, fi, sv }
