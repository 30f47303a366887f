/**
 * A 自评表's written 总分 is read from the file but not kept: the document
 * derives its 总分 from the rows' 得分. Where the two differ, the checks of
 * the file say so (`statedTotalScore`), but once the file is a document
 * nobody would: the written figure is gone. So an import says it with what
 * the file held that no cell took (`DocumentText.unread`, kept in the
 * document as a comment): a written 总分 above the rows' may be a row the
 * import did not find.
 */
import { statedTotalScore } from './rules/self-evaluation-scores'
import type { DocumentText } from '../model/document-text'
import { selfEvaluationModel } from '../self-evaluation/self-evaluation-model'

export function withWrittenTotalSaid(text: DocumentText): DocumentText {
  if (text.kind !== 'self-evaluation' || !text.projects.some((p) => p.total?.trim())) return text
  const model = selfEvaluationModel(text)
  const said = model.projects.flatMap((project, i) =>
    statedTotalScore.check({ model: project, text: text.projects[i]!, number: i + 1 }).map((finding) =>
      `${text.projects.length > 1 ? `“${project.name}”` : ''}${finding.message}。文件写的总分未导入，文档按各项得分计算总分：请对照原表核对是否有指标未导入`,
    ),
  )
  return said.length === 0 ? text : { ...text, unread: [...(text.unread ?? []), ...said] }
}
