import { a11y } from './a11y.js'
import { app } from './app.js'
import { panels } from './panels.js'
import { pdf } from './pdf.js'
import { voting } from './voting.js'
import { workshop } from './workshop.js'

/** The English dictionary, area by area; its keys, the PDF's included, are the keys every language must have. */
export const en = { ...app, ...panels, ...workshop, ...voting, ...pdf, ...a11y }

/** The areas one by one, so a test can check that no two define the same key (a spread would hide it). */
export const enAreas = { app, panels, workshop, voting, pdf, a11y }
