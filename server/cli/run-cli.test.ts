import { fileURLToPath } from 'node:url'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { SAMPLE_PATH, sampleText } from '../../support/sample'
import { metaOf } from '@shared/model/y-document'
import { STATUS, STATUS_KEY } from '@shared/review/workflow'
import { openServerData } from '../server-data'
import { openStorage } from '../storage/storage'
import { run, tmp } from '../../test/support/cli-run'
import { EXIT } from './run-cli'


describe('cli import', () => {
  it('prints the model of the sample as JSON', async () => {
    const { code, stdout, stderr } = await run('import', SAMPLE_PATH, '--json')
    expect(code).toBe(EXIT.ok)
    expect(stderr).toBe('')
    const model = JSON.parse(stdout)
    expect(model.kind).toBe('targets')
    expect(model.title).toBe('政法委部门')
    expect(model.year).toBe(2022)
    expect(model.projects).toHaveLength(11)
    expect(model.projects[2].budget).toEqual({ total: 0.4, fiscal: 0.4, other: null })
    expect(model.projects[0].spendingPlan[3]).toEqual({ label: '12月底', percent: 100 })
  })

  it('reads a Word file laid out like the sample to the same model', async () => {
    const word = fileURLToPath(new URL('../../test/fixtures/formats/zhengfawei-2022.libreoffice.docx', import.meta.url))
    const fromWord = await run('import', word, '--json')
    expect(fromWord.code).toBe(EXIT.ok)
    expect(JSON.parse(fromWord.stdout)).toEqual(JSON.parse((await run('import', SAMPLE_PATH, '--json')).stdout))
  })

  it('adds a file’s project forms into a stored document (import --into); a form on its own imports as projects', async () => {
    const data = tmp()
    expect((await run('doc', 'import', SAMPLE_PATH, '--id', 'd1', '--data', data)).code).toBe(EXIT.ok)
    // One project's form on its own, as a department would send it.
    const exported = (await run('import', SAMPLE_PATH, '--json')).stdout
    const text = sampleText()
    const form = text.slice(text.indexOf('3.车辆保险费绩效目标表'), text.indexOf('4.见义勇为经费绩效目标表'))
    const file = join(tmp(), 'form.txt')
    writeFileSync(file, form)
    const alone = JSON.parse((await run('import', file, '--json')).stdout)
    expect(alone.projects.map((p: { name: string }) => p.name)).toEqual(['车辆保险费'])
    expect(alone.overall).toEqual({ goals: [], subGoals: [], safeguards: [] })

    const added = await run('import', file, '--into', 'd1', '--data', data)
    expect(added.code).toBe(EXIT.ok)
    expect(added.stdout).toContain('车辆保险费')
    const after = JSON.parse((await run('import', 'd1', '--json', '--data', data)).stdout)
    expect(after.projects).toHaveLength(12)
    expect(after.projects[11]).toEqual(JSON.parse(exported).projects[2])
    expect((await run('import', file, '--into', 'nope', '--data', data)).code).toBe(EXIT.badInput)
    expect(added.stderr).toBe('')
  })

  it('warns when the imported form is for another year than the document, and still adds it', async () => {
    const data = tmp()
    expect((await run('doc', 'import', SAMPLE_PATH, '--id', 'd1', '--data', data)).code).toBe(EXIT.ok)
    const form = fileURLToPath(new URL('../../test/fixtures/formats/regional/xiangtan-wupaoche-2023.txt', import.meta.url))
    const added = await run('import', form, '--into', 'd1', '--data', data)
    expect(added.code).toBe(EXIT.ok)
    expect(added.stderr).toBe('注意：导入的绩效目标表是 2023 年度的，本文档是 2022 年度：请核对是否导入了其他年度的表')
    expect(JSON.parse((await run('import', 'd1', '--json', '--data', data)).stdout).projects).toHaveLength(12)
  })

  it('exits 1 with one line naming the problem for bad input', async () => {
    const dir = tmp()
    const cut = join(dir, 'cut.txt')
    writeFileSync(cut, sampleText().split('\n').slice(0, 120).join('\n'))
    const { code, stdout, stderr } = await run('import', cut, '--json')
    expect(code).toBe(EXIT.badInput)
    expect(stdout).toBe('')
    expect(stderr.split('\n')).toHaveLength(1)
    expect(stderr).toContain('第 120 行')
    expect((await run('import', join(dir, 'missing.txt'), '--json')).stderr).toContain('文件不存在')
  })

  it('exits 2 on usage errors', async () => {
    expect((await run()).code).toBe(EXIT.usage)
    expect((await run('frobnicate')).code).toBe(EXIT.usage)
    expect((await run('import', SAMPLE_PATH)).code).toBe(EXIT.usage)
    expect((await run('import', SAMPLE_PATH, '--json', '--bogus')).code).toBe(EXIT.usage)
  })
})

describe('cli check', () => {
  it('prints the findings as the contract JSON, exit 0', async () => {
    const { code, stdout } = await run('check', SAMPLE_PATH, '--json')
    expect(code).toBe(EXIT.ok)
    const findings = JSON.parse(stdout) as Record<string, unknown>[]
    expect(findings.length).toBeGreaterThan(10)
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'project', 'indicator', 'message'])
      expect(['error', 'warning', 'info']).toContain(f.severity)
    }
    expect(findings).toContainEqual(expect.objectContaining({ project: 9, indicator: 3, severity: 'warning' }))
  })

  it('prints a readable table without --json, and exits 1 for unreadable input', async () => {
    const { code, stdout } = await run('check', SAMPLE_PATH)
    expect(code).toBe(EXIT.ok)
    expect(stdout.split('\n')[0]).toMatch(/^11 个项目，预算合计 116\.40 万元；发现 9 个错误、\d+ 个警告、\d+ 个提示。$/)
    expect(stdout).toContain('项目 9 › 指标 3')
    expect((await run('check', '/nonexistent.txt')).code).toBe(EXIT.badInput)
  })
})

describe('cli check --opinion', () => {
  it('prints the drafted 审核意见, and writes it as a Word 审核意见书 with --out', async () => {
    const printed = await run('check', SAMPLE_PATH, '--opinion', '--date', '2022-03-01', '--basis', '《某市预算绩效目标管理办法》')
    expect(printed.code).toBe(EXIT.ok)
    expect(printed.stdout).toMatch(/^关于政法委部门2022年度部门预算绩效目标的审核意见/)
    expect(printed.stdout).toContain('根据《某市预算绩效目标管理办法》和')
    expect(printed.stdout).toContain('请于2022年3月8日前')
    const out = join(tmp(), '审核意见书.docx')
    const written = await run('check', SAMPLE_PATH, '--opinion', '--out', out, '--date', '2022-03-01', '--resubmit-by', '2022-03-15')
    expect(written).toMatchObject({ code: EXIT.ok, stdout: `已写入审核意见书 ${out}（审核结论：中）` })
    const xml = new TextDecoder().decode(unzipSync(readFileSync(out))['word/document.xml']!)
    expect(xml).toContain('2022年3月15日前')
  })

  it('refuses a date that is not one, and opinion options without --opinion', async () => {
    expect((await run('check', SAMPLE_PATH, '--opinion', '--date', '3月1日')).code).toBe(EXIT.usage)
    expect((await run('check', SAMPLE_PATH, '--out', 'x.docx')).code).toBe(EXIT.usage)
  })
})

describe('cli export', () => {
  it('writes the published layout', async () => {
    const out = join(tmp(), 'out.txt')
    const { code } = await run('export', SAMPLE_PATH, '--format', 'txt', '--out', out)
    expect(code).toBe(EXIT.ok)
    const again = await run('import', out, '--json')
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse((await run('import', SAMPLE_PATH, '--json')).stdout))
  })

  it('writes Word, Excel and HTML from the registry, and names the formats it has for one it does not', async () => {
    for (const format of ['html', 'docx', 'xlsx']) {
      const out = join(tmp(), `x.${format}`)
      expect((await run('export', SAMPLE_PATH, '--format', format, '--out', out)).code).toBe(EXIT.ok)
      expect(readFileSync(out).length).toBeGreaterThan(10_000)
    }
    expect((await run('export', SAMPLE_PATH, '--format', 'pdf', '--out', 'x')).stderr).toMatch(/未知导出格式 pdf；可选：txt、docx、xlsx、html/)
  })

  it('reports an unwritable output as bad input', async () => {
    const { code, stderr } = await run('export', SAMPLE_PATH, '--format', 'txt', '--out', '/nonexistent-dir/x.txt')
    expect(code).toBe(EXIT.badInput)
    expect(stderr).toContain('无法写入')
    expect(readFileSync(SAMPLE_PATH, 'utf8')).toBe(sampleText())
  })
})

describe('cli on a 绩效自评表', () => {
  const file = fileURLToPath(new URL('../../test/fixtures/formats/regional/sichuan-zhongjiang-shuibiaochi-zipingbiao-2022.txt', import.meta.url))

  it('import --json prints the self-evaluation model; check --json its findings; it is stored as one', async () => {
    const imported = await run('import', file, '--json')
    expect(imported.code).toBe(EXIT.ok)
    const model = JSON.parse(imported.stdout)
    expect(model.kind).toBe('self-evaluation')
    // Its 分值 add up to 110 (70 + 20 + 10 and the 执行率's 10): a 总分 but no grade, and why.
    expect(model.projects[0]).toMatchObject({ funds: { budget: 20, executed: 20, rate: 100 }, earned: 110, grade: null, ungraded: 110 })
    expect(model.projects[0].indicators[0]).toMatchObject({ value: '≥266米', score: 10, actual: '≥266米', earned: 10 })
    const checked = await run('check', file, '--json')
    expect(checked.code).toBe(EXIT.ok)
    expect(JSON.parse(checked.stdout).map((f: { rule: string }) => f.rule)).toEqual(['self-evaluation.achieved', 'self-evaluation.total', 'self-evaluation.excess-points'])
    expect(JSON.parse(checked.stdout)[1]).toMatchObject({ rule: 'self-evaluation.total', severity: 'error', project: 1, indicator: null })
    const data = tmp()
    const stored = await run('doc', 'import', file, '--data', data)
    expect(stored.code).toBe(EXIT.ok)
    const listed = await run('doc', 'list', '--data', data)
    expect(listed.stdout).toContain(stored.stdout.trim())
    expect((await run('check', file, '--opinion')).code).toBe(EXIT.badInput)
  })
})

describe('cli on the forms of the kinds, in every format', () => {
  const kinds = (name: string) => fileURLToPath(new URL(`../../test/fixtures/formats/kinds/${name}`, import.meta.url))

  it('import --json: a Word 自评表 and a tab-separated 监控表 print their kind’s model, the targets’ keys kept', async () => {
    const evaluation = JSON.parse((await run('import', kinds('ziping-yanglao-2023.python-docx.docx'), '--json')).stdout)
    expect(evaluation).toMatchObject({ kind: 'self-evaluation', year: 2023 })
    expect(evaluation.projects[0]).toMatchObject({ funds: { budget: 120, executed: 102, rate: 85, points: 10, earned: 8.5 }, earned: 96, grade: '优' })
    expect(evaluation.projects[0].indicators[0]).toMatchObject({ value: '≥800人', score: 20, actual: '700人', earned: 17.5, deviation: '部分老人入住机构养老，明年扩大宣传、简化申请' })
    const monitoring = JSON.parse((await run('import', kinds('jiankong-yanglao-2023.libreoffice.txt'), '--json')).stdout)
    expect(monitoring).toMatchObject({ kind: 'monitoring' })
    expect(monitoring.projects[0]).toMatchObject({ funds: { budget: 120, executed: 54, rate: 45 } })
    expect(monitoring.projects[0].indicators[0]).toMatchObject({ value: '≥800人', actual: '420人', forecast: '760人', likelihood: '有可能', cause: '经费保障', measure: '加快资金拨付，扩大宣传' })
    // check --json works on every kind: a 监控表 gets the 监控 checks.
    const checked = await run('check', kinds('jiankong-yanglao-2023.libreoffice.txt'), '--json')
    expect(checked.code).toBe(EXIT.ok)
    expect((JSON.parse(checked.stdout) as { rule: string }[]).every((f) => f.rule.startsWith('monitoring.'))).toBe(true)
  })

  it('export writes a 自评表 in its own form; the file reads back to the same model, the 总分 as the rules compute it', async () => {
    const file = fileURLToPath(new URL('../../test/fixtures/formats/regional/sichuan-zhongjiang-shuibiaochi-zipingbiao-2022.txt', import.meta.url))
    const before = JSON.parse((await run('import', file, '--json')).stdout)
    for (const format of ['txt', 'docx', 'xlsx', 'html']) {
      const out = join(tmp(), `out.${format}`)
      expect((await run('export', file, '--format', format, '--out', out)).code, format).toBe(EXIT.ok)
      const after = JSON.parse((await run('import', out, '--json')).stdout)
      expect(after.kind, format).toBe('self-evaluation')
      expect(after.projects[0].indicators, format).toEqual(before.projects[0].indicators)
      expect([after.projects[0].earned, after.projects[0].grade, after.projects[0].ungraded, after.projects[0].funds], format).toEqual([110, null, 110, before.projects[0].funds])
      // Where the grade would be, the form says why there is none, as the editor does.
      if (format === 'txt' || format === 'html') expect(readFileSync(out, 'utf8'), format).toContain('等级：分值合计 110，应为 100，不评等级')
    }
  }, 60_000)
})

describe('cli doc monitoring / self-evaluation', () => {
  it('makes the linked document from approved targets through the use case and prints its id; refused before approval', async () => {
    const data = tmp()
    expect((await run('user', 'add', 'zhang', '--data', data)).code).toBe(EXIT.ok)
    const source = (await run('doc', 'import', SAMPLE_PATH, '--owner', 'zhang', '--data', data)).stdout.trim()
    const early = await run('doc', 'monitoring', source, '--data', data)
    expect(early.code).not.toBe(EXIT.ok)
    expect(early.stderr).toMatch(/编制中，审核通过后才能新建绩效运行监控/)
    // Approved as the bureau's step stores it: the status in meta, one logged update.
    const stored = await openServerData({ kind: 'sqlite', dataDir: data })
    try {
      const ydoc = await stored.service.load(source)
      const updates: Uint8Array[] = []
      ydoc.on('update', (u: Uint8Array) => updates.push(u))
      ydoc.transact(() => metaOf(ydoc).set(STATUS_KEY, { value: STATUS.approved, by: 'wang', at: Date.now() }))
      await stored.documents.append(source, updates.map((update) => ({ update, by: 'wang', at: Date.now() })))
    } finally {
      await stored.close()
    }
    const made = await run('doc', 'self-evaluation', source, '--data', data)
    expect(made.code).toBe(EXIT.ok)
    const id = made.stdout.trim()
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/)
    expect((await run('doc', 'list', '--data', data)).stdout).toContain(`${id}\t`)
    const again = await openServerData({ kind: 'sqlite', dataDir: data })
    try {
      expect((await again.service.text(id)).kind).toBe('self-evaluation')
      expect((await again.service.identity(id)).basedOn).toBe(source)
    } finally {
      await again.close()
    }
    // Next year is made from the targets, not from the 自评: refused, saying so; from the targets, made.
    const refused = await run('doc', 'successor', id, '--data', data)
    expect(refused.code).toBe(EXIT.badInput)
    expect(refused.stderr).toMatch(/是绩效自评文档，不能作为下一年度的底稿/)
    const next = await run('doc', 'successor', source, '--year', '2023', '--data', data)
    expect(next.code).toBe(EXIT.ok)
    expect((await run('import', next.stdout.trim(), '--json', '--data', data)).stdout).toContain('"year": 2023')
  })
})

describe('cli org deadline', () => {
  it('sets and removes a bureau’s 报送 deadline through the use case, and refuses a date that is none', async () => {
    const data = tmp()
    expect((await run('org', 'add', '财政局', '--kind', 'finance', '--data', data)).code).toBe(EXIT.ok)
    const set = await run('org', 'deadline', '财政局', '--year', '2026', '--date', '2026-03-31', '--data', data)
    expect(set).toMatchObject({ code: EXIT.ok, stdout: '2026 年度报送截止：2026-03-31' })
    const deadlines = async () => {
      const storage = await openStorage({ kind: 'sqlite', dataDir: data })
      try {
        return await storage.orgs.deadlines((await storage.orgs.orgByName('财政局'))!.id)
      } finally {
        await storage.close()
      }
    }
    expect(await deadlines()).toEqual([{ year: 2026, dueAt: Date.parse('2026-03-31T23:59:59+08:00') }])
    expect(await run('org', 'deadline', '财政局', '--year', '2026', '--date', '3月底', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: '日期格式应为 YYYY-MM-DD：3月底' })
    expect(await run('org', 'deadline', '财政局', '--year', '2026', '--remove', '--data', data)).toMatchObject({ code: EXIT.ok, stdout: '已取消 2026 年度的报送截止日期' })
    expect(await deadlines()).toEqual([])
  })
})

describe('cli org add / list / member / assign', () => {
  it('makes a department and the bureau, their members and an assignment, with one clear message for each mistake', async () => {
    const data = tmp()
    for (const name of ['zhang', 'wang']) expect((await run('user', 'add', name, '--password', 'long-enough-pw', '--data', data)).code).toBe(EXIT.ok)
    expect(await run('org', 'add', '政法委', '--kind', 'department', '--code', '216001', '--data', data)).toMatchObject({ code: EXIT.ok, stdout: '已创建部门：政法委' })
    expect(await run('org', 'add', '财政局', '--kind', 'finance', '--data', data)).toMatchObject({ code: EXIT.ok, stdout: '已创建财政局：财政局' })
    expect(await run('org', 'add', '政法委', '--kind', 'department', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: '组织已存在：政法委' })
    expect((await run('org', 'add', '政法委', '--data', data)).code).toBe(EXIT.usage)

    expect(await run('org', 'member', '政法委', '--user', 'zhang', '--role', 'staff', '--data', data)).toMatchObject({ code: EXIT.ok, stdout: 'zhang 现为 政法委 的编制人员' })
    expect(await run('org', 'member', '财政局', '--user', 'wang', '--role', 'reviewer', '--data', data)).toMatchObject({ code: EXIT.ok, stdout: 'wang 现为 财政局 的审核人员' })
    expect(await run('org', 'member', '财政局', '--user', 'zhang', '--role', 'staff', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: '财政局的成员角色是 admin 或 reviewer' })
    expect(await run('org', 'member', '政法委', '--user', 'wang', '--role', 'reviewer', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: '部门的成员角色是 admin 或 staff' })
    expect(await run('org', 'member', '文旅局', '--user', 'wang', '--role', 'staff', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: '没有这个组织：文旅局' })
    expect(await run('org', 'member', '政法委', '--user', 'li', '--role', 'staff', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: '没有这个用户：li' })
    expect((await run('org', 'member', '政法委', '--user', 'zhang', '--role', 'boss', '--data', data)).code).toBe(EXIT.usage)

    expect(await run('org', 'assign', '财政局', '--department', '政法委', '--reviewer', 'zhang', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: 'zhang 不是 财政局 的成员：先用 org member 加入' })
    expect(await run('org', 'assign', '政法委', '--department', '政法委', '--reviewer', 'wang', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: '没有这个财政局：政法委' })
    expect(await run('org', 'assign', '财政局', '--department', '财政局', '--reviewer', 'wang', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: '没有这个部门：财政局' })
    expect(await run('org', 'assign', '财政局', '--department', '政法委', '--reviewer', 'li', '--data', data)).toMatchObject({ code: EXIT.badInput, stderr: '没有这个用户：li' })
    expect(await run('org', 'assign', '财政局', '--department', '政法委', '--reviewer', 'wang', '--data', data)).toMatchObject({ code: EXIT.ok, stdout: 'wang 现负责审核 政法委 的文档' })
    const assignments = async () => {
      const storage = await openStorage({ kind: 'sqlite', dataDir: data })
      try {
        return (await storage.orgs.assignments({ departmentOrgId: (await storage.orgs.orgByName('政法委'))!.id })).length
      } finally {
        await storage.close()
      }
    }
    expect(await assignments()).toBe(1)

    expect(await run('org', 'list', '--data', data)).toMatchObject({ code: EXIT.ok, stdout: '政法委\t部门\t216001\tzhang（编制人员）\n财政局\t财政局\t\twang（审核人员）' })
    expect(await run('org', 'member', '政法委', '--user', 'zhang', '--role', 'none', '--data', data)).toMatchObject({ code: EXIT.ok, stdout: '已把 zhang 移出 政法委' })
    expect(await run('org', 'assign', '财政局', '--department', '政法委', '--reviewer', 'wang', '--remove', '--data', data)).toMatchObject({ code: EXIT.ok, stdout: 'wang 不再审核 政法委 的文档' })
    expect(await assignments()).toBe(0)
    expect((await run('org', 'list', '--data', data)).stdout).toBe('政法委\t部门\t216001\t\n财政局\t财政局\t\twang（审核人员）')
  })

  it('keeps reviewing and writing apart, through the same use cases as the API: no bureau member joins a department nor the reverse, no department member is assigned or named its reviewer, no reviewer shares its document as editor', async () => {
    const data = tmp()
    const at = ['--data', data]
    for (const name of ['zhang', 'wang']) expect((await run('user', 'add', name, '--password', 'long-enough-pw', ...at)).code).toBe(EXIT.ok)
    expect((await run('org', 'add', '政法委', '--kind', 'department', ...at)).code).toBe(EXIT.ok)
    expect((await run('org', 'add', '财政局', '--kind', 'finance', ...at)).code).toBe(EXIT.ok)
    expect((await run('org', 'member', '政法委', '--user', 'zhang', '--role', 'staff', ...at)).code).toBe(EXIT.ok)
    expect((await run('org', 'member', '财政局', '--user', 'wang', '--role', 'reviewer', ...at)).code).toBe(EXIT.ok)
    expect((await run('doc', 'import', SAMPLE_PATH, '--id', 'd1', '--org', '政法委', ...at)).code).toBe(EXIT.ok)

    expect(await run('org', 'member', '政法委', '--user', 'wang', '--role', 'staff', ...at)).toEqual({ code: EXIT.badInput, stdout: '', stderr: 'wang 是财政局的成员，不能同时加入政法委：财政局审核各部门的文档，审核文档的人不能同时编制文档' })
    expect(await run('org', 'member', '财政局', '--user', 'zhang', '--role', 'reviewer', ...at)).toEqual({ code: EXIT.badInput, stdout: '', stderr: 'zhang 是政法委的成员，不能同时加入财政局：编制文档的人不能同时审核文档，须先退出政法委' })
    expect(await run('token', '--doc', 'd1', '--user', 'zhang', '--role', 'reviewer', ...at)).toEqual({ code: EXIT.badInput, stdout: '', stderr: 'zhang 是政法委的成员，不能同时加入财政局：编制文档的人不能同时审核文档，须先退出政法委' })

    // 王芳 made a member of 政法委 before the rule: the bureau cannot assign her to it.
    const storage = await openStorage({ kind: 'sqlite', dataDir: data })
    const ids = async () => ({ dept: (await storage.orgs.orgByName('政法委'))!.id, wang: (await storage.accounts.userByName('wang'))!.id })
    try {
      await storage.orgs.setMember((await ids()).dept, (await ids()).wang, 'staff')
    } finally {
      await storage.close()
    }
    expect(await run('org', 'assign', '财政局', '--department', '政法委', '--reviewer', 'wang', ...at)).toEqual({ code: EXIT.badInput, stdout: '', stderr: 'wang 是政法委的成员，不能审核政法委的文档：审核文档的人不能同时编制文档，须先由政法委的管理员将其移出' })
    expect((await run('org', 'member', '政法委', '--user', 'wang', '--role', 'none', ...at)).code).toBe(EXIT.ok)
    expect(await run('org', 'assign', '财政局', '--department', '政法委', '--reviewer', 'wang', ...at)).toMatchObject({ code: EXIT.ok, stdout: 'wang 现负责审核 政法委 的文档' })
    expect(await run('doc', 'share', 'd1', '--user', 'wang', '--role', 'editor', ...at)).toEqual({ code: EXIT.badInput, stdout: '', stderr: 'wang 负责审核政法委的文档，只能共享为只读：审核文档的人不能同时编制文档' })
    expect((await run('doc', 'share', 'd1', '--user', 'wang', '--role', 'viewer', ...at)).code).toBe(EXIT.ok)

    // Out of the bureau, out of the departments it had her review.
    expect((await run('org', 'member', '财政局', '--user', 'wang', '--role', 'none', ...at)).code).toBe(EXIT.ok)
    const after = await openStorage({ kind: 'sqlite', dataDir: data })
    try {
      expect(await after.orgs.assignments({ userId: (await after.accounts.userByName('wang'))!.id })).toEqual([])
    } finally {
      await after.close()
    }
  })
})

describe('cli help', () => {
  it('--help, -h and help print the usage and succeed', async () => {
    for (const asked of ['--help', '-h', 'help']) {
      const { code, stdout, stderr } = await run(asked)
      expect(code).toBe(EXIT.ok)
      expect(stderr).toBe('')
      expect(stdout).toContain('用法: npm run -s cli -- <命令>')
    }
  })
})
