import { afterEach, describe, expect, it } from 'vitest'
import { useCaseWorld, type UseCaseWorld } from '../../test/support/use-case-ports'
import { createBlank } from './document-lifecycle'
import { keepOpinion, readOpinion } from './review-opinion'
import { takeStep } from './workflow-steps'

let w: UseCaseWorld
afterEach(async () => {
  await w?.close()
})

describe('the reviewer’s drafted 审核意见, without HTTP', () => {
  it('outlives every step that does not use it; the step that takes it as its note clears it; a new round starts empty', async () => {
    w = await useCaseWorld()
    const { zhang, wang } = await w.reviewedDepartment()
    const id = await createBlank(w.ports, zhang, {})
    await takeStep(w.ports, zhang, id, 'submit', '')

    const opinion = `审核结论：中\n${'请细化成本指标。'.repeat(190)}`
    await keepOpinion(w.ports, wang, id, opinion)
    await takeStep(w.ports, wang, id, 'start-review', '')
    expect((await readOpinion(w.ports, wang, id))?.text).toBe(opinion)
    await expect(readOpinion(w.ports, zhang, id)).rejects.toMatchObject({ kind: 'forbidden' })
    await expect(keepOpinion(w.ports, zhang, id, '编制人员写的')).rejects.toMatchObject({ kind: 'forbidden' })

    // A refused step leaves it; the step that used it clears it.
    await expect(takeStep(w.ports, wang, id, 'submit', opinion, true)).rejects.toMatchObject({ kind: 'conflict' })
    expect((await readOpinion(w.ports, wang, id))?.text).toBe(opinion)
    await takeStep(w.ports, wang, id, 'return', opinion, true)
    expect(await readOpinion(w.ports, wang, id)).toBeNull()

    // The next round's draft is its own.
    await keepOpinion(w.ports, wang, id, '第二轮')
    await takeStep(w.ports, zhang, id, 'submit', '')
    expect(await readOpinion(w.ports, wang, id)).toBeNull()
  })
})
