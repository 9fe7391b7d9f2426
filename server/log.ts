/** Structured log line fields: room, connection id, counts. */
export type LogFields = Record<string, string | number | boolean | undefined>

/** Where the server writes what it did; tests pass one that collects or stays silent. */
export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

/** A logger writing one JSON object per line to stdout (info) and stderr (warn, error). */
export function createJsonLogger(): Logger {
  const write = (level: string, stream: NodeJS.WriteStream) => (message: string, fields?: LogFields) => {
    stream.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n')
  }
  return { info: write('info', process.stdout), warn: write('warn', process.stderr), error: write('error', process.stderr) }
}

/** A logger that drops everything. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
