import { describe, expect, it } from 'vitest'
import { SaveTracker } from '../../client/sync/SaveTracker.js'

describe('SaveTracker', () => {
  it('is offline until the control channel opens, then saved', () => {
    const tracker = new SaveTracker()
    expect(tracker.status).toBe('offline')
    tracker.setOnline(true)
    expect(tracker.status).toBe('saved')
  })

  it('is saving while a local clock is owed and saved once an ack covers it', () => {
    const tracker = new SaveTracker()
    tracker.setOnline(true)
    tracker.addLocal({ '7': 3 })
    tracker.addLocal({ '7': 5, '9': 1 })
    expect(tracker.status).toBe('saving')
    tracker.ack({ '7': 4, '9': 1 })
    expect(tracker.status).toBe('saving')
    tracker.ack({ '7': 5 })
    expect(tracker.status).toBe('saved')
  })

  it('keeps owed edits across going offline and settles them after reconnect', () => {
    const tracker = new SaveTracker()
    tracker.addLocal({ '1': 2 })
    expect(tracker.status).toBe('offline')
    tracker.setOnline(true)
    expect(tracker.status).toBe('saving')
    tracker.ack({ '1': 10 })
    expect(tracker.status).toBe('saved')
  })

  it('notifies subscribers on every change until unsubscribed', () => {
    const tracker = new SaveTracker()
    const seen: string[] = []
    const unsubscribe = tracker.subscribe(() => seen.push(tracker.status))
    tracker.setOnline(true)
    tracker.addLocal({ '1': 1 })
    unsubscribe()
    tracker.ack({ '1': 1 })
    expect(seen).toEqual(['saved', 'saving'])
  })
})
