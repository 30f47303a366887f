/**
 * The peer of `bench client`: a bare Tiptap editor — a document of
 * paragraphs, no schema of ours, no collaboration, no checks — holding the
 * same text as the document measured, one paragraph per text field.
 */
import { Editor, Node } from '@tiptap/core'

performance.mark('peer:scripts')

const Doc = Node.create({ name: 'doc', topNode: true, content: 'paragraph+' })
const Paragraph = Node.create({ name: 'paragraph', group: 'block', content: 'text*', parseHTML: () => [{ tag: 'p' }], renderHTML: () => ['p', 0] })
const Text = Node.create({ name: 'text', group: 'inline' })

const paragraphs = (window as unknown as { __paragraphs: string[] }).__paragraphs
new Editor({
  element: document.getElementById('editor')!,
  extensions: [Doc, Paragraph, Text],
  content: { type: 'doc', content: paragraphs.map((text) => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' })) },
})
performance.mark('peer:editor')
document.body.dataset.ready = 'true'
