/**
 * Bytes of an uploaded file to text. Government files come in UTF-8 (with
 * or without BOM) or GB18030/GBK; anything else is refused with a reason.
 */
import { ImportError } from './import-error'

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportError('empty', null, '文件是空的')
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    throw new ImportError('unsupported-format', null, '这是 .docx（或其他压缩）文件；目前只能导入发布的纯文本（.txt）格式')
  }
  if (bytes.includes(0)) throw new ImportError('binary', null, '这不是文本文件（含有二进制数据）；请导入发布的 .txt 文本')
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes)
    } catch {
      // try the next encoding
    }
  }
  throw new ImportError('binary', null, '无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）')
}
