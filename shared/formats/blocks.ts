/**
 * What a document file is made of once its format is read: paragraphs
 * and tables of cells. Every reader (Word, HTML) turns its file into
 * blocks, and the blocks into the published text layout for the one
 * reader of 绩效文本, so every format reads the same way.
 */

export type Block =
  | { kind: 'paragraph'; text: string }
  /** `name`: how a person finds the table ("工作表“1.某某”"), else 表 N; `rowNumbers`: its rows' numbers there, else 1, 2, 3… */
  | { kind: 'table'; rows: string[][]; name?: string; rowNumbers?: readonly number[] }

/** The blocks as the published text, with each line's place in the file. */
export interface LaidOut {
  text: string
  placeOf: (line: number) => string
}

/** The blocks as the published text layout: a line a paragraph, each cell a tab-prefixed line, rows ended by a blank line. */
export function layOut(blocks: readonly Block[]): LaidOut {
  const lines: string[] = []
  const places: string[] = []
  let paragraphs = 0
  let tables = 0
  const push = (line: string, place: string) => {
    lines.push(line)
    places.push(place)
  }
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      paragraphs++
      for (const line of block.text.split('\n')) {
        push(line, `第 ${paragraphs} 段`)
        push('', `第 ${paragraphs} 段之后`)
      }
      continue
    }
    tables++
    const table = block.name ?? `表 ${tables}`
    block.rows.forEach((row, r) => {
      const rowPlace = `${table} › 第 ${block.rowNumbers?.[r] ?? r + 1} 行`
      row.forEach((cell, c) => push(`\t${cell.replace(/\s*\n\s*/g, '')}`, `${rowPlace} › 第 ${c + 1} 列`))
      push('', rowPlace)
    })
  }
  return { text: lines.join('\n'), placeOf: (line) => places[line - 1] ?? '末尾' }
}
