/**
 * Whether a note sends the document back — asks the department to resubmit
 * or redo its targets, in the words the drafted 审核意见 uses for a project
 * graded 中 or 差 (`GRADE_OPINION`, `opinion-text.ts`) and for its date to
 * resubmit by. Such a note is no reason to approve with: the department
 * would read "修改后重新报送" of a document the bureau approved.
 */
export const sendsBack = (note: string): boolean => SENDS_BACK.test(note.replace(/\s/g, ''))

/**
 * 重新报送 and the other ways a note asks for it: 修改后再报, 整改后重新提交, 修改后重新上报, 修改后报送财政局 — a
 * change, then 后, then sending again. 良's 「协商完善后，进入下一步预算安排流程」 sends nothing back.
 */
const SENDS_BACK = /重新报送|重新编制|不得进入下一步预算安排|(?:修改|整改|完善|调整)[^。；，,]{0,8}后[^。；]{0,6}?(?:重新|再次|再)?(?:报送|提交|上报|报)/
