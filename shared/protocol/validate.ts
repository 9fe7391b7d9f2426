import type { T } from '@tldraw/validate'
import type { Result } from '../result.js'

/** Runs a @tldraw/validate validator and turns its exception into a refusal with `reason` and the validator's path in `detail`. */
export function check<V>(validator: T.Validatable<V>, value: unknown, reason: 'badMessage' | 'badRequest' | 'invalidSettings' = 'badRequest'): Result<V> {
  try {
    return { ok: true, value: validator.validate(value) }
  } catch (error) {
    return { ok: false, reason, detail: error instanceof Error ? error.message : String(error) }
  }
}

/** Parses JSON text without throwing. */
export function parseJson(text: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, reason: 'badMessage', detail: `not JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
}
