import { useEffect, useState } from 'react'
import { useT } from './useSettings.js'

/**
 * Copies text to the clipboard and says so. The Clipboard API exists only
 * on secure pages (HTTPS or localhost); on a plain-HTTP intranet host the
 * button falls back to selecting the text in a hidden field and the
 * browser's copy command, so a link can be copied on every deployment.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Denied (no user gesture, a policy): try the fallback.
  }
  const field = document.createElement('textarea')
  field.value = text
  field.setAttribute('readonly', '')
  field.style.position = 'fixed'
  field.style.opacity = '0'
  document.body.appendChild(field)
  field.select()
  try {
    return document.execCommand('copy')
  } finally {
    field.remove()
  }
}

/** A "Copy" button that shows "Copied" for two seconds after it copied. */
export function CopyButton({ text, testId }: { text: string; testId?: string }) {
  const t = useT()
  const [isCopied, setCopied] = useState(false)
  useEffect(() => {
    if (!isCopied) return
    const timer = setTimeout(() => setCopied(false), 2_000)
    return () => clearTimeout(timer)
  }, [isCopied])
  return (
    <button type="button" className="button" data-testid={testId} onClick={() => void copyText(text).then(setCopied)}>
      {isCopied ? `✓ ${t('copied')}` : t('copy')}
    </button>
  )
}
