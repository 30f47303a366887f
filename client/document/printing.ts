/**
 * 打印 as the HTML export prints (A4, the 公文 fonts, the forms with their
 * borders and merged 一级/二级, rows that do not break, page numbers): the
 * page holds a copy of the document built by the same export, shown only
 * when printing — a clean copy, or with the pending suggestions marked when
 * the person asks for it, as Word offers. The choice stays, as Word's
 * does: the browser's own 打印 (Ctrl+P, the menu) prints the copy last
 * chosen (clean at first), made afresh just before.
 *
 * `createPrinting` ties the copy and its listener to the page's owner. The HTML export is a chunk of its own,
 * loaded once the editor is there: until it is in, the browser's 打印 prints the page itself.
 */
import { createEffect, onCleanup } from 'solid-js'
import type { Editor } from '@tiptap/core'
import type { htmlBody } from '@shared/formats/html/export'
import { markMergedFigures } from '@shared/formats/merged-figure-marks'
import type { readTracked } from '@shared/formats/tracked-text'
import type { NodeJSON } from '@shared/model/node-json'
import type { DocumentText } from '@shared/model/document-text'
import { isDocumentKind } from '@shared/model/document-kind'
import { readDocument } from '@shared/model/read-document'

/** While printing, only the copy; on screen it is never shown. */
const PRINT_ONLY = 'body > :not(.print-copy) { display: none !important; } .print-copy { display: block !important; }'

/** `facts`: the kind and 截至月份 meta gives the document, so a 自评 or 监控 prints on its own form. */
export function createPrinting(editor: () => Editor | null, nameOf: (login: string) => string, facts: () => { kind?: string; asOf?: string } = () => ({})) {
  const style = document.createElement('style')
  style.media = 'print'
  const copy = document.createElement('div')
  copy.className = 'print-copy'
  let tracked = false
  let disposed = false
  // Fetched once there is a document to print, not beside the editor's own scripts.
  interface Exporter {
    htmlBody: typeof htmlBody
    readTracked: typeof readTracked
  }
  let exporter: Promise<Exporter> | null = null
  let loaded: Exporter | null = null
  const load = () =>
    (exporter ??= Promise.all([import('@shared/formats/html/export'), import('@shared/formats/tracked-text')]).then(([html, text]) => {
      // The copy only stands in for the page once it can be made.
      style.textContent = `${html.HTML_STYLE}\n${PRINT_ONLY}`
      if (!disposed) document.head.append(style)
      return (loaded = { htmlBody: html.htmlBody, readTracked: text.readTracked })
    }))
  createEffect(() => {
    if (editor()) void load()
  })
  document.body.append(copy)

  const prepare = () => {
    const current = editor()
    if (!current || !loaded) return false
    const content = current.getJSON() as NodeJSON
    const { kind, asOf } = facts()
    const read = tracked ? loaded.readTracked(content) : readDocument(content)
    // Paper has no outline or checks: a figure two people's typing merged says so in its cell, as in an export.
    const text: DocumentText = markMergedFigures({ ...read, ...(isDocumentKind(kind) ? { kind } : {}), ...(asOf !== undefined ? { asOf } : {}) })
    copy.innerHTML = loaded.htmlBody(text, { tracked, nameOf })
    return true
  }
  const beforePrint = () => void prepare()
  window.addEventListener('beforeprint', beforePrint)
  onCleanup(() => {
    disposed = true
    window.removeEventListener('beforeprint', beforePrint)
    style.remove()
    copy.remove()
  })

  return {
    /** 打印: a clean copy, or with the suggestions marked (once the export is in, if it is not yet). */
    print(withSuggestions: boolean) {
      tracked = withSuggestions
      if (loaded) {
        if (prepare()) window.print()
      } else {
        void load().then(() => {
          if (!disposed && prepare()) window.print()
        })
      }
    },
  }
}
