/** `import` and `export`: commands on a document file (or a stored document). */
import { writeFile } from 'node:fs/promises'
import { kindOf } from '@shared/kinds/registry'
import { exportFormats, formatById } from '@shared/formats/registry'
import { yearMismatch } from '@shared/formats/import-year'
import { parseArgs } from '../parse-args'
import { readDocumentFile } from '../read-document-file'
import { STORAGE_OPTIONS, storageConfigOf } from '../storage-options'
import { UsageError } from '../usage-error'
import { EXIT, onePath, type Command } from '../command'
import { openServerData } from '../../server-data'

/**
 * `import FILE --json`: the file's model as JSON. `import FILE --into ID`:
 * the file's projects (a whole document's, or a project's form on its own)
 * added after the stored document ID's last project.
 */
export const importCommand: Command = async (argv, io) => {
  const { positionals, options } = parseArgs(argv, ['into', ...STORAGE_OPTIONS], ['json'])
  const path = onePath(positionals, 'import')
  if (!options.json && typeof options.into !== 'string') throw new UsageError('import 需要 --json（输出模型）或 --into 文档编号（把项目表加入已有文档）')
  const config = storageConfigOf(options)
  const result = await readDocumentFile(path, config)
  if (!result.ok) {
    io.stderr(`${path}: ${result.error.message}`)
    return EXIT.badInput
  }
  if (typeof options.into !== 'string') {
    io.stdout(JSON.stringify(kindOf(result.value).model(result.value), null, 2))
    return EXIT.ok
  }
  const target = options.into
  const { projects } = result.value
  if (projects.length === 0) {
    io.stderr(`${path}: 文件中没有绩效目标表`)
    return EXIT.badInput
  }
  const data = await openServerData(config)
  try {
    if (!(await data.documents.get(target))) {
      io.stderr(`没有这个文档：${target}`)
      return EXIT.badInput
    }
    const warning = yearMismatch(result.value, await data.service.text(target))
    await data.service.appendProjects(target, projects)
    io.stdout(`已把 ${projects.length} 个项目表加入文档 ${target}：${projects.map((p) => p.name).join('、')}`)
    if (warning) io.stderr(`注意：${warning}`)
    return EXIT.ok
  } finally {
    await data.close()
  }
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
  // Every kind is written in its own form (`shared/formats/document-forms.ts`).
  try {
    await writeFile(out, await chosen.export(result.value))
  } catch (error) {
    io.stderr(`无法写入 ${out}：${(error as Error).message}`)
    return EXIT.badInput
  }
  return EXIT.ok
}
