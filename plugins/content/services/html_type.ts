import { compile, type FormatCallback } from 'html-to-text'
import type { ContentTypeDefinition } from './content_types.js'

const MB = 1024 * 1024

/** `# Heading` for h1 … `###### Heading` for h6: the chunker splits Markdown on headings. */
const markdownHeading: FormatCallback = (elem, walk, builder, formatOptions) => {
  builder.openBlock({ leadingLineBreaks: formatOptions.leadingLineBreaks ?? 2 })
  builder.addLiteral(`${'#'.repeat(Number(formatOptions.level ?? 1))} `)
  walk(elem.children, builder)
  builder.closeBlock({ trailingLineBreaks: formatOptions.trailingLineBreaks ?? 2 })
}

const headings = [1, 2, 3, 4, 5, 6].map((level) => ({
  selector: `h${level}`,
  format: 'markdownHeading',
  options: { level, leadingLineBreaks: 2, trailingLineBreaks: 2 },
}))

/**
 * What a reader never sees: code, styles, embedded objects, form controls. (htmlparser2
 * already leaves script and style bodies out of the text; named here so it stays so.)
 */
const hidden = ['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'object', 'select'].map(
  (selector) => ({ selector, format: 'skip' })
)

/**
 * The visible text of an HTML document as Markdown-ish lines — headings as `#`,
 * paragraphs and blocks separated by blank lines, list items as `- ` — so the
 * chunker splits on the document's structure. html-to-text parses with
 * htmlparser2 (a real HTML parser, no DOM, nothing executed or fetched); lines
 * are not wrapped, links and images keep only their text.
 */
export const htmlToText = compile({
  wordwrap: false,
  formatters: { markdownHeading },
  selectors: [
    ...headings,
    ...hidden,
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'ul', options: { itemPrefix: '- ' } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
})

/** Markup first, after any comments: a doctype, an XML declaration or a tag. */
function startsWithMarkup(text: string) {
  let rest = text.replace(/^\uFEFF/, '').trimStart()
  while (rest.startsWith('<!--')) {
    const end = rest.indexOf('-->')
    if (end === -1) return false
    rest = rest.slice(end + 3).trimStart()
  }
  return /^<(!doctype|\?xml|[a-z])/i.test(rest)
}

/**
 * HTML pages: the text is extracted and indexed; the file is kept as uploaded and
 * only ever downloaded as an attachment, never rendered. Not editable as text: an
 * edit would replace the page with its extracted text.
 */
export const htmlType: ContentTypeDefinition = {
  key: 'html',
  label: 'HTML',
  extensions: ['html', 'htm'],
  mimeType: 'text/html',
  maxBytes: 5 * MB,
  structure: 'markdown',
  editable: false,
  async sniff(source) {
    const bytes = await source.readAll()
    if (bytes.includes(0)) return 'the file contains binary data'
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      return 'the file is not valid UTF-8 text'
    }
    return startsWithMarkup(text) ? null : 'it does not start with HTML markup'
  },
  async extractText(source) {
    const html = new TextDecoder('utf-8').decode(await source.readAll()).replace(/^\uFEFF/, '')
    return htmlToText(html).trim()
  },
}
