/** `import` and `export`: commands on a document file (or a stored document). */
import { writeFile } from 'node:fs/promises'
import { kindOf } from '@shared/kinds/registry'
import { exportFormats, formatById } from '@shared/formats/registry'
import { parseArgs } from '../parse-args'
import { documentSource, readDocumentFile } from '../read-document-file'
import { STORAGE_OPTIONS, storageConfigOf } from '../storage-options'
import { UsageError } from '../usage-error'
import { EXIT, onePath, type Command } from '../command'
import { withOperatorPorts } from '../operator-ports'
import { OPERATOR } from '../../documents/actor'
import { isSourceRefusal } from '../../documents/imported-file'
import { Refusal } from '../../documents/refusal'
import { addProjects } from '../../documents/versions-history'

/**
 * `import FILE --json`: the file's model as JSON. `import FILE --into ID`:
 * the file's projects (a whole document's, or a project's form on its own)
 * added after the stored document ID's last project — the operator's
 * `addProjects`, the use case the editor's 导入项目表 calls.
 */
export const importCommand: Command = async (argv, io) => {
  const { positionals, options } = parseArgs(argv, ['into', ...STORAGE_OPTIONS], ['json'])
  const path = onePath(positionals, 'import')
  if (!options.json && typeof options.into !== 'string') throw new UsageError('import 需要 --json（输出模型）或 --into 文档编号（把项目表加入已有文档）')
  const config = storageConfigOf(options)
  if (typeof options.into !== 'string') {
    const result = await readDocumentFile(path, config)
    if (!result.ok) {
      io.stderr(`${path}: ${result.error.message}`)
      return EXIT.badInput
    }
    io.stdout(JSON.stringify(kindOf(result.value).model(result.value), null, 2))
    // The model on stdout is the contract; what the file held that the model does not, on stderr.
    for (const warning of result.value.unread ?? []) io.stderr(`注意：${warning}`)
    return EXIT.ok
  }
  const target = options.into
  return withOperatorPorts(config, async (p) => {
    try {
      const { added, warnings } = await addProjects(p, OPERATOR, target, await documentSource(path, p))
      io.stdout(`已把 ${added.length} 个项目表加入文档 ${target}：${added.join('、')}`)
      for (const warning of warnings) io.stderr(`注意：${warning}`)
      return EXIT.ok
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
      io.stderr(isSourceRefusal(error) ? `${path}: ${error.message}` : error.message)
      return EXIT.badInput
    }
  })
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
