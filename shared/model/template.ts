/**
 * The empty 绩效文本 a new document starts from: every section present with
 * one empty item, and one blank target table, ready to type into.
 */
import { BLANK_PROJECT } from './build-document'
import type { DocumentText } from './document-text'

export function emptyDocumentText(year: number): DocumentText {
  return {
    title: '',
    subtitle: `${year}年部门预算绩效文本`,
    preparedBy: '',
    reviewedBy: '',
    goals: [''],
    subGoals: [{ title: '', duty: '', target: '' }],
    safeguards: [''],
    projects: [BLANK_PROJECT],
  }
}
