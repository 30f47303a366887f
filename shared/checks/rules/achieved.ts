/**
 * A 自评 says what was done: 年度总体目标's 实际完成情况 left empty (or lost
 * where a web page ran it into the 预期目标) leaves the reviewer nothing to
 * compare the goal with.
 */
import { findingsFor, type SelfEvaluationRule } from '../rule'

export const achievedEmpty: SelfEvaluationRule = {
  id: 'self-evaluation.achieved',
  check({ model, number: project }) {
    return model.achieved.trim() === '' ? [findingsFor(this.id, project).error('年度总体目标的“实际完成情况”未填写：应对照预期目标写明全年实际完成了什么')] : []
  },
}
