import { describe, expect, it } from 'vitest'
import { MemoryAccountStore } from '../storage/memory/memory-account-store'
import { MemoryOrgStore } from '../storage/memory/memory-org-store'
import { impersonationMessage, nameKey, ShownNames } from './shown-names'

describe('ShownNames', () => {
  it('reads names as a reader sees them', () => {
    expect(nameKey('王 芳')).toBe('王芳')
    expect(nameKey('王芳\u200b')).toBe('王芳')
    expect(nameKey('王芳\u3000')).toBe('王芳')
    expect(nameKey('ＡＢ')).toBe('AB')
    expect(nameKey('王芳（政法委）')).not.toBe('王芳')
  })

  it('shows a shared 姓名 with the organisation (or the login, outside any), a unique one as it is', async () => {
    const accounts = new MemoryAccountStore()
    const orgs = new MemoryOrgStore(accounts)
    const [real, copy, lone] = [await accounts.addUser('wangfang', '王芳', 'h'), await accounts.addUser('wangfang2', '王 芳', 'h'), await accounts.addUser('li', '李娜', 'h')]
    const bureau = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
    await orgs.setMember(bureau.id, real.id, 'reviewer')
    const shown = new ShownNames(accounts, orgs)
    expect(await shown.of(['wangfang', 'wangfang2', 'li', 'nobody', null])).toEqual({ wangfang: '王芳 · 财政局', wangfang2: '王 芳 · wangfang2', li: '李娜' })
    expect(await shown.one(lone)).toBe('李娜')
    // 王芳 is the bureau's: refused to anyone outside it, not to her, nor to the bureau's own.
    expect(await shown.impersonated('王芳', [])).toBe('财政局')
    expect(await shown.impersonated('王芳', [], real.id)).toBeUndefined()
    expect(await shown.impersonated('王芳', [bureau.id])).toBeUndefined()
    expect(await shown.impersonated('王芳', [], copy.id)).toBe('财政局')
    expect(await shown.impersonated('张伟', [])).toBeUndefined()
    // Dressed with the bureau's name, brackets or dots, it is still 王芳; another name that holds hers is not.
    for (const dressed of ['王芳（财政局）', '王芳 · 财政局', '财政局王芳', '【王芳】']) expect(await shown.impersonated(dressed, []), dressed).toBe('财政局')
    expect(await shown.impersonated('王芳芳', [])).toBeUndefined()
    expect(await shown.impersonated('王芳2', [])).toBeUndefined()
    // With a role beside it, or nothing but the bureau and a role (a tryout commented as 「王芳 审核」).
    for (const dressed of ['王芳 审核', '王芳审核员', '审核人员王芳', '财政局审核人员']) expect(await shown.impersonated(dressed, []), dressed).toBe('财政局')
    expect(await shown.impersonated('财政局审核人员', [bureau.id])).toBeUndefined()
    // The refusal's example is the bare name and a digit, not the name as typed with 2 after it.
    expect(impersonationMessage('王芳财政局', '财政局')).toContain('如“王芳2”')
    expect(impersonationMessage('钱审核', '财政局')).toContain('如“钱审核2”')
    expect(impersonationMessage('财政局审核人员', '财政局')).not.toContain('如“')
  })
})
