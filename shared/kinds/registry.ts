/**
 * Every kind of document, in one table: what it is called, the model its
 * JSON is, and the checks that judge it. The CLI and the server read a
 * document's kind here rather than testing for it, so a new kind (the
 * 绩效运行监控, a 部门整体支出绩效自评) is one more entry.
 */
import type { BudgetDocument } from '../model/budget-document'
import type { DocumentKind } from '../model/document-kind'
import type { DocumentText } from '../model/document-text'
import { KIND_LAYOUT, type KindLayout } from '../model/kind-layout'
import { modelFromText } from '../model/derive-model'
import type { Finding } from '../checks/finding'
import { runChecks } from '../checks/run-checks'
import { runSelfEvaluationChecks } from '../checks/run-self-evaluation-checks'
import { runMonitoringChecks } from '../checks/run-monitoring-checks'
import { monitoringModel, type MonitoringDocument } from '../monitoring/monitoring-model'
import { selfEvaluationModel, type SelfEvaluationDocument } from '../self-evaluation/self-evaluation-model'

/** The model of any kind: the targets' keys, and each kind's added ones. */
export type KindModel = BudgetDocument | MonitoringDocument | SelfEvaluationDocument

export interface KindSpec {
  id: DocumentKind
  /** What a user calls it. */
  label: string
  /** The model (`import --json`): the targets' keys, and only keys added. */
  model(text: DocumentText): KindModel
  checks(text: DocumentText): Finding[]
  /** What its documents hold beyond the targets' nodes (`model/kind-layout.ts`). */
  layout: KindLayout
  /** Whether `check --opinion` drafts a 审核意见 for it. */
  opinion: boolean
}

export const KINDS: Readonly<Record<DocumentKind, KindSpec>> = {
  targets: { id: 'targets', label: '绩效目标', model: modelFromText, checks: runChecks, opinion: true, layout: KIND_LAYOUT.targets },
  monitoring: {
    id: 'monitoring', label: '绩效运行监控', model: monitoringModel, checks: runMonitoringChecks, opinion: false, layout: KIND_LAYOUT.monitoring,
  },
  'self-evaluation': {
    id: 'self-evaluation', label: '绩效自评', model: selfEvaluationModel, checks: runSelfEvaluationChecks, opinion: false,
    layout: KIND_LAYOUT['self-evaluation'],
  },
}

export const kindOf = (text: DocumentText): KindSpec => KINDS[text.kind ?? 'targets']
