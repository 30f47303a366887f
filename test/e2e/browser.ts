/**
 * Real headless Chromium (Debian's headless shell, see support/chromium.ts; driven by
 * playwright-core) against the real server: each test user gets a browser
 * context of their own, logged in through the HTTP API.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Download, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { connect, HEADLESS_SHELL, launch as launchOwn } from '../../support/chromium'
import { startTestServer, type TestServer } from '../../support/test-server'
import type { DocumentText } from '@shared/model/document-text'
import type { Role } from '@shared/protocol/role'
import { loginAt } from '../support/http-session'

type Session = Awaited<ReturnType<typeof loginAt>>

/** What a test file asks of its browser. */
interface BrowserNeeds {
  /**
   * A Chromium of the file's own: a Chromium has one clipboard for all its contexts, and another file's copy
   * landing between this file's Ctrl+C and Ctrl+V pasted the wrong thing.
   */
  readonly clipboard?: boolean
  /**
   * The app's service worker in every context, as people have it: a file whose people go offline and reload,
   * or open what they have not opened before, needs the app it keeps. Other files block it: its install
   * fetches and stores every chunk of the app, ~0.5 core-second of Chromium per context, for nothing they use.
   */
  readonly offline?: boolean
}

/** Browsers whose contexts keep the app's service worker (`BrowserNeeds.offline`). */
const keepingServiceWorkers = new WeakSet<Browser>()

/** The contexts of `browser` as its file asked for them. */
const contextOptions = (browser: Browser) => ({ serviceWorkers: keepingServiceWorkers.has(browser) ? ('allow' as const) : ('block' as const) })

/**
 * The browser for a test file: the project's shared Chromium (`shared-chromium.ts`) when the file runs in the
 * `browser` project, or one of its own. Either way `close()` ends what the file opened.
 */
export async function launch({ clipboard = false, offline = false }: BrowserNeeds = {}): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint')
  const browser = await (endpoint && !clipboard ? connect(endpoint) : launchOwn(HEADLESS_SHELL))
  if (offline) keepingServiceWorkers.add(browser)
  return browser
}

/** One browser and one real server for a test file, closed after it. */
export function browserAndServer(options: BrowserNeeds = {}): { readonly browser: Browser; readonly t: TestServer } {
  const suite = {} as { browser: Browser; t: TestServer }
  beforeAll(async () => {
    ;[suite.browser, suite.t] = await Promise.all([launch(options), startTestServer()])
  })
  afterAll(async () => {
    await suite.browser?.close()
    await suite.t?.close()
  })
  return suite
}

/** Logs `user` in and opens the document; `share: false` relies on what their organisation gives them (no per-document role). */
export async function openAs(browser: Browser, t: TestServer, user: string, role: Role, docId = 'doc', { share = true }: { share?: boolean } = {}) {
  const session = await arriveAs(browser, t, user, role, `/#/doc/${docId}`, { docId, share })
  await synced(session.page)
  return session
}

/**
 * Logs `user` in as `openAs` does (the account made if need be; `role` on `docId` by name unless `share` is false),
 * with a page at `at` instead of the document: someone who starts from the list, the queue or the dashboard
 * does not load the document first.
 */
export async function arriveAs(browser: Browser, t: TestServer, user: string, role: Role, at: string, { docId = 'doc', share = true }: { docId?: string; share?: boolean } = {}) {
  if (share) await t.grant(user, role, docId)
  else if (!(await t.server.data.accounts.userByName(user))) await t.server.data.logins.addUser(user, `pw-${user}`, user)
  return loggedInAs(browser, t, user, at)
}

/**
 * A browser context logged in as `user` (an existing account, password `pw-<user>`) with a page at `at`
 * (the document list unless told): for someone who opens no document, such as a bureau's 管理员.
 */
export async function loggedInAs(browser: Browser, t: TestServer, user: string, at = '/#/') {
  const context = await browser.newContext({ ...contextOptions(browser), baseURL: t.server.url, viewport: { width: 1400, height: 900 } })
  const login = await context.request.post('/api/login', { data: { name: user, password: `pw-${user}` } })
  if (!login.ok()) throw new Error(`login as ${user} failed: ${login.status()}`)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  // The app asks in its own page, never with a browser prompt, confirm or alert.
  page.on('dialog', (dialog) => {
    errors.push(`browser dialog: ${dialog.type()} ${dialog.message()}`)
    void dialog.dismiss()
  })
  // The app must run under its Content Security Policy: a violation is an error of the test.
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) errors.push(message.text())
  })
  // The app reads who is logged in from localStorage (it must work offline).
  await page.addInitScript((u) => localStorage.setItem('jixiao:user', JSON.stringify(u)), (await login.json()).user)
  await page.goto(at)
  return { context, page, errors }
}

/** A browser of its own with nobody logged in, and how a person logs in there: typing on the login page. */
export async function loggedOut(browser: Browser, t: TestServer, viewport = { width: 1366, height: 768 }) {
  const context = await browser.newContext({ ...contextOptions(browser), baseURL: t.server.url, viewport })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  /** Once the page is the login page (where it is, or where a link leads), types the name and password and logs in. */
  const logIn = async (name: string, password = `pw-${name}`) => {
    await page.waitForURL(/#\/login$/, { timeout: 10_000 })
    await page.getByLabel('用户名').fill(name)
    await page.getByLabel('密码').fill(password)
    await page.getByRole('button', { name: '登录' }).click()
  }
  return { context, page, errors, logIn }
}

/** The document reached the server and is on the page: every table drawn (a short document draws the rest after its first screen). */
export const synced = async (page: Page) => {
  await page.waitForSelector('[data-testid=sync-status].synced', { timeout: 20_000 })
  await drawn(page)
}

/**
 * The opened document on the page as it stays: a short document with every table drawn (`data-drawn="all"`),
 * a long one with those near the window (`near`) — not its first screen alone, whose cells' places on the
 * page are not yet those of the document.
 */
export const drawn = (page: Page) => page.waitForSelector('.ProseMirror:is([data-drawn="all"], [data-drawn="near"])', { timeout: 20_000 })

/** The text field `field` (a data-field name), the `n`-th of its kind. */
export const field = (page: Page, name: string, n = 0) => page.locator(`[data-field="${name}"] .value`).nth(n)

/** The text of a field as the document has it: other people's caret labels and derived values are in the DOM but not in the text. */
export const fieldText = async (page: Page, name: string, n = 0) => (await fieldTexts(page, name))[n] ?? ''

/** Every field `name`'s text, in document order, without other people's caret labels. */
export const fieldTexts = (page: Page, name: string) =>
  page.locator(`[data-field="${name}"] .value`).evaluateAll((els) =>
    els.map((el) => {
      const copy = el.cloneNode(true) as HTMLElement
      // Nor what a 监控 or 自评 form derives and draws inside a cell (widgets, not text).
      copy.querySelectorAll('.collaboration-carets__caret, .derived, .band-picker').forEach((caret) => caret.remove())
      return copy.textContent ?? ''
    }),
  )

/**
 * Types at the start or the end of a field: a click into it (near its start —
 * its end may be under someone else's caret label), the cursor moved to that
 * end of the field, then real key presses.
 */
/** `at`: the field's index among those on the page, or the cell itself (in a long document, found within its table). */
export async function typeAt(page: Page, where: 'start' | 'end', name: string, at: number | Locator, text: string): Promise<void> {
  const target = typeof at === 'number' ? field(page, name, at) : at
  const placeCursor = () =>
    target.evaluate((el, atEnd) => {
      const editor = (document.querySelector('.ProseMirror') as unknown as { editor: import('@tiptap/core').Editor }).editor
      const { $from } = editor.state.selection
      if (!el.contains(editor.view.domAtPos($from.pos).node)) return false
      editor.commands.setTextSelection(atEnd ? $from.end() : $from.start())
      return true
    }, where === 'end')
  // As a person would: click, look, click again if the cursor is not there yet.
  for (let attempt = 0; ; attempt++) {
    await target.click({ position: { x: 2, y: 4 } })
    const placed = await expect.poll(placeCursor, { timeout: 2_000 }).toBe(true).then(() => true, () => false)
    if (placed) break
    if (attempt === 2) throw new Error(`could not put the cursor into ${name}${typeof at === 'number' ? ` #${at}` : ''}`)
  }
  await page.keyboard.type(text)
}

/** Selects a field's whole text (as a person would by dragging over it). */
export async function selectField(page: Page, name: string, at: number | Locator): Promise<void> {
  await typeAt(page, 'end', name, at, '')
  await page.evaluate(() => {
    const editor = (document.querySelector('.ProseMirror') as unknown as { editor: import('@tiptap/core').Editor }).editor
    const { $from } = editor.state.selection
    editor.commands.setTextSelection({ from: $from.start(), to: $from.end() })
  })
}

/** Replaces a field's text by typing: the cursor to its end, Backspace over it, the new text. */
export async function retype(page: Page, name: string, n: number, text: string): Promise<void> {
  const length = (await fieldText(page, name, n)).length
  await typeAt(page, 'end', name, n, '')
  for (let i = 0; i < length; i++) await page.keyboard.press('Backspace')
  await page.keyboard.type(text)
}

export async function closeAll(contexts: BrowserContext[]): Promise<void> {
  for (const context of contexts) await context.close()
}

/** Imports a file from the document list as a person does: 导入…, then the file chosen in the browser's file dialog. */
export async function importFromList(page: Page, name: string, bytes: Uint8Array, type: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByText('导入（Word、Excel、网页或文本）').click()])
  await chooser.setFiles({ name, mimeType: type, buffer: Buffer.from(bytes) })
}

/** The bytes of a finished download: saved where this process can read them (the browser may run in another). */
export async function downloadedBytes(download: Download): Promise<Buffer> {
  const file = join(mkdtempSync(join(tmpdir(), 'jixiao-download-')), download.suggestedFilename())
  await download.saveAs(file)
  return readFileSync(file)
}

/**
 * The people of a round: 政法委 with 张伟 (管理员, login zhangwei) and 李娜 (编制人员, lina), and the 财政局
 * whose 审核人员 王芳 (wangfang) is assigned to it; each logs in with `pw-<login>`. The department, to file documents in.
 */
export async function theDepartmentAndBureau(t: TestServer, code = ''): Promise<{ id: number }> {
  const { orgs, logins } = t.server.data
  const zhangwei = await logins.addUser('zhangwei', 'pw-zhangwei', '张伟')
  const lina = await logins.addUser('lina', 'pw-lina', '李娜')
  const wangfang = await logins.addUser('wangfang', 'pw-wangfang', '王芳')
  const department = await orgs.addOrg({ name: '政法委', kind: 'department', code })
  const bureau = await orgs.addOrg({ name: '财政局', kind: 'finance', code: '' })
  await orgs.setMember(department.id, zhangwei.id, 'admin')
  await orgs.setMember(department.id, lina.id, 'staff')
  await orgs.setMember(bureau.id, wangfang.id, 'reviewer')
  await orgs.setAssignment({ financeOrgId: bureau.id, departmentOrgId: department.id, userId: wangfang.id }, true)
  return department
}

/**
 * `targets` stored as `id` in 政法委 (with `theDepartmentAndBureau`'s people) and approved as the people would:
 * 张伟 submits, 王芳 starts the review and approves. Returns 张伟's session, to make what follows from them.
 */
export async function approvedTargets(t: TestServer, targets: DocumentText, id: string, title: string): Promise<Session> {
  const department = await theDepartmentAndBureau(t, '216001')
  await t.server.data.service.create(targets, { id, title, ownerId: null })
  await t.server.data.orgs.setDocumentOrg(id, department.id)
  const zhang = await loginAt(t.server.url, 'zhangwei')
  const wang = await loginAt(t.server.url, 'wangfang')
  for (const [who, action] of [[zhang, 'submit'], [wang, 'start-review'], [wang, 'approve']] as const) {
    const answer = await who.json(`/api/docs/${id}/workflow`, 'POST', { action, note: '目标已审核' })
    if (answer.status !== 200) throw new Error(`${action}: ${JSON.stringify(answer.body)}`)
  }
  return zhang
}

/** A 监控 (as of `asOf`, none when absent) or 自评 that `maker` makes from the approved targets `id`. */
export async function linkedForm(maker: Session, id: string, kind: 'monitoring' | 'self-evaluation', asOf?: string): Promise<string> {
  return ((await maker.json(`/api/docs/${id}/linked`, 'POST', { kind, ...(asOf ? { asOf } : {}) })).body as { id: string }).id
}
