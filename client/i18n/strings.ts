/** UI languages; tldraw's own UI follows the same choice through its locale. */
export type Language = 'en' | 'fi'

/** Every string of our UI, in English and Finnish. */
export const strings = {
  en: {
    appTagline: 'Journey maps, gaps and elevators, together in real time.',
    newBoard: 'New board',
    recentBoards: 'Recently opened boards',
    noRecentBoards: 'No boards opened on this device yet.',
    openedAt: 'opened',
    yourName: 'Your name',
    nameHint: 'Others see this name next to your cursor.',
    save: 'Save',
    changeName: 'Change name',
    language: 'Language',
    loadingBoard: 'Opening the board…',
    boardNotFound: 'This board does not exist. Check the link, or start a new board.',
    backHome: 'Home',
    saved: 'Saved',
    saving: 'Saving…',
    offline: 'Offline — edits are kept on this device',
    quarantined: 'Some content of this board could not be shown because it is invalid:',
    defaultName: 'Participant',
    welcomeTitle: 'Welcome to the board',
  },
  fi: {
    appTagline: 'Asiakaspolut, kuilut ja hissit — yhdessä, reaaliajassa.',
    newBoard: 'Uusi taulu',
    recentBoards: 'Viimeksi avatut taulut',
    noRecentBoards: 'Tällä laitteella ei ole vielä avattu tauluja.',
    openedAt: 'avattu',
    yourName: 'Nimesi',
    nameHint: 'Muut näkevät tämän nimen kursorisi vieressä.',
    save: 'Tallenna',
    changeName: 'Vaihda nimi',
    language: 'Kieli',
    loadingBoard: 'Avataan taulua…',
    boardNotFound: 'Tätä taulua ei ole. Tarkista linkki tai aloita uusi taulu.',
    backHome: 'Etusivu',
    saved: 'Tallennettu',
    saving: 'Tallennetaan…',
    offline: 'Ei yhteyttä — muutokset säilyvät tällä laitteella',
    quarantined: 'Osaa taulun sisällöstä ei voitu näyttää, koska se on virheellistä:',
    defaultName: 'Osallistuja',
    welcomeTitle: 'Tervetuloa taululle',
  },
} as const satisfies Record<Language, Record<string, string>>

/** A key of the UI strings. */
export type StringKey = keyof (typeof strings)['en']

/** The language to start with: Finnish for a Finnish browser, else English. */
export function detectLanguage(languages: readonly string[]): Language {
  return languages.some((tag) => tag.toLowerCase().startsWith('fi')) ? 'fi' : 'en'
}
