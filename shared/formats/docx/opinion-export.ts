/**
 * The drafted 审核意见 as a Word 审核意见书 on the 公文 page (GB/T 9704):
 * the title in 小标宋 二号 centred, the addressee flush left, 一、 headings
 * in 黑体 and （一） headings in 楷体, body text in 仿宋 三号, then space
 * for the seal above 审核单位 and the date, right-aligned four characters
 * in from the margin; page numbers "— 1 —" at the foot. It lays out
 * blocks: the drafted opinion's (`opinionBlocks`) or the reviewer's edited
 * text read back (`blocksFromText`).
 */
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun, type ISectionOptions } from 'docx'
import type { OpinionBlock } from '../../checks/opinion-text'
import { bodyParagraph, FONT, INDENT, LINE, PAGE, SIZE, textRun } from './gongwen'

/** Lines left blank above the signature for the seal. */
const SEAL_LINES = 3

function paragraphOf(block: OpinionBlock): Paragraph[] {
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...LINE, after: 560 }, children: [textRun(block.text, FONT.title, SIZE.title)] })]
    case 'addressee':
      return [new Paragraph({ spacing: LINE, children: [textRun(block.text, FONT.body, SIZE.body)] })]
    case 'heading':
      return [bodyParagraph(block.text, /^[一二三四五六七八九十]+、/.test(block.text) ? FONT.heading : FONT.subheading)]
    case 'paragraph':
    case 'item':
      return [bodyParagraph(block.text)]
    case 'signature':
      return [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: LINE, indent: { right: INDENT * 2 }, children: [textRun(block.text, FONT.body, SIZE.body)] })]
  }
}

/** The 审核意见书's pages: a section of its own, so it can also follow a document in one Word file. */
export function opinionSection(blocks: readonly OpinionBlock[]): ISectionOptions {
  const firstSignature = blocks.findIndex((b) => b.kind === 'signature')
  const seal = Array.from({ length: SEAL_LINES }, () => new Paragraph({ spacing: LINE, children: [] }))
  const children = blocks.flatMap((block, i) => [...(i === firstSignature ? seal : []), ...paragraphOf(block)])
  const pageNumber = new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: { eastAsia: FONT.table, ascii: FONT.table, hAnsi: FONT.table }, size: 28 })],
  })
  return { properties: PAGE, footers: { default: new Footer({ children: [pageNumber] }) }, children }
}

export function opinionDocument(blocks: readonly OpinionBlock[]): Document {
  return new Document({
    creator: 'Jixiao 绩效',
    title: blocks.find((b) => b.kind === 'title')?.text ?? '审核意见',
    sections: [opinionSection(blocks)],
  })
}

export async function exportOpinionDocx(blocks: readonly OpinionBlock[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toArrayBuffer(opinionDocument(blocks)))
}
