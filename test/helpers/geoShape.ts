/** A valid tldraw geo shape record, for tests and the bench that write records straight into the doc. */
export function geoShape(id: string, x = 0, y = 0, options: { w?: number; h?: number; meta?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    x,
    y,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: options.meta ?? {},
    props: {
      geo: 'rectangle', w: options.w ?? 100, h: options.h ?? 100, color: 'black', labelColor: 'black', fill: 'none', dash: 'draw', size: 'm',
      font: 'draw', align: 'middle', verticalAlign: 'middle', growY: 0, url: '', scale: 1, flipX: false, flipY: false,
      richText: { type: 'doc', content: [] },
    },
  }
}
