/** "刚刚", "5 分钟前", "3 小时前", "昨天 14:05", or the date: how Chinese office software shows when something happened. */
export function relativeTime(at: number, now = Date.now()): string {
  const seconds = Math.round((now - at) / 1000)
  if (seconds < 60) return '刚刚'
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟前`
  const date = new Date(at)
  const clock = `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`
  const startOfToday = new Date(now).setHours(0, 0, 0, 0)
  if (at >= startOfToday) return `${Math.floor(seconds / 3600)} 小时前`
  if (at >= startOfToday - 86_400_000) return `昨天 ${clock}`
  const sameYear = date.getFullYear() === new Date(now).getFullYear()
  return `${sameYear ? '' : `${date.getFullYear()}年`}${date.getMonth() + 1}月${date.getDate()}日 ${clock}`
}
