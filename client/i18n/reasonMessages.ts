import { isReason, type Reason, type ReasonParams } from '../../shared/protocol/reasons.js'
import type { Role } from '../../shared/rules/roles.js'
import type { RoundKind } from '../../shared/rules/votingTypes.js'
import { LOCALE_TAGS, type Language } from './strings.js'

/**
 * What a person reads when the server refuses something, per reason code
 * (shared/protocol/reasons.ts), in every UI language. The type is keyed by
 * `Reason`, so a code the server adds without a message here fails to compile.
 *
 * A value the server sends beside the code (`params`) is written `{name}`
 * and always sits inside an optional `[…]` segment: when the value is
 * missing the segment is left out, so a message never shows a bare `{votes}`.
 */
export const REASON_MESSAGES: Record<Reason, Record<Language, string>> = {
  badMessage: {
    en: 'The server could not read a message from this page. Reload the page to continue.',
    fi: 'Palvelin ei pystynyt lukemaan tämän sivun viestiä. Lataa sivu uudelleen jatkaaksesi.',
    sv: 'Servern kunde inte läsa ett meddelande från den här sidan. Ladda om sidan för att fortsätta.',
  },
  invalidRecord: {
    en: 'The change holds content this board does not accept, so it was not saved.',
    fi: 'Muutoksessa on sisältöä, jota taulu ei hyväksy, joten sitä ei tallennettu.',
    sv: 'Ändringen innehåller något som tavlan inte godkänner, så den sparades inte.',
  },
  boardTooLarge: {
    en: 'This board has reached its size limit[ of {mib} MiB], so your latest change was not saved. Export it (JSON or PDF) and continue on a new board.',
    fi: 'Taulu on saavuttanut kokorajansa[ ({mib} MiB)], joten viimeisintä muutostasi ei tallennettu. Vie taulu (JSON tai PDF) ja jatka uudella taululla.',
    sv: 'Tavlan har nått sin storleksgräns[ på {mib} MiB], så din senaste ändring sparades inte. Exportera tavlan (JSON eller PDF) och fortsätt på en ny tavla.',
  },
  pendingTooLarge: {
    en: 'Too many changes were waiting for others the server has not seen. Reconnecting to sync them again.',
    fi: 'Liian moni muutos odotti muutoksia, joita palvelin ei ole saanut. Yhdistetään uudelleen ja synkronoidaan ne.',
    sv: 'För många ändringar väntade på andra ändringar som servern inte har fått. Ansluter på nytt för att synkronisera dem.',
  },
  rateLimited: {
    en: 'Too many requests in a short time. Slow down a little[ and try again in {retryAfterSeconds} s].',
    fi: 'Liian monta pyyntöä lyhyessä ajassa. Hidasta hieman[ ja yritä uudelleen {retryAfterSeconds} s kuluttua].',
    sv: 'För många förfrågningar på kort tid. Sakta ner lite[ och försök igen om {retryAfterSeconds} s].',
  },
  storageFailure: {
    en: 'The server could not save this just now. Try again in a moment.',
    fi: 'Palvelin ei pystynyt tallentamaan tätä juuri nyt. Yritä hetken kuluttua uudelleen.',
    sv: 'Servern kunde inte spara det här just nu. Försök igen om en stund.',
  },
  protocolUnsupported: {
    en: 'This page is older than the server[ (protocol {protocol})]. Reload the page.',
    fi: 'Tämä sivu on palvelinta vanhempi[ (protokolla {protocol})]. Lataa sivu uudelleen.',
    sv: 'Den här sidan är äldre än servern[ (protokoll {protocol})]. Ladda om sidan.',
  },
  boardNotFound: {
    en: 'This board does not exist. Check the link, or start a new board.',
    fi: 'Tätä taulua ei ole. Tarkista linkki tai aloita uusi taulu.',
    sv: 'Den här tavlan finns inte. Kontrollera länken eller skapa en ny tavla.',
  },
  workshopNotFound: {
    en: 'This workshop does not exist.',
    fi: 'Tätä työpajaa ei ole.',
    sv: 'Den här workshoppen finns inte.',
  },
  linkNotFound: {
    en: 'This invite link does not exist.',
    fi: 'Tätä kutsulinkkiä ei ole.',
    sv: 'Den här inbjudningslänken finns inte.',
  },
  inviteRequired: {
    en: 'This board belongs to a workshop. Open it with an invite link.',
    fi: 'Tämä taulu kuuluu työpajaan. Avaa se kutsulinkillä.',
    sv: 'Den här tavlan hör till en workshop. Öppna den med en inbjudningslänk.',
  },
  inviteInvalid: {
    en: 'This invite link is not valid for this board.',
    fi: 'Tämä kutsulinkki ei kelpaa tälle taululle.',
    sv: 'Den här inbjudningslänken gäller inte för den här tavlan.',
  },
  inviteOtherWorkshop: {
    en: 'This invite link is for another workshop.',
    fi: 'Tämä kutsulinkki on toisen työpajan.',
    sv: 'Den här inbjudningslänken hör till en annan workshop.',
  },
  inviteExpired: {
    en: 'This invite link has expired. Ask the facilitator for a new one.',
    fi: 'Tämä kutsulinkki on vanhentunut. Pyydä fasilitaattorilta uusi.',
    sv: 'Den här inbjudningslänken har gått ut. Be facilitatorn om en ny.',
  },
  inviteRevoked: {
    en: 'The facilitator has revoked this invite link. Ask for a new one.',
    fi: 'Fasilitaattori on perunut tämän kutsulinkin. Pyydä uusi.',
    sv: 'Facilitatorn har återkallat den här inbjudningslänken. Be om en ny.',
  },
  facilitatorOnly: {
    en: 'Only the facilitator can do this.',
    fi: 'Vain fasilitaattori voi tehdä tämän.',
    sv: 'Bara facilitatorn kan göra det här.',
  },
  viewerReadOnly: {
    en: 'Viewers cannot change the board.',
    fi: 'Katsojat eivät voi muuttaa taulua.',
    sv: 'Åskådare kan inte ändra tavlan.',
  },
  boardLocked: {
    en: 'The facilitator has locked the board.',
    fi: 'Fasilitaattori on lukinnut taulun.',
    sv: 'Facilitatorn har låst tavlan.',
  },
  notInWorkshop: {
    en: 'This board is not part of a workshop.',
    fi: 'Tämä taulu ei kuulu työpajaan.',
    sv: 'Den här tavlan hör inte till någon workshop.',
  },
  roundNotFound: {
    en: 'That voting round is not on this board.',
    fi: 'Tätä äänestyskierrosta ei ole tällä taululla.',
    sv: 'Den röstningsomgången finns inte på den här tavlan.',
  },
  roundClosed: {
    en: 'The round is closed.',
    fi: 'Kierros on päättynyt.',
    sv: 'Omgången är avslutad.',
  },
  roundTimeUp: {
    en: "The round's time is up.",
    fi: 'Kierroksen aika on loppunut.',
    sv: 'Omgångens tid är ute.',
  },
  roundNotRevealed: {
    en: "This round's results are not revealed yet, so the board cannot show them.",
    fi: 'Tämän kierroksen tuloksia ei ole vielä paljastettu, joten taulu ei voi näyttää niitä.',
    sv: 'Resultaten av den här omgången har inte visats ännu, så tavlan kan inte visa dem.',
  },
  roundKindMismatch: {
    en: 'This round does not take this kind of ballot[: it collects {kind}].',
    fi: 'Tämä kierros ei ota vastaan tällaista ääntä[: siinä kerätään {kind}].',
    sv: 'Den här omgången tar inte emot den här sortens röst[: den samlar in {kind}].',
  },
  roleCannotVote: {
    en: 'Your role[ ({role})] cannot vote.',
    fi: 'Roolisi[ ({role})] ei voi äänestää.',
    sv: 'Din roll[ ({role})] kan inte rösta.',
  },
  cardNotInRound: {
    en: 'This card is not part of the round.',
    fi: 'Tämä kortti ei ole mukana kierroksella.',
    sv: 'Det här kortet ingår inte i omgången.',
  },
  voteBudgetUsed: {
    en: 'You have used all your votes[ ({votes})]. Take one back to vote for another card.',
    fi: 'Olet käyttänyt kaikki äänesi[ ({votes})]. Peru jokin äänistäsi, jos haluat äänestää toista korttia.',
    sv: 'Du har använt alla dina röster[ ({votes})]. Ta tillbaka en röst om du vill rösta på ett annat kort.',
  },
  cardVoteCapReached: {
    en: 'You have put the most votes allowed on this card[ ({votes})].',
    fi: 'Olet antanut tälle kortille enimmäismäärän ääniä[ ({votes})].',
    sv: 'Du har gett det här kortet så många röster som tillåts[ ({votes})].',
  },
  noVoteToWithdraw: {
    en: 'You have no vote on this card to take back.',
    fi: 'Sinulla ei ole tälle kortille ääntä, jonka voisit perua.',
    sv: 'Du har ingen röst på det här kortet att ta tillbaka.',
  },
  invalidSettings: {
    en: 'The round settings are not valid.',
    fi: 'Kierroksen asetukset eivät kelpaa.',
    sv: 'Omgångens inställningar är inte giltiga.',
  },
  invalidScore: {
    en: 'The score is not valid.',
    fi: 'Arvio ei kelpaa.',
    sv: 'Bedömningen är inte giltig.',
  },
  badRequest: {
    en: 'The request was not valid.',
    fi: 'Pyyntö ei kelpaa.',
    sv: 'Förfrågan var inte giltig.',
  },
  bodyTooLarge: {
    en: 'The file or request is too large[ (at most {limit} bytes)].',
    fi: 'Tiedosto tai pyyntö on liian suuri[ (enintään {limit} tavua)].',
    sv: 'Filen eller förfrågan är för stor[ (högst {limit} byte)].',
  },
  notFound: {
    en: 'Not found.',
    fi: 'Ei löytynyt.',
    sv: 'Hittades inte.',
  },
  methodNotAllowed: {
    en: 'This action is not allowed here.',
    fi: 'Toimintoa ei sallita täällä.',
    sv: 'Den här åtgärden är inte tillåten här.',
  },
  clientNotBuilt: {
    en: 'The app has not been built on the server.',
    fi: 'Sovellusta ei ole koottu palvelimella.',
    sv: 'Appen har inte byggts på servern.',
  },
  internal: {
    en: 'Something went wrong on the server.',
    fi: 'Palvelimella tapahtui virhe.',
    sv: 'Något gick fel på servern.',
  },
}

/** Words a param stands for in a sentence: a role or a round kind, in each language. */
const PARAM_WORDS: { role: Record<Role, Record<Language, string>>; kind: Record<RoundKind, Record<Language, string>> } = {
  role: {
    facilitator: { en: 'facilitator', fi: 'fasilitaattori', sv: 'facilitator' },
    participant: { en: 'participant', fi: 'osallistuja', sv: 'deltagare' },
    viewer: { en: 'viewer', fi: 'katsoja', sv: 'åskådare' },
  },
  kind: {
    vote: { en: 'votes', fi: 'ääniä', sv: 'röster' },
    score: { en: 'impact and effort scores', fi: 'vaikutus- ja työmääräarvioita', sv: 'bedömningar av effekt och insats' },
  },
}

/** One param as the sentence reads it: a translated word, a number in the language's format, or the value as sent. */
function paramText(language: Language, name: string, value: string | number): string {
  if (typeof value === 'number') return new Intl.NumberFormat(LOCALE_TAGS[language]).format(value)
  const words = (PARAM_WORDS as Record<string, Record<string, Record<Language, string>> | undefined>)[name]
  return words && Object.prototype.hasOwnProperty.call(words, value) ? words[value][language] : value
}

/** Fills a message's `[…{name}…]` segments from params, leaving out each segment whose value is missing. */
export function fillMessage(template: string, values: Record<string, string>): string {
  return template.replace(/\[([^\]]*)\]/g, (_segment, inner: string) => {
    const names = [...inner.matchAll(/\{(\w+)\}/g)].map((match) => match[1])
    if (!names.every((name) => Object.prototype.hasOwnProperty.call(values, name))) return ''
    return inner.replace(/\{(\w+)\}/g, (_name, name: string) => values[name])
  })
}

/** For a code from a newer server than this page knows: still a sentence, never the code. */
const UNKNOWN_REASON: Record<Language, string> = { en: 'The server refused this.', fi: 'Palvelin ei hyväksynyt tätä.', sv: 'Servern godkände inte det här.' }

/** The sentence a person reads for a refusal, in their language, with the server's values filled in. */
export function reasonMessage(language: Language, reason: Reason, params?: ReasonParams | null): string {
  if (!isReason(reason)) return UNKNOWN_REASON[language]
  const values = Object.fromEntries(Object.entries(params ?? {}).map(([name, value]) => [name, paramText(language, name, value)]))
  return fillMessage(REASON_MESSAGES[reason][language], values)
}
