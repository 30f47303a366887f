/**
 * Text with line breaks made into one line, for a field that holds one
 * line of text (every field of a 绩效文本 does): a break between two
 * Chinese characters was the page's, so the halves join directly; between
 * other text it becomes a space. Tabs and runs of spaces become one space.
 */

/** Han characters and full-width punctuation: no space is written between them. */
const WIDE = /[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]/

export function joinLines(text: string): string {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\t \u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
  return lines.reduce((joined, line) => {
    if (joined === '') return line
    return WIDE.test(joined.at(-1)!) || WIDE.test(line[0]!) ? joined + line : `${joined} ${line}`
  }, '')
}
