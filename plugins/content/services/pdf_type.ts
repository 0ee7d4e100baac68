import { extractText, getDocumentProxy } from 'unpdf'
import type { ContentTypeDefinition } from './content_types.js'

/**
 * PDF: text extracted page by page with pdf.js (through unpdf); the file itself is kept
 * as uploaded. pdf.js parses a document from memory, so extraction reads the whole file
 * (bounded by `maxBytes`, checked from the size first); the header check reads 5 bytes.
 */
export const pdfType: ContentTypeDefinition = {
  key: 'pdf',
  label: 'PDF',
  extensions: ['pdf'],
  mimeType: 'application/pdf',
  maxBytes: 25 * 1024 * 1024,
  structure: 'text',
  editable: false,
  async sniff(source) {
    const head = await source.head(5)
    return head.toString('latin1') === '%PDF-' ? null : 'it does not start with a PDF header'
  },
  async extractText(source) {
    // A copy: pdf.js may take over (detach) the array it is given.
    const document = await getDocumentProxy(new Uint8Array(await source.readAll()))
    const { text } = await extractText(document, { mergePages: false })
    return (Array.isArray(text) ? text : [text]).map((page) => page.trim()).join('\n\n')
  },
  async describe(source) {
    const document = await getDocumentProxy(new Uint8Array(await source.readAll()))
    return { pages: document.numPages }
  },
}
