// The file worker's entry: the server runs its TypeScript through tsx
// (`npm start`, `npm run cli`, the tests), and a worker thread starts
// without the parent's loader, so it registers tsx before loading the worker.
import { register } from 'tsx/esm/api'

register()
await import('./file-worker.ts')
