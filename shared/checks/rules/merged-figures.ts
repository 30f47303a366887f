/**
 * A figure two people typed into at the same time, merged character by
 * character into one nobody wrote ("6.60" and "3" → "6.603", and the 执行率
 * reads 60.03%): an error on its cell, in every kind, until someone types
 * the figure again. Read by `readDocument` (`model/merged-figures.ts`);
 * a document read from a file has none.
 */
import type { DocumentText } from '../../model/document-text'
import type { MergedFigure } from '../../model/merged-figures'
import { isDocumentKind } from '../../model/document-kind'
import { kindLabelOf, type FollowUpKind } from '../../schema/fields'
import { FIGURE_CELLS } from '../../schema/figure-cells'
import type { Finding, FindingField } from '../finding'
import { findingsFor } from '../rule'

export const MERGED_FIGURE_RULE = 'merged-figure'

function nameOf(figure: MergedFigure, kind: FollowUpKind | null): { label: string; field: FindingField } {
  const cell = FIGURE_CELLS.get(figure.node)!
  const label = (kind && kindLabelOf(cell.field, kind)) || cell.field.label
  return { label: figure.entry === null ? label : `资金支出计划第 ${figure.entry} 个时间节点的${label}`, field: cell.key as FindingField }
}

export function mergedFigureFindings(text: DocumentText): Finding[] {
  const kind = isDocumentKind(text.kind) && text.kind !== 'targets' ? text.kind : null
  return (text.mergedFigures ?? []).map((figure) => {
    const { label, field } = nameOf(figure, kind)
    return findingsFor(MERGED_FIGURE_RULE, figure.project).error(
      // No figure is named as "the last one typed": each person's record already held part of the other's typing.
      `${label}“${figure.text}”是几处修改合并成的（两人同时修改了这一格，或撤销了同事已改过的修改），可能不是任何人要填的数：请与同事核对后重新输入`,
      { ...(figure.indicator !== null ? { indicator: figure.indicator } : {}), field },
    )
  })
}
