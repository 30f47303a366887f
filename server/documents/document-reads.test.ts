import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { createBlank } from './document-lifecycle'
import { exportDocument } from './document-reads'
import { keepOpinion } from './review-opinion'
import { takeStep } from './workflow-steps'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

const wordText = (body: Uint8Array | string) => new TextDecoder().decode(unzipSync(body as Uint8Array)['word/document.xml']!)

describe('a Word export with the 审核意见, without HTTP', () => {
  it('carries the reviewer’s draft for the reviewer, the opinion sent for staff, and is refused before there is one', async () => {
    w = await useCaseWorld()
    const { zhang, wang } = await w.reviewedDepartment()
    const id = await createBlank(w.ports, zhang, {})
    const withOpinion = { tracked: false, withOpinion: true }

    await expect(exportDocument(w.ports, zhang, id, 'docx', withOpinion)).rejects.toMatchObject({ kind: 'unprocessable', code: 'no-opinion' })
    await takeStep(w.ports, zhang, id, 'submit', '')
    await takeStep(w.ports, wang, id, 'start-review', '')
    await keepOpinion(w.ports, wang, id, '关于政法委部门绩效目标的审核意见\n政法委：\n请细化项目 2 的成本指标。')
    const reviewerCopy = wordText((await exportDocument(w.ports, wang, id, 'docx', withOpinion)).body)
    expect(reviewerCopy).toContain('请细化项目 2 的成本指标。')
    // The document comes first, the opinion on pages after it.
    expect(reviewerCopy.indexOf('第二部分')).toBeLessThan(reviewerCopy.indexOf('请细化项目 2 的成本指标。'))
    expect(wordText((await exportDocument(w.ports, wang, id, 'docx', { tracked: false, withOpinion: false })).body)).not.toContain('请细化项目 2')

    // Staff have no draft of their own: theirs is the opinion the bureau sent with 退回修改.
    await takeStep(w.ports, wang, id, 'return', '请补充项目 3 的车辆台数。', true)
    expect(wordText((await exportDocument(w.ports, zhang, id, 'docx', withOpinion)).body)).toContain('请补充项目 3 的车辆台数。')
    await expect(exportDocument(w.ports, zhang, id, 'txt', withOpinion)).rejects.toMatchObject({ kind: 'invalid' })
  })
})
