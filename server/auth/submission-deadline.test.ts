import { afterEach, describe, expect, it } from 'vitest'
import { sampleBytes } from '../../support/sample'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { createImported } from '../documents/document-lifecycle'
import { documentDeadline } from '../documents/document-reads'
import { importedText } from '../documents/imported-file'
import { createLinkedDocument } from '../documents/linked-document'
import { reviewQueue } from '../documents/review-queue'
import { takeStep } from '../documents/workflow-steps'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

describe('报送截止', () => {
  it('is the targets’: a 运行监控 and a 自评 of the same year made after it are not overdue by it, in the queue or on the document', async () => {
    w = await useCaseWorld()
    const { zhang, wang, department, bureau } = await w.reviewedDepartment()
    const targets = await createImported(w.ports, zhang, await importedText(w.ports, sampleBytes()), { title: '2022年政法委绩效文本', org: department.id })
    await takeStep(w.ports, zhang, targets, 'submit', '')
    await takeStep(w.ports, wang, targets, 'start-review', '')
    await takeStep(w.ports, wang, targets, 'approve', '经审核，同意通过。')
    const monitoring = (await createLinkedDocument(w.ports, zhang, targets, { kind: 'monitoring', asOf: '6月' })).id
    const evaluation = (await createLinkedDocument(w.ports, zhang, targets, { kind: 'self-evaluation' })).id
    const year = (await w.ports.service.deadlineFacts(targets)).year!
    await w.data.orgs.setDeadline(bureau.id, year, Date.parse('2020-01-01T23:59:59+08:00'))

    const { queue } = await reviewQueue(w.ports, wang, {})
    const deadlineIn = (id: string) => queue.find((row) => row.id === id)?.deadline
    expect(deadlineIn(targets)).toEqual({ dueAt: Date.parse('2020-01-01T23:59:59+08:00'), overdue: false })
    expect(deadlineIn(monitoring)).toBeNull()
    expect(deadlineIn(evaluation)).toBeNull()
    expect(await documentDeadline(w.ports, zhang, monitoring)).toBeNull()
    expect(await documentDeadline(w.ports, zhang, evaluation)).toBeNull()
  }, 30_000)
})
