/**
 * `migrate --from sqlite:DIR --to postgres:URL [--to-schema NAME]`: moves a
 * deployment's data to another store and checks every document arrived
 * unchanged. Run it with the server stopped; the target must be empty.
 */
import { openStorage } from '../../storage/storage'
import { migrateStorage, TargetNotEmptyError } from '../../storage/migrate-storage'
import { EXIT, type Command } from '../command'
import { parseArgs } from '../parse-args'
import { storageConfigOfLocator } from '../storage-options'
import { UsageError } from '../usage-error'

export const migrateCommand: Command = async (argv, io) => {
  const { options } = parseArgs(argv, ['from', 'to', 'from-schema', 'to-schema'], [])
  if (typeof options.from !== 'string' || typeof options.to !== 'string') throw new UsageError('migrate 需要 --from sqlite:目录 和 --to postgres:连接地址')
  const withSchema = (config: ReturnType<typeof storageConfigOfLocator>, schema: string | true | undefined) =>
    config.kind === 'postgres' && typeof schema === 'string' ? { ...config, schema } : config
  const from = await openStorage(withSchema(storageConfigOfLocator(options.from), options['from-schema']))
  try {
    const to = await openStorage(withSchema(storageConfigOfLocator(options.to), options['to-schema']))
    try {
      const report = await migrateStorage(from, to, (line) => io.stdout(`  ${line}`))
      if (report.mismatched.length > 0) {
        io.stderr(`迁移后核对不一致的文档：${report.mismatched.join('、')}（源数据未改动）`)
        return EXIT.badInput
      }
      io.stdout(`已迁移 ${report.users} 个用户、${report.documents} 个文档、${report.versions} 个版本，到 ${to.description}；每个文档的状态已逐一核对一致。`)
      io.stdout('登录会话和访问令牌不迁移：请大家重新登录。')
      return EXIT.ok
    } catch (error) {
      if (error instanceof TargetNotEmptyError) {
        io.stderr(error.message)
        return EXIT.badInput
      }
      throw error
    } finally {
      await to.close()
    }
  } finally {
    await from.close()
  }
}
