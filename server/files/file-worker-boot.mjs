// The file worker's entry when the server runs from its TypeScript and no
// bundle of these sources exists (server-build.ts): a worker thread starts
// without the parent's loader, so it registers tsx before loading the worker.
import { register } from 'tsx/esm/api'

register()
await import('./file-worker.ts')
