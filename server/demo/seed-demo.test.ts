import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { bureauDeadlines, setDeadline } from '../documents/organisations'
import { Notifier } from '../notifications/notifier'
import { openServerData, type ServerData } from '../server-data'
import { DEMO_DOCUMENT_ID, SECOND_DOCUMENT_ID, seedDemo } from './seed-demo'

let data: ServerData | undefined
afterEach(async () => {
  await data?.close()
})

describe('the demo', () => {
  it('gives 文旅局’s document its own 部门整体绩效目标 and unit, none of 政法委’s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-demo-'))
    data = await openServerData({ kind: 'sqlite', dataDir: dir })
    await seedDemo(data, dir)
    const [zfw, wlj] = [await data.service.text(DEMO_DOCUMENT_ID), await data.service.text(SECOND_DOCUMENT_ID)]
    const part1 = (t: typeof zfw) => [...t.goals, ...t.subGoals.flatMap((g) => [g.title, g.duty, g.target]), ...t.safeguards]
    const theirs = new Set(part1(zfw))
    expect(part1(wlj).length).toBeGreaterThan(0)
    expect(part1(wlj).filter((line) => theirs.has(line))).toEqual([])
    expect(part1(wlj).join('')).not.toMatch(/政法|平安建设/)
    expect(wlj.projects.map((p) => p.unitName)).toEqual(['文旅局本级', '文旅局本级', '文旅局本级'])
  })

  it('has a 财政局 管理员, 陈刚, among the logins, who may set the bureau’s 报送截止', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-demo-'))
    data = await openServerData({ kind: 'sqlite', dataDir: dir })
    const logins = await seedDemo(data, dir)
    expect(logins.map((l) => `${l.displayName} ${l.name}`)).toEqual(['张伟 zhangwei', '李娜 lina', '王芳 wangfang', '刘洋 liuyang', '赵敏 zhaomin', '陈刚 chengang'])
    expect(logins.find((l) => l.name === 'chengang')?.what).toContain('财政局 管理员')
    const bureau = (await data.orgs.orgByName('财政局'))!
    const chen = (await data.accounts.userByName('chengang'))!
    expect((await data.orgs.members(bureau.id)).map((m) => [m.name, m.role])).toContainEqual(['chengang', 'admin'])
    await setDeadline({ ...data, notifier: new Notifier(data) }, chen, bureau.id, 2022, '2022-03-31')
    expect(await bureauDeadlines(data, chen, bureau.id)).toEqual([{ year: 2022, date: '2022-03-31' }])
    // Seeded once: a second start reads the same logins back.
    expect((await seedDemo(data, dir)).map((l) => l.name)).toEqual(logins.map((l) => l.name))
  })
})
