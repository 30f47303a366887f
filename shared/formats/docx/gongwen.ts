/**
 * The 公文 page every Word export shares (GB/T 9704): A4 with margins of
 * 37/35/28/26 mm, the title in 小标宋 at 二号, headings in 黑体 and 楷体 at
 * 三号, body text in 仿宋 三号 with a two-character first-line indent on
 * fixed 28-point lines.
 */
import { AlignmentType, LineRuleType, Paragraph, TextRun, type ISectionPropertiesOptions } from 'docx'

export const MM = 56.7 // twentieths of a point per millimetre
export const FONT = { title: '方正小标宋简体', heading: '黑体', subheading: '楷体_GB2312', body: '仿宋_GB2312', table: '宋体' } as const
/** Half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt. */
export const SIZE = { title: 44, body: 32, tableTitle: 28, table: 21 } as const
export const LINE = { line: 560, lineRule: LineRuleType.EXACT } // 28 pt
/** Two characters of 三号. */
export const INDENT = 640

export const PAGE: ISectionPropertiesOptions = {
  page: {
    size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
    margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
  },
}

export const textRun = (text: string, font: string, size: number, bold = false) => new TextRun({ text, font: { eastAsia: font, ascii: font, hAnsi: font }, size, bold })

/** A body paragraph: justified, indented two characters. */
export const bodyParagraph = (text: string, font: string = FONT.body): Paragraph =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: LINE, indent: { firstLine: INDENT }, children: [textRun(text, font, SIZE.body)] })
