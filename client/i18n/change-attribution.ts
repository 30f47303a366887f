/**
 * Who last changed a field, as the comparison and 显示作者 say it: "张伟 ·
 * 刚刚", or for an accepted suggestion both people — "王芳建议 · 张伟接受 ·
 * 刚刚" — since the words are the suggester's, not the one who accepted them.
 */
import type { People } from '@shared/api/http-api'
import type { Attribution } from '@shared/history/authorship'
import { personName } from './person-name'
import { relativeTime } from './relative-time'
import { T } from './zh-CN'

export const changeAttribution = (people: People, a: Attribution, now = Date.now()): string =>
  a.suggestedBy === undefined
    ? T.lastChangedBy(personName(people, a.by), relativeTime(a.at, now))
    : T.acceptedSuggestionBy(personName(people, a.suggestedBy), personName(people, a.by), relativeTime(a.at, now))
