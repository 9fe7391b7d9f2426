import { a11y } from './a11y.js'
import { app } from './app.js'
import { panels } from './panels.js'
import { pdf } from './pdf.js'
import { voting } from './voting.js'
import { workshop } from './workshop.js'

/*
 * The Swedish dictionary: Swedish as a Finland-Swedish CX team writes it,
 * often beside Finnish-speaking colleagues who say "kuilu" and "hissi".
 *
 * - Gap (kuilu): "klyfta", not the loanword "gap" nor "glapp". Klyfta is the
 *   word Swedish uses for a difference that has to be bridged ("klyftan
 *   mellan nuläge och målläge", "överbrygga klyftan", as in "den digitala
 *   klyftan"), it keeps the deep drop of the Finnish picture, and "gap" would
 *   read as untranslated English.
 *   "Glapp" is colloquial and suggests a loose fit rather than a distance.
 * - Elevator (hissi): "hiss". The method's picture is a lift across the gap;
 *   a translation by meaning ("åtgärd") would lose it and clash with the
 *   card's own "Åtgärd" field, and hiss ↔ hissi lets a bilingual room point
 *   at the same card with the same word.
 * - Crosses: "Överbryggar" (a lift bridges its klyfta).
 * - Touchpoint (kosketuspiste): "kontaktpunkt", the established Swedish
 *   service-design term; "beröringspunkt" is rarer and reads as literal.
 * - Customer / employee journey: "kundresa" and "medarbetarresa", the terms
 *   Swedish CX and HR work use; a stage is a "skede" (Finland-Swedish
 *   usage, as Finnish "vaihe"), a lane a "rad" (what it is on a grid).
 * - Today / target: "nuläge" and "målläge", the pair Swedish development
 *   work uses for current and target state.
 * - Impact / effort: "effekt" and "insats", as Swedish prioritisation
 *   matrices name them; the quadrants "snabba vinster", "stora satsningar",
 *   "utfyllnadsjobb" and "resursslukare". A score is a "bedömning".
 * - Facilitator: "facilitator" (an established Swedish word, plural
 *   facilitatorer); participant "deltagare"; viewer "åskådare".
 * - Workshop: "workshop" (Swedish, plural workshoppar), as Finland-Swedish
 *   organisations say; board "tavla"; action plan "åtgärdsplan"; due
 *   "tidsfrist", the Finland-Swedish word for määräaika.
 * Dates and numbers follow sv-FI (3.3.2025, 14.05, 4,5); a dash between
 * clauses is the Swedish spaced en dash.
 */

/** The Swedish dictionary (the note above says why its words were chosen). */
export const sv = { ...app, ...panels, ...workshop, ...voting, ...pdf, ...a11y }
