/**
 * The words a 监控表's choice columns take (财预〔2019〕136号 附件): the
 * 完成目标可能性 and the 偏差原因 — one list, read by the model, the form
 * layouts and reader, the checks and the editor's pickers alike.
 */

/** 完成目标可能性, by what each says. */
export const LIKELIHOOD = { certain: '确定能', possible: '有可能', impossible: '完全不可能' } as const
/** 完成目标可能性, in the form's order. */
export const LIKELIHOODS = [LIKELIHOOD.certain, LIKELIHOOD.possible, LIKELIHOOD.impossible] as const
/** 偏差原因, in the form's order. */
export const CAUSES = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'] as const
