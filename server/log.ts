/** Structured log line fields: room, connection id, counts. */
export type LogFields = Record<string, string | number | boolean | undefined>

/** Where the server writes what it did; tests pass one that collects or stays silent. */
export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

/**
 * A logger writing one JSON object per line to stdout (info) and stderr
 * (warn, error). When a stream's reader goes away (a log collector that
 * restarts, a closed pipe), its writes fail with EPIPE: the logger stops
 * writing to that stream and the server goes on. Unhandled, the failure was
 * an uncaught exception, whose handler logged it, which failed again: the
 * process spun a core and could no longer stop on SIGTERM.
 */
export function createJsonLogger(streams: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = { out: process.stdout, err: process.stderr }): Logger {
  const broken = new Set<NodeJS.WritableStream>()
  for (const stream of new Set([streams.out, streams.err])) stream.on('error', () => broken.add(stream))
  const write = (level: string, stream: NodeJS.WritableStream) => (message: string, fields?: LogFields) => {
    if (broken.has(stream)) return
    stream.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n')
  }
  return { info: write('info', streams.out), warn: write('warn', streams.err), error: write('error', streams.err) }
}

/** A logger that drops everything. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
