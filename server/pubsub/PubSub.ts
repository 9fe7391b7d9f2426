/**
 * News between server instances (DESIGN.md, "Several instances"): at most
 * once, never the durability path. What an instance publishes is already
 * committed; a subscriber that misses a message finds the gap by its
 * sequence number and reads the rows from the database.
 */
export interface PubSub {
  /** This instance's id, carried in every message so an instance ignores its own. */
  readonly instanceId: string
  /** Whether other instances can hear this one (false for the single-process default). */
  readonly isShared: boolean
  /** Sends bytes to every instance subscribed to the channel; fire and forget. */
  publish(channel: string, message: Uint8Array): void
  /** Hears a channel until the returned function is called. */
  subscribe(channel: string, handler: (message: Uint8Array) => void): () => void
  /** Called after the connection to the other instances came back: whatever was missed meanwhile must be read from the database. */
  onReconnect(listener: () => void): () => void
  close(): Promise<void>
}

/** The fan-out of a single process: nobody else to tell, nothing to hear. */
export function createLocalPubSub(instanceId = 'local'): PubSub {
  return {
    instanceId,
    isShared: false,
    publish: () => {},
    subscribe: () => () => {},
    onReconnect: () => () => {},
    close: async () => {},
  }
}
