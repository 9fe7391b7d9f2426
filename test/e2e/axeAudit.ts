import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** axe-core's browser bundle, read once from the exact-pinned dev dependency. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** One rule that failed on a screen, with the first elements it failed on: enough to find it without opening a browser. */
export interface AxeFinding {
  rule: string
  impact: string
  help: string
  targets: string[]
}

/** The impacts that fail the test: WCAG barriers, not advice. */
const FAILING = new Set(['serious', 'critical'])

/**
 * Runs axe-core in the page and returns its serious and critical violations.
 * The script is evaluated through the DevTools protocol, not added as a
 * <script>: our Content-Security-Policy (script-src 'self') rightly refuses
 * inline scripts, and the page under test keeps its real headers.
 */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (failing) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe
    const { violations } = await axe.run(document, { resultTypes: ['violations'] })
    return violations
      .filter((violation) => failing.includes(violation.impact ?? ''))
      .map((violation) => ({ rule: violation.id, impact: violation.impact ?? '', help: violation.help, targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }))
  }, [...FAILING])
}

/** Findings as lines a failing assertion prints: "serious color-contrast (…): .a, .b". */
export function describeFindings(findings: readonly AxeFinding[]): string[] {
  return findings.map((finding) => `${finding.impact} ${finding.rule} (${finding.help}): ${finding.targets.join(', ')}`)
}
