/** One line of the activity log, in Chinese, as the history panel shows it. */
import { lostPlace, type ActivityView } from '@shared/history/activity'
import { ROLE_LABEL } from '@shared/protocol/role'

const COMMENT_ACTION = { created: '发表批注', replied: '回复批注', resolved: '解决了批注', reopened: '重新打开批注' } as const

export function activityLine(a: ActivityView, name: (login: string | null) => string): string {
  switch (a.kind) {
    case 'edits':
      // No text typed or deleted: a 一级 chosen, a figure's record, a 截至月份 — an edit all the same, of no characters to count.
      if (a.inserted === 0 && a.deleted === 0) return '编辑了文档'
      return `编辑了文档：输入 ${a.inserted} 字${a.deleted > 0 ? `、删除 ${a.deleted} 字` : ''}`
    case 'workflow':
      return `${a.action}（${a.from} → ${a.to}）${a.note ? `：${a.note}` : ''}`
    case 'comment':
      return `${COMMENT_ACTION[a.action]}「${a.quote}」${a.text ? `：${a.text}` : ''}`
    case 'suggestions': {
      const whose = a.authors.map(name).join('、')
      return [a.accepted > 0 ? `接受了${whose}的 ${a.accepted} 处修订` : '', a.rejected > 0 ? `拒绝了${whose}的 ${a.rejected} 处修订` : ''].filter(Boolean).join('，')
    }
    case 'version':
      return `保存版本「${a.name}」`
    case 'restore':
      return a.project ? `将项目「${a.project}」恢复到版本「${a.name}」` : `恢复到版本「${a.name}」`
    case 'role':
      return a.role ? `将 ${name(a.user)} 设为${ROLE_LABEL[a.role]}` : `取消了 ${name(a.user)} 的权限`
    case 'refused':
      return `的修改未被接受：${a.reason}`
    case 'lost': {
      const pieces = a.texts.map((t) => `${a.cause === 'unseen' ? `${name(t.author)}写的` : ''}「${t.text}」${lostPlace(t)}`).join('；')
      if (a.cause === 'unseen') return `删除的内容中有其删除时未看到的修改，已随之删除：${pieces}`
      const deleters = [...new Set(a.texts.map((t) => t.deletedBy))]
      return `写的${pieces}落在${deleters.length === 1 && deleters[0] ? `${name(deleters[0])}删除的` : '已被删除的'}内容中，未能保留`
    }
    case 'created':
      return a.from ? `以「${a.from.title}」为底稿新建了本文档${a.cleared?.length ? `，已清空：${a.cleared.join('、')}` : ''}` : '新建了本文档'
  }
}
