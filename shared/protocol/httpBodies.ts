import { T } from '@tldraw/validate'
import { LANGUAGES } from '../language.js'
import { TEMPLATE_NAMES, type TemplateName } from '../templates/templates.js'

/**
 * The JSON bodies of the HTTP API, one validator each, shared by the server
 * (which refuses anything else with 400 `badRequest`) and the client (which
 * builds its requests from the same types). An empty body reads as `{}`, so
 * routes whose fields are all optional also take no body at all. Unknown
 * fields are refused: a misspelt `langauge` would otherwise pass unnoticed.
 */

/** Longest workshop title, as the form's input allows. */
export const MAX_WORKSHOP_TITLE_LENGTH = 200

const language = T.literalEnum(...LANGUAGES)
const templateName = T.setEnum<TemplateName>(new Set(TEMPLATE_NAMES))

/**
 * `POST /api/boards` and the query of `GET /new`: a blank board, or one from a
 * template, in a language. A template without one is English; a blank board
 * with one gets its page named in it ("Sivu 1"), without one no records at all.
 */
export const createBoardBody = T.object({
  template: templateName.nullable().optional(),
  language: language.optional(),
})
/** The body of `POST /api/boards`. */
export type CreateBoardBody = T.TypeOf<typeof createBoardBody>

/** `POST /api/workshops`: its title (not blank; the server stores it trimmed), the language of its boards and links, and its first board's template (a customer journey when left out). */
export const createWorkshopBody = T.object({
  title: T.string.check((title) => {
    const length = title.trim().length
    if (length === 0) throw new T.ValidationError('the title must not be blank')
    if (length > MAX_WORKSHOP_TITLE_LENGTH) throw new T.ValidationError(`the title may be at most ${MAX_WORKSHOP_TITLE_LENGTH} characters`)
  }),
  language,
  template: templateName.optional(),
})
/** The body of `POST /api/workshops`. */
export type CreateWorkshopBody = T.TypeOf<typeof createWorkshopBody>

/** `POST /api/workshops/<id>/boards`: a blank board, or one from a template in the workshop's language. */
export const addWorkshopBoardBody = T.object({
  template: templateName.nullable().optional(),
})
/** The body of `POST /api/workshops/<id>/boards`. */
export type AddWorkshopBoardBody = T.TypeOf<typeof addWorkshopBoardBody>

/** `POST /api/workshops/<id>/links/<link>/expiry`: the new expiry, epoch milliseconds. */
export const linkExpiryBody = T.object({
  expiresAt: T.number,
})
/** The body of a link's expiry call. */
export type LinkExpiryBody = T.TypeOf<typeof linkExpiryBody>

/** `…/links/<link>/revoke` and `…/rotate` take no fields: an empty body or `{}`. */
export const emptyBody = T.object({})
