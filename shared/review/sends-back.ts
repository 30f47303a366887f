/**
 * Whether a note sends the document back — asks the department to resubmit
 * or redo its targets, in the words the drafted 审核意见 uses for a project
 * graded 中 or 差 (`GRADE_OPINION`, `opinion-text.ts`) and for its date to
 * resubmit by. Such a note is no reason to approve with: the department
 * would read "修改后重新报送" of a document the bureau approved.
 */
export const sendsBack = (note: string): boolean => /重新报送|重新编制|不得进入下一步预算安排/.test(note)
