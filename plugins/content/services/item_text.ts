import type { HttpContext } from '@adonisjs/core/http'
import hljs from 'highlight.js'
import MarkdownIt from 'markdown-it'
import { highlightCode } from './highlight.js'
import { ANY_TERM } from './search_service.js'

/*
| An opened item's text as the library shows it: rendered (markdown), highlighted (code) or
| escaped (anything else), with the passage a search hit points at wrapped in an element
| the page scrolls to, and the query's words in <mark>. Everything is escaped or rendered
| by markdown-it with raw HTML off before any mark is added.
*/

/* Raw HTML in markdown is shown as text, and link schemes are checked: safe to render. */
const markdown = new MarkdownIt({ html: false, linkify: true })

/** Beyond this size the item's text is shown without code highlighting or word marks. */
const MARK_LIMIT = 300 * 1024

const escapeHtml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Wraps the given words in <mark> wherever they stand as whole words in the text of
 * `html` — never inside a tag or an entity (`&amp;` holds no word "amp").
 */
export function markWords(html: string, words: string[]) {
  if (words.length === 0) return html
  const alternatives = words
    .map((word) => escapeRegExp(escapeHtml(word)))
    .sort((a, b) => b.length - a.length)
    .join('|')
  const pattern = new RegExp(
    `(&[#\\w]+;)|(?<![\\p{L}\\p{N}])(${alternatives})(?![\\p{L}\\p{N}])`,
    'giu'
  )
  return html
    .split(/(<[^>]*>)/)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(pattern, (match, entity) => (entity ? match : `<mark>${match}</mark>`))
    )
    .join('')
}

/** The words of `text` the query matches (stemmed as full-text search does), at most 20. */
export async function matchedWords(trx: HttpContext['tenant']['trx'], q: string, text: string) {
  if (!q || !text.trim()) return []
  const { rows } = await trx.rawQuery(
    `select ts_headline('english', ?, ${ANY_TERM},
       'HighlightAll=true, StartSel=<mark>, StopSel=</mark>') as marked`,
    [text.slice(0, MARK_LIMIT), q]
  )
  const marked: string = rows[0]?.marked ?? ''
  const words = new Map<string, string>()
  for (const match of marked.matchAll(/<mark>(.*?)<\/mark>/g)) {
    const word = match[1].trim()
    if (word && !words.has(word.toLowerCase())) words.set(word.toLowerCase(), word)
    if (words.size >= 20) break
  }
  return [...words.values()]
}

type Renderer = (text: string) => string

/** How an item's text becomes HTML: markdown rendered, code highlighted, anything else escaped. */
function rendererFor(type: string, language: string | null, text: string): Renderer {
  if (type === 'markdown') return (part) => markdown.render(part)
  if (type === 'code' && text.length <= MARK_LIMIT) {
    // One language for every piece, so the passage is highlighted like the rest.
    const known = language && hljs.getLanguage(language) ? language : null
    const detected = known ?? hljs.highlightAuto(text).language ?? null
    return (part) => highlightCode(part, detected) ?? escapeHtml(part)
  }
  return escapeHtml
}

/**
 * The item's text as safe HTML: the opened passage (character offsets into the text)
 * wrapped in an element the page scrolls to, the query's words in <mark>.
 */
export function renderItemText(
  type: string,
  language: string | null,
  text: string,
  passage: { start: number; end: number } | null,
  words: string[]
) {
  const render = rendererFor(type, language, text)
  const block = type === 'markdown'
  const open = block
    ? '<div id="opened-passage" class="opened-passage" data-testid="opened-passage">'
    : '<span id="opened-passage" class="opened-passage" data-testid="opened-passage">'
  const close = block ? '</div>' : '</span>'
  const start = passage ? Math.max(0, Math.min(passage.start, text.length)) : 0
  const end = passage ? Math.max(start, Math.min(passage.end, text.length)) : 0
  const inner =
    passage && end > start
      ? render(text.slice(0, start)) +
        open +
        render(text.slice(start, end)) +
        close +
        render(text.slice(end))
      : render(text)
  const marked = text.length <= MARK_LIMIT ? markWords(inner, words) : inner
  if (type === 'markdown') return marked
  if (type === 'code') return `<pre><code class="hljs">${marked}</code></pre>`
  return `<div class="plain-text">${marked}</div>`
}
