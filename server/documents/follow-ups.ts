/**
 * The 监控 and 自评 made from a targets document (meta basedOn): while one
 * exists the targets it carries are fixed — the document is not deleted,
 * nor its approval revoked, or the follow-up would report on targets that
 * are no longer the document's.
 */
import type { Ports } from './ports'

/** The titles of the documents made from `docId`, in the order they are stored. */
export async function followUpsOf(p: Pick<Ports, 'documents' | 'service'>, docId: string): Promise<string[]> {
  const titles: string[] = []
  for (const other of await p.documents.list()) {
    if (other.id !== docId && (await p.service.identity(other.id)).basedOn === docId) titles.push(other.title)
  }
  return titles
}

/** The titles as a sentence names them: “…”、“…”. */
export const namedFollowUps = (titles: readonly string[]): string => titles.map((t) => `“${t}”`).join('、')
