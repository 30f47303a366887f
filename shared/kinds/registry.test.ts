import { describe, expect, it } from 'vitest'
import { DOCUMENT_KINDS } from '../model/document-kind'
import { KINDS, kindOf } from './registry'

describe('document kinds', () => {
  it('has one entry per kind, named for it', () => {
    expect(Object.keys(KINDS).sort()).toEqual([...DOCUMENT_KINDS].sort())
    for (const kind of DOCUMENT_KINDS) expect(KINDS[kind].id).toBe(kind)
  })

  it('a document without a kind is a targets document, as every one made before kinds', () => {
    const text = { title: '', subtitle: '', preparedBy: '', reviewedBy: '', goals: [], subGoals: [], safeguards: [], projects: [] }
    expect(kindOf(text).id).toBe('targets')
    expect(kindOf(text).model(text).kind).toBe('targets')
    const evaluation = { ...text, kind: 'self-evaluation' as const }
    expect(kindOf(evaluation).model(evaluation).kind).toBe('self-evaluation')
    const monitoring = { ...text, kind: 'monitoring' as const }
    expect(kindOf(monitoring).model(monitoring).kind).toBe('monitoring')
  })
})
