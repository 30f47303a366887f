/**
 * A running Jixiao server: HTTP API and WebSocket sync on one port, over
 * one storage (a SQLite data directory by default, or PostgreSQL) and one
 * bus (in-process by default, or Redis between instances). `close()` shuts
 * down gracefully: stop accepting, close every socket with "going away",
 * save and unload every document, close the bus and the database.
 */
import { NotificationFeed } from './notifications/notification-feed'
import { Notifier } from './notifications/notifier'
import type { ActivityEntry } from './storage/document-log'
import { createAdaptorServer } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { Authenticator } from './auth/authenticate'
import { LocalBus, type LocalBusHub } from './bus/local-bus'
import { PeerWatch } from './bus/peer-watch'
import { RedisBus } from './bus/redis-bus'
import type { RoomBus } from './bus/room-bus'
import { openServerData, type ServerData } from './server-data'
import type { StorageConfig } from './storage/storage'
import { lockDataDir } from './storage/sqlite/data-dir-lock'
import { PortInUseError } from './port-in-use'
import { ShownNames } from './auth/shown-names'
import { createApp } from './http/app'
import { DEFAULT_READING_WORKER_LIMITS, FilesBusyError, FileWorkers, type FileWorkerLimits } from './files/file-workers'
import { offThread } from './files/stored-document-readings'
import { offThreadFold } from './storage/fold'
import { DEFAULT_GUARD, type RequestGuardOptions } from './http/request-guard'
import { syncUpgrades } from './http/sync-upgrade'
import { log } from './log'
import { Metrics } from './metrics'
import { DEFAULT_RELAY_OPTIONS, Relay, type RelayOptions } from './relay/relay'
import { asReviewerPolicy, makeUpdatePolicy } from './relay/update-policy'
import { checkReviewerUpdate } from '@shared/review/reviewer-rule'

/** How instances reach each other: nobody (one instance), in-process (tests), or Redis. */
export type BusConfig = { kind: 'local'; hub?: LocalBusHub } | { kind: 'redis'; url: string; prefix?: string }

export interface ServerOptions {
  /** Where data lives; a SQLite data directory unless `store` says otherwise. */
  dataDir: string
  store?: StorageConfig
  bus?: BusConfig
  port: number
  host?: string
  /** Largest WebSocket frame accepted; larger ones close the socket with 1009. */
  maxFrameBytes?: number
  relay?: Partial<RelayOptions>
  /** How often dead connections are looked for (ping/pong). */
  heartbeatMs?: number
  /** How often open connections are checked against the stored roles (changes made by the CLI). */
  roleCheckMs?: number
  /** Other origins allowed to call the API (behind a reverse proxy), and whether to trust its forwarded headers. */
  guard?: Partial<RequestGuardOptions>
  /** A bearer token that opens /metrics to other machines. */
  metricsToken?: string
  /** How long a client may take to send a request's headers (default 10 s). */
  headersTimeoutMs?: number
  /** How uploaded files are read and exports written: workers, their heap and time limits. */
  files?: FileWorkerLimits
}

/** Environment settings for a server behind a reverse proxy (documented in SECURITY.md). */
export function guardFromEnvironment(env: NodeJS.ProcessEnv = process.env): Pick<ServerOptions, 'guard' | 'metricsToken'> {
  return {
    guard: {
      allowedOrigins: (env.JIXIAO_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      trustProxy: env.JIXIAO_TRUST_PROXY === '1',
    },
    ...(env.JIXIAO_METRICS_TOKEN ? { metricsToken: env.JIXIAO_METRICS_TOKEN } : {}),
  }
}

/** Open sockets at most (HTTP and WebSocket): past it new connections are refused at once, before the fd limit. */
const MAX_SOCKETS = 5000
/** How long an idle HTTP connection is kept: longer than a fronting proxy's usual upstream keep-alive (nginx: 60 s). */
const KEEP_ALIVE_MS = 65_000

/** How often an instance says on the bus that it runs; three missed beats and the others catch up from storage. */
const HEARTBEAT_MS = 2_000

/** With several instances, an open document that has not caught up from storage for this long does (checked twice as often). */
const CATCH_UP_MS = 30_000

export interface RunningServer {
  url: string
  port: number
  data: ServerData
  bus: RoomBus
  relay: Relay
  metrics: Metrics
  notifier: Notifier
  close(): Promise<void>
}

export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024

/** Throws DataDirLockedError when another server serves the same SQLite data directory. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const store = options.store ?? { kind: 'sqlite', dataDir: options.dataDir }
  const lock = store.kind === 'sqlite' ? lockDataDir(store.dataDir) : undefined
  let data: ServerData
  let bus: RoomBus
  // Large documents are read (checked, summarised) in workers: a second of work at the project limit.
  const readings = new FileWorkers(DEFAULT_READING_WORKER_LIMITS)
  try {
    data = await openServerData(store, offThread(readings))
  } catch (error) {
    lock?.release()
    throw error
  }
  try {
    bus = await openBus(options.bus ?? { kind: 'local' })
  } catch (error) {
    await data.close()
    lock?.release()
    throw error
  }
  const metrics = new Metrics()
  const reviewerRule = asReviewerPolicy(({ trial, incoming, userName }) => checkReviewerUpdate(trial, incoming.update, userName))
  const auth = new Authenticator(data.secret, data.accounts, data.documents, data.permissions, new ShownNames(data.accounts, data.orgs))
  const access = { roleOf: (docId: string, userId: number) => data.permissions.roleOf(docId, userId), stillValid: auth.stillValid.bind(auth) }
  const feed = new NotificationFeed(bus)
  const notifier = new Notifier(data, feed)
  const onActivity = (docId: string, activity: ActivityEntry[]) => void notifier.activity(docId, activity)
  // A large log is folded in a reading worker: at the project limit, hundreds of milliseconds of everyone's event loop.
  const fold = offThreadFold(readings, (error) => error instanceof FilesBusyError)
  const relay = new Relay({ log: data.documents, bus, access, onActivity, fold }, makeUpdatePolicy(reviewerRule), metrics, { ...DEFAULT_RELAY_OPTIONS, ...options.relay })
  const guard: RequestGuardOptions = { ...DEFAULT_GUARD, ...options.guard }
  const files = new FileWorkers(options.files)
  const app = createApp({ ...data, auth, relay, metrics, guard, notifier, feed, files, metricsToken: options.metricsToken })

  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES })
  // Half-open requests (headers never finished, bodies trickling) are cut off instead of holding sockets.
  const headersTimeout = options.headersTimeoutMs ?? 10_000
  const serverOptions = { headersTimeout, requestTimeout: 120_000, connectionsCheckingInterval: Math.min(1_000, headersTimeout) }
  const server = createAdaptorServer({ fetch: app.fetch, serverOptions }) as import('node:http').Server
  server.on('upgrade', syncUpgrades(relay, auth, metrics, guard, wss))
  server.maxConnections = MAX_SOCKETS
  // An idle keep-alive connection is closed after this; a client that reuses it at that moment gets a reset.
  // Browsers resend, scripted clients (and a proxy's pool) do not: Node's 5 s made that race common (a test's
  // POST failed with ECONNRESET); idle sockets still count against MAX_SOCKETS.
  server.keepAliveTimeout = KEEP_ALIVE_MS
  const heartbeat = startHeartbeat(wss, options.heartbeatMs ?? 30_000)
  const roleCheck = setInterval(() => {
    // Roles first: a removed user's sockets close as forbidden (for good), not as logged out (which retries).
    relay
      .reconcileRoles()
      .then(() => relay.closeUnauthenticated())
      .catch((error: Error) => log('error', 'access-check-failed', { error: error.message }))
  }, options.roleCheckMs ?? 5_000)
  roleCheck.unref()
  const noticeSweep = setInterval(() => void notifier.sweep(Date.now()), 10_000)
  noticeSweep.unref()
  void notifier.sweep(Date.now())
  const stopCatchingUp = bus.shared ? catchUpFromStorage(bus, relay) : () => {}

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      clearInterval(heartbeat)
      clearInterval(roleCheck)
      clearInterval(noticeSweep)
      stopCatchingUp()
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      await relay.shutdown()
      for (const ws of wss.clients) ws.terminate()
      // Keep-alive HTTP connections would hold close() open.
      ;(server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.()
      await stopped
      await files.close()
      await readings.close()
      await bus.close()
      await data.close()
      lock?.release()
    })())

  const listenOn = options.host ?? '127.0.0.1'
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, listenOn, () => resolve())
    })
  } catch (error) {
    // Nothing opened above may outlive a server that never listened (the data directory's lock least of all).
    await close()
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new PortInUseError(listenOn, options.port) : error
  }
  const { port } = server.address() as AddressInfo
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, data, bus, relay, metrics, notifier, close }
}

async function openBus(config: BusConfig): Promise<RoomBus> {
  switch (config.kind) {
    case 'local':
      return new LocalBus(config.hub)
    case 'redis':
      return RedisBus.connect({ url: config.url, ...(config.prefix ? { prefix: config.prefix } : {}) })
  }
}

/**
 * With several instances, rooms catch up from storage when another
 * instance falls silent (it may have died between storing and publishing)
 * and, as a slower net, when they have not for `CATCH_UP_MS`: an instance cut
 * off from the bus but not from storage stores what nobody hears. The
 * first beat goes out at once, before this instance takes a connection:
 * an instance that stored anything was heard at least once.
 */
function catchUpFromStorage(bus: RoomBus, relay: Relay): () => void {
  const catchUp = (ms: number) => relay.catchUpRooms(ms).catch((error: Error) => log('error', 'catch-up-failed', { error: error.message }))
  const peers = new PeerWatch(3 * HEARTBEAT_MS)
  bus.onDeployment((message, from) => {
    if (message.kind === 'alive') peers.heard(from, Date.now())
  })
  const beat = () => {
    bus.publishDeployment({ kind: 'alive' }).catch((error: Error) => log('warn', 'bus-publish-failed', { error: error.message }))
    const silent = peers.fallenSilent(Date.now())
    if (silent.length === 0) return
    log('warn', 'instance-silent', { instances: silent.length })
    void catchUp(0)
  }
  beat()
  const heartbeat = setInterval(beat, HEARTBEAT_MS)
  const periodic = setInterval(() => void catchUp(CATCH_UP_MS), CATCH_UP_MS / 2)
  heartbeat.unref()
  periodic.unref()
  return () => {
    clearInterval(heartbeat)
    clearInterval(periodic)
  }
}

/** Terminates sockets that did not answer the last ping: dead TCP connections never close by themselves. */
function startHeartbeat(wss: WebSocketServer, everyMs: number): ReturnType<typeof setInterval> {
  const alive = new WeakMap<WebSocket, boolean>()
  wss.on('connection', (ws) => {
    alive.set(ws, true)
    ws.on('pong', () => alive.set(ws, true))
  })
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate()
        continue
      }
      alive.set(ws, false)
      ws.ping()
    }
  }, everyMs)
  timer.unref()
  return timer
}
