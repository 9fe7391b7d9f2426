import { useSettings } from '../ui/useSettings.js'
import { strings } from './strings.js'

/**
 * tldraw's notices region (Radix's toast viewport) is named "Notifications
 * (F8)" in English whatever the language, with no translation key. Names it
 * from our dictionary whenever it appears and when the language changes.
 * React leaves the attribute alone after that, since its own prop never
 * changes. Returns the function that stops watching.
 */
export function nameNotificationsRegion(root: HTMLElement = document.body): () => void {
  const rename = () => {
    const label = strings[useSettings.getState().language].notificationsRegion
    for (const viewport of root.querySelectorAll('.tlui-toast__viewport')) {
      const region = viewport.closest('[role="region"]')
      if (region && region.getAttribute('aria-label') !== label) region.setAttribute('aria-label', label)
    }
  }
  rename()
  const observer = new MutationObserver(rename)
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] })
  const unsubscribe = useSettings.subscribe(rename)
  return () => {
    observer.disconnect()
    unsubscribe()
  }
}
