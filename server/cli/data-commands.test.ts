/**
 * The data commands' output, word for word (the CLI contract): accounts,
 * storing and exporting documents, adding project forms, each with the
 * message and exit code of its usual mistakes.
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SAMPLE_PATH, sampleText } from '../../support/sample'
import { openServerData } from '../server-data'
import { run, tmp } from '../../test/support/cli-run'
import { EXIT } from './run-cli'


describe('cli user', () => {
  it('adds an account, says its password when it made one, and changes a password; refuses a taken or unknown name', async () => {
    const data = tmp()
    expect(await run('user', 'add', 'zhang', '--password', 'long-enough-pw', '--display-name', '张伟', '--data', data)).toEqual({ code: EXIT.ok, stdout: '已创建用户 zhang', stderr: '' })
    const made = await run('user', 'add', 'li', '--data', data)
    expect(made.code).toBe(EXIT.ok)
    const password = made.stdout.match(/^已创建用户 li，密码：(\S{12})$/)?.[1]
    expect(password).toBeDefined()
    expect(await run('user', 'add', 'zhang', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '用户已存在：zhang' })
    expect((await run('user', 'list', '--data', data)).stdout).toBe('zhang\t张伟\nli\tli')

    expect(await run('user', 'passwd', 'zhang', '--password', 'another-long-pw', '--data', data)).toEqual({ code: EXIT.ok, stdout: '已修改 zhang 的密码', stderr: '' })
    expect((await run('user', 'passwd', 'li', '--data', data)).stdout).toMatch(/^li 的新密码：\S{12}$/)
    expect(await run('user', 'passwd', 'nobody', '--password', 'x-long-enough', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个用户：nobody' })
    const stored = await openServerData({ kind: 'sqlite', dataDir: data })
    try {
      expect(await stored.logins.authenticate('zhang', 'another-long-pw')).toMatchObject({ name: 'zhang' })
      expect(await stored.logins.authenticate('li', password!)).toBeUndefined()
    } finally {
      await stored.close()
    }
    expect((await run('user', 'add', '--data', data)).code).toBe(EXIT.usage)
  })
})

describe('cli doc import and doc export', () => {
  it('stores a file as a document and prints its id; exports it as the file it was; refuses an unknown owner, department or document', async () => {
    const data = tmp()
    expect(await run('doc', 'import', SAMPLE_PATH, '--id', 'd1', '--data', data)).toEqual({ code: EXIT.ok, stdout: 'd1', stderr: '' })
    expect((await run('doc', 'list', '--data', data)).stdout).toBe('d1\t2022年部门预算绩效文本')
    expect(await run('doc', 'import', SAMPLE_PATH, '--owner', 'nobody', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个用户：nobody' })
    expect(await run('doc', 'import', SAMPLE_PATH, '--org', '无此部门', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个部门：无此部门' })
    const missing = join(tmp(), 'missing.txt')
    expect(await run('doc', 'import', missing, '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: `${missing}: 文件不存在（也不是数据目录中的文档编号）：${missing}` })

    const txt = await run('doc', 'export', 'd1', '--data', data)
    expect(txt.code).toBe(EXIT.ok)
    expect(txt.stdout).toBe((await run('doc', 'export', 'd1', '--format', 'txt', '--data', data)).stdout)
    const file = join(tmp(), 'd1.txt')
    writeFileSync(file, txt.stdout)
    expect((await run('import', file, '--json')).stdout).toBe((await run('import', SAMPLE_PATH, '--json')).stdout)
    const docx = join(tmp(), 'd1.docx')
    expect(await run('doc', 'export', 'd1', '--format', 'docx', '--tracked', '--out', docx, '--data', data)).toEqual({ code: EXIT.ok, stdout: '', stderr: '' })
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK')

    expect(await run('doc', 'export', 'nope', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个文档：nope' })
    const binary = await run('doc', 'export', 'd1', '--format', 'docx', '--data', data)
    expect(binary.code).toBe(EXIT.usage)
    expect(binary.stderr.split('\n')[0]).toBe('Word 文档是二进制文件，请用 --out 指定输出文件')
    const untracked = await run('doc', 'export', 'd1', '--format', 'txt', '--tracked', '--data', data)
    expect(untracked.code).toBe(EXIT.usage)
    expect(untracked.stderr.split('\n')[0]).toMatch(/不能显示修订；--tracked 只用于 docx$/)
    const unknown = await run('doc', 'export', 'd1', '--format', 'pdf', '--data', data)
    expect(unknown.code).toBe(EXIT.usage)
    expect(unknown.stderr.split('\n')[0]).toBe('未知导出格式 pdf；可选：txt、docx、xlsx、html')
  })
})

describe('cli import --into', () => {
  it('says which forms it added; refuses a file without one and an unknown document, naming them', async () => {
    const data = tmp()
    expect((await run('doc', 'import', SAMPLE_PATH, '--id', 'd1', '--data', data)).code).toBe(EXIT.ok)
    const text = sampleText()
    const form = join(tmp(), 'form.txt')
    writeFileSync(form, text.slice(text.indexOf('3.车辆保险费绩效目标表'), text.indexOf('4.见义勇为经费绩效目标表')))
    expect(await run('import', form, '--into', 'd1', '--data', data)).toEqual({ code: EXIT.ok, stdout: '已把 1 个项目表加入文档 d1：车辆保险费', stderr: '' })
    expect(await run('import', form, '--into', 'nope', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个文档：nope' })
    const cut = join(tmp(), 'cut.txt')
    writeFileSync(cut, text.split('\n').slice(0, 120).join('\n'))
    const bad = await run('import', cut, '--into', 'd1', '--data', data)
    expect(bad.code).toBe(EXIT.badInput)
    expect(bad.stderr).toMatch(new RegExp(`^${cut.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*第 120 行`))
    expect(bad.stderr.split('\n')).toHaveLength(1)
  })
})

describe('cli token and doc share', () => {
  it('grants the role and prints a token; a reviewer so named joins the bureau, said on stderr; refuses an unknown user or document', async () => {
    const data = tmp()
    for (const name of ['zhang', 'wang']) expect((await run('user', 'add', name, '--password', 'long-enough-pw', '--data', data)).code).toBe(EXIT.ok)
    expect((await run('doc', 'import', SAMPLE_PATH, '--id', 'd1', '--data', data)).code).toBe(EXIT.ok)

    const token = await run('token', '--doc', 'd1', '--user', 'zhang', '--role', 'editor', '--data', data)
    expect(token).toMatchObject({ code: EXIT.ok, stderr: '' })
    expect(token.stdout).toMatch(/^[A-Za-z0-9_.-]+$/)
    const reviewer = await run('token', '--doc', 'd1', '--user', 'wang', '--role', 'reviewer', '--data', data)
    expect(reviewer.code).toBe(EXIT.ok)
    expect(reviewer.stderr).toBe('wang 已加入财政局，作为审核人员（审核权限只属于财政局的成员）')
    // Named again: already the bureau's, nothing more to say.
    expect((await run('token', '--doc', 'd1', '--user', 'wang', '--role', 'reviewer', '--data', data)).stderr).toBe('')
    expect(await run('token', '--doc', 'd1', '--user', 'nobody', '--role', 'editor', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个用户：nobody（先用 user add 创建）' })
    expect(await run('token', '--doc', 'nope', '--user', 'zhang', '--role', 'editor', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个文档：nope' })
    expect((await run('token', '--doc', 'd1', '--user', 'zhang', '--role', 'owner', '--data', data)).code).toBe(EXIT.usage)

    expect(await run('doc', 'share', 'd1', '--user', 'zhang', '--role', 'viewer', '--data', data)).toEqual({ code: EXIT.ok, stdout: '已设置 zhang 对 d1 的权限：viewer', stderr: '' })
    expect(await run('doc', 'share', 'nope', '--user', 'zhang', '--role', 'viewer', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个文档：nope' })
    expect((await run('doc', 'share', 'd1', '--user', 'nobody', '--role', 'viewer', '--data', data)).code).toBe(EXIT.usage)
    const stored = await openServerData({ kind: 'sqlite', dataDir: data })
    try {
      const zhang = (await stored.accounts.userByName('zhang'))!
      expect(await stored.accounts.roleOf('d1', zhang.id)).toBe('viewer')
    } finally {
      await stored.close()
    }
    expect((await run('doc', 'share', 'd1', '--user', 'zhang', '--role', 'none', '--data', data)).stdout).toBe('已设置 zhang 对 d1 的权限：none')
  })

  it('makes next year’s draft as --user or the owner, and says when there is neither', async () => {
    const data = tmp()
    expect((await run('doc', 'import', SAMPLE_PATH, '--id', 'd1', '--data', data)).code).toBe(EXIT.ok)
    expect(await run('doc', 'successor', 'd1', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '文档 d1 没有所有者：请用 --user 指定由谁新建' })
    expect(await run('doc', 'successor', 'd1', '--user', 'nobody', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个用户：nobody' })
    expect(await run('doc', 'successor', 'nope', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '没有这个文档：nope' })
    expect((await run('user', 'add', 'zhang', '--password', 'long-enough-pw', '--data', data)).code).toBe(EXIT.ok)
    expect(await run('doc', 'successor', 'd1', '--user', 'zhang', '--data', data)).toEqual({ code: EXIT.badInput, stdout: '', stderr: '文档不存在或您无权访问' })
    expect((await run('doc', 'share', 'd1', '--user', 'zhang', '--role', 'editor', '--data', data)).code).toBe(EXIT.ok)
    expect((await run('doc', 'successor', 'd1', '--user', 'zhang', '--year', '23', '--data', data)).code).toBe(EXIT.usage)
    const made = await run('doc', 'successor', 'd1', '--user', 'zhang', '--year', '2023', '--data', data)
    expect(made.code).toBe(EXIT.ok)
    expect((await run('doc', 'list', '--data', data)).stdout.split('\n')).toEqual(['d1\t2022年部门预算绩效文本', `${made.stdout}\t2023年部门预算绩效文本`])
  })
})

describe('files given to the CLI', () => {
  it('are refused past the upload cap, naming the file, by every command that reads one', async () => {
    const data = tmp()
    expect((await run('doc', 'import', SAMPLE_PATH, '--id', 'd1', '--data', data)).code).toBe(EXIT.ok)
    const big = join(tmp(), 'big.txt')
    writeFileSync(big, '')
    truncateSync(big, 16 * 1024 * 1024 + 1)
    const refused = { code: EXIT.badInput, stdout: '', stderr: `${big}: 文件太大（上限 16 MiB）` }
    expect(await run('import', big, '--json')).toEqual(refused)
    expect(await run('check', big, '--json')).toEqual(refused)
    expect(await run('doc', 'import', big, '--data', data)).toEqual(refused)
    expect(await run('import', big, '--into', 'd1', '--data', data)).toEqual(refused)
  })
})
