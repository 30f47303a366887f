/**
 * The usual cast of a test server: 张伟 (zhang, 编制人员 of 政法委, which holds
 * the test document) and 王芳 (wang, the 财政局's reviewer assigned to it).
 */
import type { TestServer } from '../../support/test-server'
import { DOC_ID } from '../../support/test-server'

export async function reviewedDepartment(t: TestServer) {
  const { orgs, logins } = t.server.data
  const [zhang, wang] = await Promise.all([logins.addUser('zhang', 'pw-zhang', '张伟'), logins.addUser('wang', 'pw-wang', '王芳')])
  const dept = await orgs.addOrg({ name: '政法委', kind: 'department', code: '' })
  const bureau = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
  await orgs.setDocumentOrg(DOC_ID, dept.id)
  await orgs.setMember(dept.id, zhang.id, 'staff')
  await orgs.setMember(bureau.id, wang.id, 'reviewer')
  await orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: dept.id, userId: wang.id }, true)
  return { zhang, wang, dept, bureau }
}
