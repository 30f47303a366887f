import { describe, expect, it } from 'vitest'
import { activityLine } from './activity-line'

const name = (login: string | null) => ({ wangfang: '王芳', zhangwei: '张伟' })[login ?? ''] ?? login ?? '系统'

describe('activityLine', () => {
  it('says what happened in Chinese, with people by their names', () => {
    expect(activityLine({ kind: 'edits', at: 2, by: 'zhangwei', from: 1, to: 2, inserted: 12, deleted: 3 }, name)).toBe('编辑了文档：输入 12 字、删除 3 字')
    expect(activityLine({ kind: 'edits', at: 2, by: 'zhangwei', from: 1, to: 2, inserted: 0, deleted: 0 }, name)).toBe('编辑了文档')
    expect(activityLine({ kind: 'suggestions', at: 1, by: 'zhangwei', accepted: 2, rejected: 1, authors: ['wangfang'] }, name)).toBe('接受了王芳的 2 处修订，拒绝了王芳的 1 处修订')
    expect(activityLine({ kind: 'workflow', at: 1, by: 'wangfang', action: '退回修改', from: '审核中', to: '退回修改', note: '补充成本指标' }, name)).toBe('退回修改（审核中 → 退回修改）：补充成本指标')
    expect(activityLine({ kind: 'role', at: 1, by: 'zhangwei', user: 'wangfang', role: 'reviewer' }, name)).toBe('将 王芳 设为审核')
    expect(activityLine({ kind: 'created', at: 1, by: 'li', from: { docId: 'd', title: '2022年' }, cleared: ['预算数（3 个项目）'] }, name)).toBe('以「2022年」为底稿新建了本文档，已清空：预算数（3 个项目）')
    expect(activityLine({ kind: 'comment', at: 1, by: 'wangfang', action: 'created', quote: '开展宣传', text: '请量化' }, name)).toBe('发表批注「开展宣传」：请量化')
    const piece = { author: 'zhangwei', text: '≥10次', field: '指标值', project: '维稳处置' }
    expect(activityLine({ kind: 'lost', at: 1, by: 'li', cause: 'unseen', texts: [piece] }, name)).toBe('删除的内容中有其删除时未看到的修改，已随之删除：张伟写的「≥10次」（项目“维稳处置”的指标值）')
    expect(activityLine({ kind: 'lost', at: 1, by: 'zhangwei', cause: 'into-deleted', texts: [{ ...piece, field: '', project: '' }] }, name)).toBe('写的「≥10次」落在已被删除的内容中，未能保留')
    expect(activityLine({ kind: 'lost', at: 1, by: 'zhangwei', cause: 'into-deleted', texts: [{ ...piece, field: '', project: '', deletedBy: 'wangfang' }] }, name)).toBe('写的「≥10次」落在王芳删除的内容中，未能保留')
  })
})
