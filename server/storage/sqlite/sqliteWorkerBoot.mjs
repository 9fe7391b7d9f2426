// Entry of the storage thread: a worker starts without the parent's TypeScript loader, so register it, then load the worker.
import { register } from 'tsx/esm/api'

register()
await import('./sqliteWorker.ts')
