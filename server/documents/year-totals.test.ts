import { describe, expect, it } from 'vitest'
import { countedTargets, yearTotals, type TargetsRow } from './year-totals'

const row = (id: string, over: Partial<TargetsRow> = {}): TargetsRow => ({ department: '政法委', id, title: id, year: 2022, status: '编制中', lastChange: 1, total: 100, leftOut: 0, approvedAt: null, ...over })

describe('one targets document per department and year', () => {
  it('counts the approved one, not an imported copy changed later', () => {
    const rows = [row('approved', { status: '审核通过', approvedAt: 5, total: 123.85 }), row('copy', { lastChange: 9, total: 123.85 })]
    expect([...countedTargets(rows)]).toEqual(['approved'])
    expect(yearTotals(rows)).toEqual([{ year: '2022', total: 123.85, documents: 1, approved: 1, projectsLeftOut: 0, leftOut: [{ department: '政法委', id: 'copy', title: 'copy', countedId: 'approved', countedTitle: 'approved' }] }])
  })

  it('without an approved one counts the furthest along, then the last changed', () => {
    expect([...countedTargets([row('draft', { lastChange: 9 }), row('submitted', { status: '已报送' })])]).toEqual(['submitted'])
    expect([...countedTargets([row('older'), row('newer', { lastChange: 2 })])]).toEqual(['newer'])
  })

  it('adds different departments and keeps years apart', () => {
    const totals = yearTotals([row('a', { total: 1.1, leftOut: 1 }), row('b', { department: '教育局', total: 2.2 }), row('c', { year: 2023, total: 5 }), row('a-copy', { total: 9, leftOut: 4 })])
    expect(totals).toEqual([
      // The projects a counted document's total could not read are added up; a left-out document's are not.
      { year: '2022', total: 3.3, documents: 2, approved: 0, projectsLeftOut: 1, leftOut: [{ department: '政法委', id: 'a-copy', title: 'a-copy', countedId: 'a', countedTitle: 'a' }] },
      { year: '2023', total: 5, documents: 1, approved: 0, projectsLeftOut: 0, leftOut: [] },
    ])
  })

  it('adds to the 0.01 元 the totals are kept in, not to 0.01 万元', () => {
    expect(yearTotals([row('a', { total: 18.509 }), row('b', { department: '教育局', total: 0.0004 })])[0]!.total).toBe(18.5094)
  })
})
