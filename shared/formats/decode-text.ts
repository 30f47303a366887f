/**
 * Bytes of an uploaded text file to text. Government files come in UTF-8
 * (with or without BOM), GB18030/GBK, or UTF-16 (Windows Notepad's
 * "Unicode", with or without BOM). Files of another kind are named, so the
 * person knows what to do: Excel, PDF, the old binary .doc/.xls.
 */
import { ImportError } from './import-error'
import { fileKind, startsWith } from './sniff'

/** What a file that is not text is, in words a user knows, and what to do with it. */
function notText(bytes: Uint8Array): string | null {
  switch (fileKind(bytes)) {
    case 'docx':
      return '这是 Word 文档（.docx），不是纯文本：请按 Word 文档导入'
    case 'xlsx':
      return '这是 Excel 表格（.xlsx），不是纯文本：请按 Excel 表格导入'
    case 'zip':
      return '这是压缩文件（.zip），不是绩效文本：请解压后导入其中的 .docx 或 .txt 文件'
    case 'ole':
      return '这是旧版 Word/Excel 文件（.doc/.xls）：请在 Word/WPS 中另存为 .docx 后再导入'
    case 'pdf':
      return '这是 PDF 文件，无法可靠地还原其中的表格：请导入原始的 Word（.docx）或纯文本（.txt）文件'
    case 'html':
    case 'other':
      return null
  }
}

/** Share of characters a Chinese document is made of: CJK, CJK and full-width punctuation, ASCII, whitespace. */
function plausible(text: string): boolean {
  if (text.length === 0) return false
  let good = 0
  for (const ch of text) {
    const c = ch.codePointAt(0)!
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || (c >= 0x3000 && c <= 0x303f) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef) || c === 0xfeff || (c >= 0x2000 && c <= 0x206f)) good++
  }
  return good / [...text].length >= 0.9
}

const decode = (encoding: string, bytes: Uint8Array): string | null => {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ImportError('empty', null, '文件是空的')
  const kind = notText(bytes)
  if (kind) throw new ImportError('unsupported-format', null, kind)
  // TextDecoder drops a BOM of its own encoding.
  if (startsWith(bytes, [0xff, 0xfe])) return decode('utf-16le', bytes) ?? fail()
  if (startsWith(bytes, [0xfe, 0xff])) return decode('utf-16be', bytes) ?? fail()
  if (bytes.includes(0)) {
    // UTF-16 without a BOM: ASCII characters (tabs, line ends, digits) carry a zero byte.
    for (const encoding of ['utf-16le', 'utf-16be']) {
      const text = bytes.length % 2 === 0 ? decode(encoding, bytes) : null
      if (text !== null && plausible(text)) return text
    }
    throw new ImportError('binary', null, '这不是文本文件（含有二进制数据）；请导入绩效文本的 .txt 文件')
  }
  return decode('utf-8', bytes) ?? decode('gb18030', bytes) ?? fail()
}

function fail(): never {
  throw new ImportError('binary', null, '无法识别文件编码（不是 UTF-8、UTF-16 或 GBK/GB18030）')
}
