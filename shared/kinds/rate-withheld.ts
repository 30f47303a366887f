/**
 * Why a 监控's or 自评's 执行率 is not given for the whole document
 * (`KindSummary`): every count that is not 0, in words. The dashboard and
 * its CSV say it alike, so a project whose figures cannot be read is never
 * left out of every count ("10 个项目未填执行数" where 11 were empty and one
 * budget could not be read). A file of its own, so the list page's bundle
 * takes no model with it.
 */
export interface RateWithheld {
  /** No 执行数 written. */
  missingExecuted: number
  /** No 全年预算数 written. */
  missingBudget: number
  /** A 全年预算数 or 执行数 written that is no number. */
  unreadableFunds: number
}

/** The reasons, joined ("11 个项目未填执行数；1 个项目的资金数字无法读取或待核对"); "" when there are none. */
export function rateWithheld({ missingExecuted, missingBudget, unreadableFunds }: RateWithheld): string {
  return [
    missingExecuted > 0 ? `${missingExecuted} 个项目未填执行数` : '',
    missingBudget > 0 ? `${missingBudget} 个项目未填全年预算数` : '',
    unreadableFunds > 0 ? `${unreadableFunds} 个项目的资金数字无法读取或待核对` : '',
  ].filter((reason) => reason !== '').join('；')
}

/** What a project's 执行率 cell says when its 全年预算数 or 执行数 is written but no number. */
export const UNREADABLE_RATE = '数字无法读取或待核对'
