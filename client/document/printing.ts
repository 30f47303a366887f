/**
 * 打印 as the HTML export prints (A4, the 公文 fonts, the forms with their
 * borders and merged 一级/二级, rows that do not break, page numbers): the
 * page holds a copy of the document built by the same export, shown only
 * when printing — a clean copy, or with the pending suggestions marked when
 * the person asks for it, as Word offers. The choice stays, as Word's
 * does: the browser's own 打印 (Ctrl+P, the menu) prints the copy last
 * chosen (clean at first), made afresh just before.
 *
 * `createPrinting` ties the copy and its listener to the page's owner.
 */
import { onCleanup } from 'solid-js'
import type { Editor } from '@tiptap/core'
import { HTML_STYLE, htmlBody } from '@shared/formats/html/export'
import { trackedContent } from '@shared/formats/tracked-text'
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
  style.textContent = `${HTML_STYLE}\n${PRINT_ONLY}`
  const copy = document.createElement('div')
  copy.className = 'print-copy'
  document.head.append(style)
  document.body.append(copy)
  let tracked = false

  const prepare = () => {
    const current = editor()
    if (!current) return false
    const content = current.getJSON() as NodeJSON
    const { kind, asOf } = facts()
    const text: DocumentText = { ...readDocument(tracked ? trackedContent(content) : content), ...(isDocumentKind(kind) ? { kind } : {}), ...(asOf !== undefined ? { asOf } : {}) }
    copy.innerHTML = htmlBody(text, { tracked, nameOf })
    return true
  }
  const beforePrint = () => void prepare()
  window.addEventListener('beforeprint', beforePrint)
  onCleanup(() => {
    window.removeEventListener('beforeprint', beforePrint)
    style.remove()
    copy.remove()
  })

  return {
    /** 打印: a clean copy, or with the suggestions marked. */
    print(withSuggestions: boolean) {
      tracked = withSuggestions
      if (prepare()) window.print()
    },
  }
}
