/**
 * The empty 绩效文本 a new document starts from: every section present with
 * one empty item, and one blank target table, ready to type into.
 */
import { BLANK_PROJECT } from './build-document'
import type { DocumentText } from './document-text'

/**
 * `department` and `bureau` name the cover's 编制/审核 lines as the form
 * writes them ("政法委部门编制", "山海关区财政局审核"); '' leaves a line to type.
 */
export function emptyDocumentText(year: number, names: { department?: string; bureau?: string } = {}): DocumentText {
  return {
    title: names.department ?? '',
    subtitle: `${year}年部门预算绩效文本`,
    preparedBy: names.department ? `${names.department}编制` : '',
    reviewedBy: names.bureau ? `${names.bureau}审核` : '',
    goals: [''],
    subGoals: [{ title: '', duty: '', target: '' }],
    safeguards: [''],
    projects: [BLANK_PROJECT],
  }
}
