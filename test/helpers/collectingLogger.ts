import type { LogFields, Logger } from '../../server/log.js'

/** One line a logger was given. */
export interface LoggedLine {
  level: 'info' | 'warn' | 'error'
  message: string
  fields?: LogFields
}

/** A logger that keeps every line, for tests that check what was said and how often. */
export function createCollectingLogger(): Logger & { lines: LoggedLine[]; count(message: string): number } {
  const lines: LoggedLine[] = []
  const keep = (level: LoggedLine['level']) => (message: string, fields?: LogFields) => void lines.push({ level, message, fields })
  return { lines, info: keep('info'), warn: keep('warn'), error: keep('error'), count: (message) => lines.filter((line) => line.message === message).length }
}
