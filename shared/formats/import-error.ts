/**
 * The one error importers report: what was expected, where, in Chinese,
 * so that the person who supplied the file can fix it.
 */

export type ImportErrorCode =
  | 'unreadable' // the file could not be opened or read
  | 'empty' // nothing but whitespace
  | 'binary' // not text in any encoding we read
  | 'unsupported-format' // a format we recognise but cannot import yet
  | 'not-budget-document' // text, but not a 绩效文本
  | 'missing-section' // a required part or heading is absent
  | 'incomplete-table' // a 绩效目标表 ends before all its rows
  | 'malformed-row' // a row that is not what the layout has at that place
  | 'too-large' // past a cap of `import-limits.ts` (unpacked size, cells, text, projects)

export class ImportError extends Error {
  override readonly name = 'ImportError'

  constructor(
    readonly code: ImportErrorCode,
    /** 1-based line number in the file, or null when the problem is the whole file or the file has no lines. */
    readonly line: number | null,
    readonly detail: string,
    /** Where in a file of tables: "Word 文档 表 2 › 第 5 行 › 第 3 列". */
    readonly place: string | null = null,
  ) {
    super(line !== null ? `第 ${line} 行：${detail}` : place !== null ? `${place}：${detail}` : detail)
  }
}

/**
 * Runs a reader over text laid out from a file of tables (Word, HTML,
 * Excel), turning the line of an error into its place in that file.
 */
export function readLaidOut<T>(file: string, laid: { text: string; placeOf: (line: number) => string }, read: (text: string) => T): T {
  try {
    return read(laid.text)
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    throw new ImportError(error.code, null, error.detail, error.line === null ? file : `${file} ${laid.placeOf(error.line)}`)
  }
}

export type ImportResult<T> = { ok: true; value: T } | { ok: false; error: ImportError }

/** Runs an importer, turning its ImportError into a result; other errors are bugs and propagate. */
export function tryImport<T>(run: () => T): ImportResult<T> {
  try {
    return { ok: true, value: run() }
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error }
    throw error
  }
}
