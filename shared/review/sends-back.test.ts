import { describe, expect, it } from 'vitest'
import { GRADE_OPINION } from '../checks/opinion-text'
import { sendsBack } from './sends-back'

describe('a note that sends the document back', () => {
  it('is found in the words a tryout approved with, and in the drafted opinion of a 中 or 差', () => {
    for (const note of ['同意通过。请于下周前修改后再报', '同意通过，但请根据意见修改后再次提交审核', '经研究，同意审核通过，请按审核意见整改后重新提交', '同意通过，须按意见修改后重新上报', '同意通过；请于5日内修改后报送财政局', '请修改后重 新报送', '同意通过，请重新提交', '请修改并重新提交', '请修正后重新上报', '同意通过，请修改后于5月10日前再报送', '同意通过；请修改，然后再报送', GRADE_OPINION.中, GRADE_OPINION.差]) {
      expect(sendsBack(note), note).toBe(true)
    }
  })

  it('is not found where the department goes on: 优, 良, or an approval that says what follows', () => {
    for (const note of [GRADE_OPINION.优, GRADE_OPINION.良, '经审核，同意通过。', '同意通过，绩效目标批复后作为执行监控的依据', '批注均为提示，不影响审核结论', '同意通过，已调整后报送的内容符合要求']) {
      expect(sendsBack(note), note).toBe(false)
    }
  })
})
