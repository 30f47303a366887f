/**
 * Where a command's data lives, from its options or the environment:
 * `--store sqlite|postgres` (JIXIAO_STORE), `--data DIR` (JIXIAO_DATA) for
 * SQLite, `--database-url URL` (JIXIAO_DATABASE_URL or DATABASE_URL) for
 * PostgreSQL (and `--database-schema NAME`, JIXIAO_DATABASE_SCHEMA, to keep
 * the tables in a schema other than `public`); and for `serve`, how instances meet: `--bus local|redis`
 * (JIXIAO_BUS), `--redis-url URL` (JIXIAO_REDIS_URL or REDIS_URL), and
 * `--redis-prefix P` (JIXIAO_REDIS_PREFIX) for deployments sharing a Redis.
 */
import { DEFAULT_DATA_DIR } from '../server-data'
import type { BusConfig } from '../server'
import type { StorageConfig } from '../storage/storage'
import { UsageError } from './usage-error'

export const STORAGE_OPTIONS = ['data', 'store', 'database-url', 'database-schema'] as const
export const BUS_OPTIONS = ['bus', 'redis-url', 'redis-prefix'] as const

type Options = Record<string, string | true>

const value = (options: Options, name: string, ...envNames: string[]): string | undefined => {
  const given = options[name]
  if (typeof given === 'string') return given
  for (const env of envNames) if (process.env[env]) return process.env[env]
  return undefined
}

export function dataDirOf(options: Options): string {
  return value(options, 'data', 'JIXIAO_DATA') ?? DEFAULT_DATA_DIR
}

export function storageConfigOf(options: Options): StorageConfig {
  const store = value(options, 'store', 'JIXIAO_STORE') ?? 'sqlite'
  switch (store) {
    case 'sqlite':
      return { kind: 'sqlite', dataDir: dataDirOf(options) }
    case 'postgres': {
      const url = value(options, 'database-url', 'JIXIAO_DATABASE_URL', 'DATABASE_URL')
      if (!url) throw new UsageError('--store postgres 需要 --database-url postgres://…（或环境变量 JIXIAO_DATABASE_URL）')
      const schema = value(options, 'database-schema', 'JIXIAO_DATABASE_SCHEMA')
      return { kind: 'postgres', url, ...(schema ? { schema } : {}) }
    }
    default:
      throw new UsageError(`--store 只能是 sqlite 或 postgres：${store}`)
  }
}

export function busConfigOf(options: Options): BusConfig {
  const bus = value(options, 'bus', 'JIXIAO_BUS') ?? 'local'
  switch (bus) {
    case 'local':
      return { kind: 'local' }
    case 'redis':
      const prefix = value(options, 'redis-prefix', 'JIXIAO_REDIS_PREFIX')
      return { kind: 'redis', url: value(options, 'redis-url', 'JIXIAO_REDIS_URL', 'REDIS_URL') ?? 'redis://127.0.0.1:6379', ...(prefix ? { prefix } : {}) }
    default:
      throw new UsageError(`--bus 只能是 local 或 redis：${bus}`)
  }
}

/** `sqlite:DIR` or `postgres:URL` (a bare postgres:// URL too), as `migrate --from/--to` take them. */
export function storageConfigOfLocator(locator: string): StorageConfig {
  if (locator.startsWith('sqlite:')) return { kind: 'sqlite', dataDir: locator.slice('sqlite:'.length) || DEFAULT_DATA_DIR }
  if (/^postgres(ql)?:\/\//.test(locator)) return { kind: 'postgres', url: locator }
  if (locator.startsWith('postgres:')) return { kind: 'postgres', url: locator.slice('postgres:'.length) }
  throw new UsageError(`存储位置应写成 sqlite:目录 或 postgres:连接地址：${locator}`)
}
