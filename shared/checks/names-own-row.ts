/**
 * Whether a finding's message already names the row it is placed at. A
 * finding about several rows says so itself (「第 1、2、3 行的绩效指标描述…」,
 * 「“资金到位率”“资金支付及时率”（第 2、3 行）…」) and points at the first
 * of them; a reader that puts 「第N行」 in front of such a message repeats
 * it (「第1行第 1、2、3 行…」). A message naming another row (「与第 3 行重复」)
 * still needs the prefix: that is where the problem is, not where it is.
 */
import type { Finding } from './finding'

/** 「第 1、2、3 行」 as the rules write a list of rows. */
const ROW_LIST = /第 ?(\d+(?:、\d+)*) ?行/g

export function namesOwnRow(finding: Pick<Finding, 'indicator' | 'message'>): boolean {
  if (finding.indicator === null) return false
  for (const [, list] of finding.message.matchAll(ROW_LIST)) {
    if (list!.split('、').map(Number).includes(finding.indicator)) return true
  }
  return false
}
