import { a11y } from './a11y.js'
import { app } from './app.js'
import { panels } from './panels.js'
import { pdf } from './pdf.js'
import { voting } from './voting.js'
import { workshop } from './workshop.js'

/**
 * The Finnish dictionary. Kuilu's own words come from Finnish CX practice:
 * kuilu (gap) and hissi (elevator), asiakaspolku (customer journey),
 * kosketuspiste (touchpoint), fasilitaattori (facilitator).
 */
export const fi = { ...app, ...panels, ...workshop, ...voting, ...pdf, ...a11y }
