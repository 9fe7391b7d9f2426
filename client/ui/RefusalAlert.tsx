import { useState } from 'react'
import type { RefusalNotice } from '../sync/closeRefusal.js'
import { useReasonText, useT } from './useSettings.js'

/**
 * Tells the person what the server refused and why, in their language, until
 * they dismiss it or a newer refusal replaces it. `data-reason` carries the
 * code, so tests and styles never read the sentence.
 */
export function RefusalAlert({ refusal, testId }: { refusal: (RefusalNotice & { at: number }) | null; testId: string }) {
  const t = useT()
  const reasonText = useReasonText()
  const [dismissedAt, setDismissedAt] = useState<number | null>(null)
  if (!refusal || refusal.at === dismissedAt) return null
  return (
    <p className="notice" role="alert" data-testid={testId} data-reason={refusal.reason}>
      {t('refused')}: {reasonText(refusal)}{' '}
      <button type="button" className="button" aria-label={t('close')} onClick={() => setDismissedAt(refusal.at)}>
        ✕
      </button>
    </p>
  )
}
