/**
 * Whether a note sends the document back — asks the department to resubmit
 * or redo its targets, in the words the drafted 审核意见 uses for a project
 * graded 中 or 差 (`GRADE_OPINION`, `opinion-text.ts`) and for its date to
 * resubmit by. Such a note is no reason to approve with: the department
 * would read "修改后重新报送" of a document the bureau approved.
 */
export const sendsBack = (note: string): boolean => SENDS_BACK.test(note.replace(/\s/g, ''))

/**
 * The ways a note asks for it: 重新报送/提交/上报/编制 said outright, or an instruction (请, 须, 应) to change
 * something and then send it (again): 请…修改后再报, 请按意见整改后提交, 请修改，然后再报送. A statement of what was
 * done (「已调整后报送的内容符合要求」) and 良's 「…协商完善后，进入下一步预算安排流程」 send nothing back.
 */
const SENDS_BACK = /重新(?:报送|提交|上报|编制)|不得进入下一步预算安排|(?:请|须|应)[^。；]{0,10}?(?:修改|整改|修正|完善|调整)[^。；]{0,12}?(?:后|然后|再)[^。；]{0,8}?(?:报送|提交|上报|报)/
