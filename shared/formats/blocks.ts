/**
 * What a document file is made of once its format is read: paragraphs
 * and tables of cells. Every reader (Word, HTML) turns its file into
 * blocks, and the blocks into the published text layout for the one
 * reader of 绩效文本, so every format reads the same way.
 */

export type Block = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: string[][] }

/** The blocks as the published text layout: a line a paragraph, each cell a tab-prefixed line, rows ended by a blank line. */
export function asPublishedText(blocks: readonly Block[]): string {
  return blocks
    .flatMap((block) =>
      block.kind === 'paragraph'
        ? block.text.split('\n').flatMap((line) => [line, ''])
        : block.rows.flatMap((row) => [...row.map((cell) => `\t${cell.replace(/\s*\n\s*/g, '')}`), '']),
    )
    .join('\n')
}
