/**
 * `npm run dev`: the real server (with the demo data directory) plus Vite
 * with hot reload in front of it, proxying /api and /sync to it.
 */
import { createServer } from 'vite'
import { DEFAULT_DATA_DIR } from './server-data'
import { seedDemo } from './demo/seed-demo'
import { startServer } from './server'

const apiPort = Number(process.env.JIXIAO_API_PORT ?? 8080)
process.env.JIXIAO_API_PORT = String(apiPort)
const dataDir = process.env.JIXIAO_DATA ?? DEFAULT_DATA_DIR
const server = await startServer({ dataDir, port: apiPort })
const logins = await seedDemo(server.data, dataDir)
const vite = await createServer({ configFile: new URL('../vite.config.ts', import.meta.url).pathname })
await vite.listen()
vite.printUrls()
for (const login of logins) console.log(`  ${login.displayName}（${login.what}）用户名 ${login.name} 密码 ${login.password}`)
