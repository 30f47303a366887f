/**
 * A person's typing, as a server test needs it: `user` writes each cell
 * at its place (as selecting it and typing over it) through a stock
 * y-websocket client, and the call resolves once the server has stored
 * every cell — the edit went through the sync protocol and every rule the
 * server applies to it, as the editor's would.
 */
import * as Y from 'yjs'
import { textAt, writeAt, type Place } from '../../support/document-place'
import { synced, until, type TestServer } from '../../support/test-server'

export async function writeCells(t: TestServer, user: string, doc: string, cells: readonly [Place, string][]): Promise<void> {
  const client = await t.client(user, 'editor', { doc })
  try {
    await synced(client)
    client.doc.transact(() => {
      for (const [place, text] of cells) writeAt(client.doc, place, text)
    })
    await until(() => storedAs(t, doc, cells), 'the cells stored')
  } finally {
    client.destroy()
  }
}

async function storedAs(t: TestServer, doc: string, cells: readonly [Place, string][]): Promise<boolean> {
  const ydoc: Y.Doc = await t.server.data.service.load(doc)
  try {
    return cells.every(([place, text]) => textAt(ydoc, place).toString() === text)
  } catch {
    return false // a field still empty in storage
  } finally {
    ydoc.destroy()
  }
}
