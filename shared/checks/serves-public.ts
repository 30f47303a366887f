/**
 * Whether a project's money goes to people outside the department — a
 * subsidy, an award, relief, a service to residents — so that there are
 * 服务对象 whose satisfaction can be asked. Decided by what the money is
 * for (资金用途 and the project's name), not by words anywhere: a goal
 * that mentions 人民群众 does not make patrol wages a service, and a
 * 专项补助 that pays the department's own contract staff serves no public.
 */
import type { Project } from '../model/budget-document'

/** People outside the department the money reaches. */
const RECIPIENTS = /群众|居民|市民|村民|农户|农民|学生|幼儿|患者|病人|家庭|老人|老年人|儿童|残疾|困难户|低保|特困|受害人|申请人|当事人|见义勇为|企业|商户|游客|服务对象|监护人|退役军人|优抚对象|救助对象/
/** The money staying inside: the department's own people and running costs. */
const OWN_RUNNING = /(代理|聘用|临时|在编|本单位|工作)人员[^，。；]{0,6}(工资|保险|劳务|社保|福利)|办公|运转|车辆|公务用车|差旅|会议|设备|维修|物业|租赁/

export function servesPublic(project: Pick<Project, 'name' | 'usage'>): boolean {
  const purpose = `${project.name}，${project.usage}`
  return RECIPIENTS.test(purpose) && !(OWN_RUNNING.test(project.usage) && !RECIPIENTS.test(project.usage))
}
