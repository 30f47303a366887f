/** What kind of file some bytes are, from their first bytes and (for a zip) the names of its entries. */

export const startsWith = (bytes: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => bytes[i] === b)

/** Whether the ASCII string occurs in the bytes (a zip's entry names are stored in plain ASCII). */
export function containsAscii(bytes: Uint8Array, ascii: string): boolean {
  const first = ascii.charCodeAt(0)
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - ascii.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < ascii.length; j++) if (bytes[i + j] !== ascii.charCodeAt(j)) continue outer
    return true
  }
  return false
}

const ZIP = [0x50, 0x4b, 0x03, 0x04]

export type FileKind = 'docx' | 'xlsx' | 'zip' | 'ole' | 'pdf' | 'html' | 'other'

/** A web page: its first kilobyte opens a document, its head or a table (after a BOM and blank space). */
const looksLikeHtml = (bytes: Uint8Array) => /^(\uFEFF)?\s*<(!doctype\s+html|html|head|body|meta|table)\b/i.test(new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024)))

export function fileKind(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, ZIP)) return containsAscii(bytes, 'word/') ? 'docx' : containsAscii(bytes, 'xl/') ? 'xlsx' : 'zip'
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'ole'
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'pdf'
  if (looksLikeHtml(bytes)) return 'html'
  return 'other'
}
