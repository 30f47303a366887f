/**
 * The documents this user has, with their role; create, import, rename and
 * share (owner). Offline, the list last read by this account on this PC
 * is shown, said to be that (`kept-list.ts`), with what needs the server
 * (新建, 导入, 重命名, 共享…) unavailable until it can be read again.
 */
import { createResource, createSignal, For, Show } from 'solid-js'
import { KIND_OFFERS } from '@shared/kinds/kind-offers'
import { api, ApiFailure, type DocumentSummary } from '../api/http'
import { navigate, toLogin } from '../router'
import { T } from '../i18n/zh-CN'
import { SharePanel } from './SharePanel'
import { Bell } from './Bell'
import { Invitations } from './Invitations'
import { relativeTime } from '../i18n/relative-time'
import { createLastLoaded, isOffline, Loaded } from './loaded'
import { createRereadWhenOnline } from './reread-when-online'
import { logOut } from '../logout'
import { rememberedUser, rememberRole } from '../session'
import { keepList, keptList } from '../kept-list'
import { leaveImportNotice } from '../import-notice'

export function DocumentListPage() {
  const [error, setError] = createSignal('')
  // The formats' readers are large (the editor's schema among them) and the list needs only their names:
  // loaded beside the list, not before the app's first page.
  const [accept] = createResource(() =>
    import('@shared/formats/registry').then(({ importFormats }) => importFormats().flatMap((f) => [...f.extensions.map((e) => `.${e}`), f.mime.split(';')[0]!]).join(',')),
  )
  // A list that could not be read is said so (`Loaded`), never shown as 还没有文档.
  const [docs, { refetch }] = createResource(async () => {
    try {
      const { documents } = await api.documents()
      for (const d of documents) rememberRole(d.id, d.role)
      const user = rememberedUser()
      if (user) keepList(user.id, documents)
      return documents
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) toLogin()
      throw e
    }
  })
  createRereadWhenOnline(docs, refetch)
  /** This account's list as last read on this PC (before this page): shown when it cannot be read now (offline), as the last loaded copy. */
  const owner = rememberedUser()
  const keptCopy = owner ? keptList(owner.id) : undefined
  const kept = () => keptCopy
  const listed = createLastLoaded(docs, kept)
  /** The list could not be read for want of a network: what is shown is the last copy, and nothing that needs the server is offered. */
  const offline = () => docs.state === 'errored' && isOffline(docs.error)
  const act = async (work: () => Promise<unknown>) => {
    setError('')
    try {
      await work()
      await refetch()
    } catch (e) {
      setError((e as Error).message)
    }
  }
  // From one small request (the queue itself loads every document it lists): the bureau's people review from
  // the queue, and they and a department's 管理员 see the dashboard.
  // A failed read is not "member of nothing" (the 汇总 and 人员管理 links went until a reload): the last read is kept,
  // and the read made again once online.
  const [membershipsRead, { refetch: refetchMemberships }] = createResource(() => api.orgs().then((r) => r.orgs))
  createRereadWhenOnline(membershipsRead, refetchMemberships)
  const memberships = createLastLoaded(membershipsRead)
  /** The departments one makes documents for; someone of several chooses which a new one belongs to. */
  const departments = () => (memberships() ?? []).filter((o) => o.kind === 'department' && (o.role === 'admin' || o.role === 'staff'))
  const [chosenDepartment, setChosenDepartment] = createSignal<number | undefined>()
  const department = () => (departments().length > 1 ? (chosenDepartment() ?? departments()[0]!.id) : undefined)
  const create = () => act(async () => navigate(`#/doc/${(await api.create('', department())).id}`))
  const importOne = (file: File) =>
    act(async () => {
      const { id, warnings } = await api.importFile(file, department())
      // What the file held that was not read is said where it is to be filled in: on the document.
      leaveImportNotice(id, warnings)
      navigate(`#/doc/${id}`)
    })
  const importFile = (event: Event) => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0]
    if (file) void importOne(file)
  }
  /** A file dropped anywhere on the list is imported, as from the 导入 button. */
  const [dragging, setDragging] = createSignal(false)
  const dragOver = (event: DragEvent) => {
    if (!event.dataTransfer?.types.includes('Files')) return
    event.preventDefault()
    setDragging(true)
  }
  const drop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    const files = [...(event.dataTransfer?.files ?? [])]
    if (files.length > 1) setError(T.dropOneFile)
    else if (files[0]) void importOne(files[0])
  }
  /** Renaming happens in place: the title becomes an input until saved or cancelled. */
  const [renaming, setRenaming] = createSignal<{ id: string; title: string } | null>(null)
  const saveRename = (event: Event) => {
    event.preventDefault()
    const editing = renaming()
    if (!editing?.title.trim()) return
    setRenaming(null)
    void act(() => api.rename(editing.id, editing.title.trim()))
  }
  const [sharing, setSharing] = createSignal<string | null>(null)
  /** 删除 asks first, in the page; the server refuses what the bureau holds or a 监控 is made from, and the list says why. */
  const [deleting, setDeleting] = createSignal<string | null>(null)
  const remove = (id: string) =>
    act(async () => {
      setDeleting(null)
      await api.remove(id)
    })
  const [search, setSearch] = createSignal('')
  const reviews = () => (memberships() ?? []).some((o) => o.kind === 'finance')
  const oversees = () => (memberships() ?? []).some((o) => o.kind === 'finance' || o.role === 'admin')
  const administers = () => (memberships() ?? []).some((o) => o.role === 'admin')
  const shown = () => (listed() ?? []).filter((d) => `${d.title}${d.ownerName}${d.status}`.includes(search().trim()))
  /** 以此为底稿新建下一年度: asked inline whether to keep the budget figures, then opened. */
  const [successorOf, setSuccessorOf] = createSignal<string | null>(null)
  const [keepBudget, setKeepBudget] = createSignal(false)
  const startSuccessor = (doc: DocumentSummary) =>
    act(async () => {
      setSuccessorOf(null)
      navigate(`#/doc/${(await api.successor(doc.id, keepBudget(), department())).id}`)
    })
  /** 新建运行监控 / 新建绩效自评: made from an approved targets document by the server, then opened. */
  const startLinked = (doc: DocumentSummary, kind: 'monitoring' | 'self-evaluation') =>
    act(async () => navigate(`#/doc/${(await api.linked(doc.id, kind)).id}`))
  const titleOf = (id: string) => (listed() ?? []).find((d) => d.id === id)?.title
  /** Logged out here at once, offline too; the server's session ends when it can be reached (`logout.ts`). */
  const logout = async () => {
    await logOut()
    // The next person's login starts from their own first page, not from one this person had asked for.
    toLogin({ page: 'list' })
  }

  return (
    <main class="documents" classList={{ dragging: dragging() }} onDragOver={dragOver} onDragLeave={() => setDragging(false)} onDrop={drop} data-drop-hint={T.dropToImport}>
      <header>
        <h1>{T.documents}</h1>
        <Bell />
        <a class="who" href="#/account" title={T.account}>{rememberedUser()?.displayName}</a>
        <button onClick={() => void logout()}>{T.logout}</button>
      </header>
      <Invitations onJoined={() => { void refetchMemberships(); void refetch() }} />
      <p class="queue-link">
        <Show when={reviews()}><a href="#/queue" data-testid="queue-link">{T.reviewQueue}</a></Show>
        <Show when={oversees()}><a href="#/dashboard" data-testid="dashboard-link">{T.dashboard}</a></Show>
        <Show when={administers()}><a href="#/admin" data-testid="admin-link">{T.admin}</a></Show>
      </p>
      <div class="actions">
        <Show when={departments().length > 1}>
          <label class="department-choice">
            {T.newDocumentDepartment}
            <select value={department()} onChange={(e) => setChosenDepartment(Number(e.currentTarget.value))}>
              <For each={departments()}>{(org) => <option value={org.id}>{org.name}</option>}</For>
            </select>
          </label>
        </Show>
        <button onClick={create} disabled={offline()}>{T.newDocument}</button>
        <label class="button" classList={{ disabled: offline() }}>
          {T.importDocument}
          <input type="file" accept={accept() ?? ''} onChange={importFile} disabled={offline()} />
        </label>
      </div>
      <Show when={offline()}>
        <p class="hint" data-testid="needs-network">{T.listActionsNeedNetwork}</p>
      </Show>
      <p class="error" role="alert">{error()}</p>
      <Loaded resource={docs} what={T.documents} retry={refetch} kept={kept}>
        {(loaded) => (
          <Show when={loaded().length > 0} fallback={<p>{T.noDocuments}</p>}>
            <input type="search" class="doc-search" value={search()} onInput={(e) => setSearch(e.currentTarget.value)} placeholder={T.searchDocuments} aria-label={T.searchDocuments} />
            <ul>
              <For each={shown()}>
                {(doc) => (
                  <li>
                    <Show when={renaming()?.id === doc.id} fallback={<a href={`#/doc/${doc.id}`}>{doc.title}</a>}>
                      <form class="rename-form" onSubmit={saveRename}>
                        <input value={renaming()!.title} onInput={(e) => setRenaming({ id: doc.id, title: e.currentTarget.value })} aria-label={T.rename} maxLength={200} autofocus />
                        <button type="submit">{T.save}</button>
                        <button type="button" onClick={() => setRenaming(null)}>{T.cancel}</button>
                      </form>
                    </Show>
                    <span class="kind" data-kind={doc.kind ?? 'targets'}>{T.kindLabel[doc.kind ?? 'targets']}</span>
                    <span class="status">{doc.status}</span>
                    <Show when={doc.basedOn && titleOf(doc.basedOn)}>
                      {(title) => <a class="based-on" href={`#/doc/${doc.basedOn}`}>{T.basedOn(title())}</a>}
                    </Show>
                    <span class="role">{doc.owner ? T.ownedBy(T.me) : T.roleLabel[doc.role]}</span>
                    <Show when={!doc.owner && doc.ownerName}><span class="owner-name">{T.ownedBy(doc.ownerName)}</span></Show>
                    <Show when={doc.lastChange} fallback={<time class="created" title={new Date(doc.createdAt).toLocaleString('zh-CN')}>{T.createdAt(relativeTime(doc.createdAt))}</time>}>
                      {(last) => (
                        <time class="created" data-testid="last-change" title={`${T.createdAt(new Date(doc.createdAt).toLocaleString('zh-CN'))}；${T.lastChangeAt(new Date(last().at).toLocaleString('zh-CN'))}`}>
                          {T.lastChange(relativeTime(last().at), last().by, last().step)}
                        </time>
                      )}
                    </Show>
                    <Show when={!offline()}>
                      <span class="doc-actions">
                        <Show when={doc.owner || doc.role === 'editor'}>
                          <button onClick={() => setRenaming({ id: doc.id, title: doc.title })}>{T.rename}</button>
                        </Show>
                        {/* Next year's draft is made from the targets: a 监控 or 自评 does not offer it (the server refuses it too). */}
                        <Show when={doc.role === 'editor' && KIND_OFFERS[doc.kind ?? 'targets'].nextYear}>
                          <Show when={successorOf() === doc.id} fallback={<button onClick={() => setSuccessorOf(doc.id)}>{T.successor}</button>}>
                            <span class="successor-form">
                              <label>
                                <input type="checkbox" checked={keepBudget()} onChange={(e) => setKeepBudget(e.currentTarget.checked)} />
                                {T.keepBudget}
                              </label>
                              <span class="hint" data-testid="successor-keeps">{T.successorKeeps(keepBudget())}</span>
                              <button onClick={() => void startSuccessor(doc)}>{T.createSuccessor}</button>
                              <button onClick={() => setSuccessorOf(null)}>{T.cancel}</button>
                            </span>
                          </Show>
                        </Show>
                        <Show when={doc.role === 'editor' && (doc.kind ?? 'targets') === 'targets' && doc.status === '审核通过'}>
                          <button onClick={() => void startLinked(doc, 'monitoring')}>{T.newMonitoring}</button>
                          <button onClick={() => void startLinked(doc, 'self-evaluation')}>{T.newSelfEvaluation}</button>
                        </Show>
                        <Show when={doc.owner}>
                          <button onClick={() => setSharing(sharing() === doc.id ? null : doc.id)}>{T.share}</button>
                          <Show when={deleting() === doc.id} fallback={<button onClick={() => setDeleting(doc.id)}>{T.deleteDocument}</button>}>
                            <span class="confirm-inline" role="alertdialog">
                              {T.confirmDeleteDocument(doc.title)}
                              <button onClick={() => void remove(doc.id)}>{T.deleteDocument}</button>
                              <button onClick={() => setDeleting(null)}>{T.cancel}</button>
                            </span>
                          </Show>
                        </Show>
                      </span>
                    </Show>
                    <Show when={sharing() === doc.id}>
                      <SharePanel docId={doc.id} onClose={() => setSharing(null)} />
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Loaded>
    </main>
  )
}
