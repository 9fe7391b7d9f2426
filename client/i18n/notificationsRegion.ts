import { useSettings } from '../ui/useSettings.js'
import { strings } from './strings.js'

const VIEWPORT = '.tlui-toast__viewport'

/**
 * tldraw's notices region (Radix's toast viewport) is named "Notifications
 * (F8)" in English whatever the language, with no translation key. Names it
 * from our dictionary when it appears and when the language changes. React
 * leaves the attribute alone after that, since its own prop never changes.
 * Only added elements are looked at: the canvas changes the page on every
 * frame, and a search of the whole page on each change would cost that much
 * more. Returns the function that stops watching.
 */
export function nameNotificationsRegion(root: HTMLElement = document.body): () => void {
  const name = (viewport: Element) => {
    const region = viewport.closest('[role="region"]')
    const label = strings[useSettings.getState().language].notificationsRegion
    if (region && region.getAttribute('aria-label') !== label) region.setAttribute('aria-label', label)
  }
  const nameWithin = (node: Node) => {
    if (!(node instanceof Element)) return
    if (node.matches(VIEWPORT)) name(node)
    else if (node.firstElementChild) node.querySelectorAll(VIEWPORT).forEach(name)
  }
  nameWithin(root)
  const observer = new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(nameWithin)
  })
  observer.observe(root, { childList: true, subtree: true })
  const unsubscribe = useSettings.subscribe(() => nameWithin(root))
  return () => {
    observer.disconnect()
    unsubscribe()
  }
}
