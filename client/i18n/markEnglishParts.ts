/**
 * tldraw's licence notice ("Get a license for production", and its tooltip),
 * shown on a deployment without a licence key. tldraw writes it in English
 * only, with no translation key, and its licence asks that the notice be kept
 * as it is, so we do not rewrite it.
 */
const ENGLISH_ONLY = '.tl-watermark_SEE-LICENSE'

function markEnglish(node: Node): void {
  if (!(node instanceof Element)) return
  if (node.matches(ENGLISH_ONLY)) node.setAttribute('lang', 'en')
  for (const part of node.querySelectorAll(ENGLISH_ONLY)) part.setAttribute('lang', 'en')
}

/**
 * Marks the parts of the page that stay English in a Finnish or Swedish UI
 * with lang="en", whenever they appear (WCAG 2.1, 3.1.2 language of parts):
 * a screen reader then reads them with an English voice instead of reading
 * English words as Finnish. Returns the function that stops watching.
 */
export function markEnglishParts(root: HTMLElement = document.body): () => void {
  markEnglish(root)
  const observer = new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(markEnglish)
  })
  observer.observe(root, { childList: true, subtree: true })
  return () => observer.disconnect()
}
