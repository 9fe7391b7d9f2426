import { geoShape } from '../helpers/geoShape.js'

/** Marker every bench shape id starts with; receivers count records by finding it in raw frames. */
export const BENCH_ID_PREFIX = 'shape:bench-'

/** A fixed-width shape id, so that no id is a prefix of another and a byte search for one is exact. */
export function benchShapeId(room: number, client: number): string {
  return `${BENCH_ID_PREFIX}r${String(room).padStart(4, '0')}-c${String(client).padStart(5, '0')}`
}

/**
 * A valid tldraw geo shape record (~350 B as JSON) that carries the time it was
 * written in `meta.t` (performance.now() of the load process), so a receiver in
 * the same process can time edit → remote apply. In the scale-out section it
 * also carries `meta.i`, the server instance its writer is connected to, so a
 * receiver can tell an update that crossed instances from one that did not.
 */
export function benchShape(id: string, x: number, y: number, t: number, instance?: number): Record<string, unknown> {
  return geoShape(id, x, y, { w: 160, h: 100, meta: instance === undefined ? { t } : { t, i: instance } })
}
