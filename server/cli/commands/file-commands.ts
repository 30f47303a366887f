/** `import` and `export`: commands on a document file (or a stored document). */
import { writeFile } from 'node:fs/promises'
import { modelFromText } from '@shared/model/derive-model'
import { exportFormats, formatById } from '@shared/formats/registry'
import { parseArgs } from '../parse-args'
import { readDocumentFile } from '../read-document-file'
import { STORAGE_OPTIONS, storageConfigOf } from '../storage-options'
import { UsageError } from '../usage-error'
import { EXIT, onePath, type Command } from '../command'

export const importCommand: Command = async (argv, io) => {
  const { positionals, options } = parseArgs(argv, [...STORAGE_OPTIONS], ['json'])
  const path = onePath(positionals, 'import')
  if (!options.json) throw new UsageError('import 目前只支持 --json 输出')
  const result = await readDocumentFile(path, storageConfigOf(options))
  if (!result.ok) {
    io.stderr(`${path}: ${result.error.message}`)
    return EXIT.badInput
  }
  io.stdout(JSON.stringify(modelFromText(result.value), null, 2))
  return EXIT.ok
}

export const exportCommand: Command = async (argv, io) => {
  const { positionals, options } = parseArgs(argv, ['format', 'out', ...STORAGE_OPTIONS], [])
  const path = onePath(positionals, 'export')
  const { format, out } = options
  if (typeof format !== 'string' || typeof out !== 'string') throw new UsageError('export 需要 --format 和 --out')
  const chosen = formatById(format)
  if (!chosen?.export) throw new UsageError(`未知导出格式 ${format}；可选：${exportFormats().map((f) => f.id).join('、')}`)
  const result = await readDocumentFile(path, storageConfigOf(options))
  if (!result.ok) {
    io.stderr(`${path}: ${result.error.message}`)
    return EXIT.badInput
  }
  try {
    await writeFile(out, await chosen.export(result.value))
  } catch (error) {
    io.stderr(`无法写入 ${out}：${(error as Error).message}`)
    return EXIT.badInput
  }
  return EXIT.ok
}
