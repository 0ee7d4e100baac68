import JSZip from 'jszip'
import mammoth from 'mammoth'
import type { ContentTypeDefinition } from './content_types.js'
import { htmlToText } from './html_type.js'

const MB = 1024 * 1024
const ZIP_MAGIC = Buffer.from('PK\u0003\u0004', 'latin1')

/**
 * The most a Word document may unpack to. Deflate shrinks repetitive XML a
 * thousandfold, so a small upload could otherwise unpack to gigabytes inside
 * mammoth; real documents unpack to a few times their size.
 */
const MAX_UNPACKED_BYTES = 200 * MB

/**
 * How many bytes `entry` unpacks to, counted while it is inflated chunk by
 * chunk (the sizes a ZIP declares may lie); stops as soon as it passes `budget`.
 */
function unpackedSize(entry: JSZip.JSZipObject, budget: number) {
  return new Promise<number>((resolve, reject) => {
    let size = 0
    const stream = entry.nodeStream('nodebuffer') as NodeJS.ReadableStream & {
      destroy?: () => void
    }
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > budget) {
        stream.removeAllListeners('data')
        stream.destroy?.()
        resolve(size)
      }
    })
    stream.on('end', () => resolve(size))
    stream.on('error', reject)
  })
}

/**
 * Word documents (.docx): a ZIP of XML parts. mammoth (the maintained docx reader)
 * converts the document to semantic HTML — headings stay headings — and the HTML
 * type's converter turns that into Markdown-ish text, so the chunker splits a Word
 * document on its headings like a web page. Images are left out of the text.
 */
export const docxType: ContentTypeDefinition = {
  key: 'docx',
  label: 'Word document',
  extensions: ['docx'],
  mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  maxBytes: 20 * MB,
  structure: 'markdown',
  editable: false,
  async sniff(source) {
    const head = await source.head(4)
    if (!head.equals(ZIP_MAGIC)) return 'it is not a ZIP archive, as every .docx file is'
    let zip: JSZip
    try {
      zip = await JSZip.loadAsync(await source.readAll())
    } catch {
      return 'the ZIP archive is damaged'
    }
    if (!zip.file('word/document.xml')) return 'it is a ZIP archive without a Word document in it'
    let budget = MAX_UNPACKED_BYTES
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue
      try {
        budget -= await unpackedSize(entry, budget)
      } catch {
        return 'the ZIP archive is damaged'
      }
      if (budget < 0) return `it unpacks to more than ${MAX_UNPACKED_BYTES / MB} MB`
    }
    return null
  },
  async extractText(source) {
    const { value: html } = await mammoth.convertToHtml(
      { buffer: await source.readAll() },
      // No image is read or embedded: the text is what is indexed.
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) }
    )
    return htmlToText(html).trim()
  },
}
