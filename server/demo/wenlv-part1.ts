/**
 * The demo's 文旅局 document: its own 部门整体绩效目标 (Part 1) and unit,
 * so that nobody reading it in the demo finds 政法委's goals under 文旅局's
 * name. Its projects are the sample's first three, renamed.
 */
import type { DocumentText } from '@shared/model/document-text'

export const WENLV_UNIT = { unitCode: '217001', unitName: '文旅局本级' }

export const WENLV_PART1: Pick<DocumentText, 'goals' | 'subGoals' | 'safeguards'> = {
  goals: [
    '2022年度，围绕公共文化服务体系建设，组织文化惠民演出不少于60场，惠及群众5万人次以上。',
    '保障区图书馆、文化馆免费开放，全年开放不少于300天，读者满意度达到90%以上。',
    '开展全域旅游宣传推广，全年接待游客人次较上年增长10%以上。',
  ],
  subGoals: [
    {
      title: '公共文化服务',
      duty: '负责全区公共文化服务体系建设，组织群众文化活动，指导基层文化站建设。',
      target: '文化惠民演出不少于60场，基层文化站达标率100%。',
    },
    {
      title: '图书馆与文化馆运行',
      duty: '负责区图书馆、文化馆日常运行和免费开放服务。',
      target: '全年开放不少于300天，新增馆藏图书5000册，读者满意度90%以上。',
    },
    {
      title: '旅游宣传推广',
      duty: '负责全区旅游形象宣传、旅游市场推广和节庆活动组织。',
      target: '举办旅游节庆活动不少于3次，主流媒体宣传不少于20次。',
    },
  ],
  safeguards: [
    '加强组织领导，局主要负责人牵头，明确各科室职责分工。',
    '严格资金管理，专款专用，按进度支付，定期开展绩效运行监控。',
    '完善考核机制，将项目完成情况纳入年度考核。',
  ],
}
