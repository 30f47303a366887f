import { describe, expect, it } from 'vitest'
import { sampleText } from '../../test/support/sample'
import { goodProject } from '../../test/support/check-fixtures'
import { parsePublishedText } from '../formats/published-text/import'
import { modelFromText } from '../model/derive-model'
import type { Finding } from './finding'
import { criterionOf, draftOpinion, gradeOf, opinionText } from './review-opinion'
import { runChecks } from './run-checks'

const finding = (rule: string, severity: Finding['severity'], project: number | null = 1): Finding => ({ rule, severity, project, indicator: null, field: null, message: `${rule} ${severity}` })

describe('the drafted 审核意见', () => {
  it('grades each criterion by the written rule', () => {
    expect([gradeOf(0, 0), gradeOf(0, 4), gradeOf(0, 5), gradeOf(1, 0), gradeOf(3, 0)].map((g) => g.grade)).toEqual(['优', '良', '中', '中', '差'])
  })

  it('files each rule under the criterion it bears on', () => {
    expect(['completeness.project', 'relevance.unrelated', 'misfiled.process-measure', 'cost', 'quantification', 'dates', 'spending-plan'].map(criterionOf)).toEqual([
      '完整性', '相关性', '相关性', '适当性', '适当性', '可行性', '可行性',
    ])
  })

  it('concludes with the lowest grade; 优 and 良 pass, and changes are listed per project, required before suggested', () => {
    const text = { title: '某部门', subtitle: '2023年', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [], projects: [goodProject()] }
    const doc = modelFromText(text)
    const clean = draftOpinion(doc, [])
    expect(clean).toMatchObject({ conclusion: '优', passes: true, changes: [] })
    const opinion = draftOpinion(doc, [finding('relevance.unrelated', 'warning'), finding('dates', 'error'), finding('hygiene', 'info')])
    expect(opinion.criteria.map((c) => c.grade)).toEqual(['优', '良', '优', '中'])
    expect(opinion).toMatchObject({ conclusion: '中', passes: false })
    expect(opinion.changes).toEqual([{ project: 1, name: '项目 1：基层干部培训经费', required: ['dates error'], suggested: ['relevance.unrelated warning'] }])
  })

  it('reads on the sample as a reviewer would write it: returned, 是/否 to be fixed first', () => {
    const text = parsePublishedText(sampleText())
    const doc = modelFromText(text)
    const opinion = draftOpinion(doc, runChecks(text))
    expect(opinion.conclusion).toBe('差')
    const written = opinionText(doc, opinion)
    expect(written).toMatch(/^政法委部门2022年部门预算绩效目标审核意见/)
    expect(written).toContain('适当性：差（9 个错误，3 个及以上为差）')
    expect(written).toContain('项目 3：车辆保险费')
    expect(written.indexOf('必须修改　第 1 行：“开展政法队伍教育整顿宣传”')).toBeGreaterThan(0)
  })
})
