import { extractText, getDocumentProxy } from 'unpdf'
import type { ContentTypeDefinition } from './content_types.js'

/** PDF: text extracted page by page with pdf.js (through unpdf); the file itself is kept as uploaded. */
export const pdfType: ContentTypeDefinition = {
  key: 'pdf',
  label: 'PDF',
  extensions: ['pdf'],
  mimeType: 'application/pdf',
  maxBytes: 25 * 1024 * 1024,
  structure: 'text',
  editable: false,
  sniff: (bytes) =>
    bytes.subarray(0, 5).toString('latin1') === '%PDF-'
      ? null
      : 'it does not start with a PDF header',
  async extractText(bytes) {
    const document = await getDocumentProxy(new Uint8Array(bytes))
    const { text } = await extractText(document, { mergePages: false })
    return (Array.isArray(text) ? text : [text]).map((page) => page.trim()).join('\n\n')
  },
  async describe(bytes) {
    const document = await getDocumentProxy(new Uint8Array(bytes))
    return { pages: document.numPages }
  },
}
