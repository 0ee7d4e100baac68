import type { HttpContext } from '@adonisjs/core/http'
import hljs from 'highlight.js'
import MarkdownIt from 'markdown-it'
import { contentCatalog } from './catalog.js'
import { serializeItem, serializeTag, serializeVersion, textStatusOf } from './serializers.js'
import { highlightCode } from './highlight.js'
import {
  ingestionRunOf,
  textOf,
  textStatusColumns,
  trashPage,
  versionsOf,
} from './content_queries.js'
import { projectTagsWithCounts, tagsOfItem } from './tags.js'
import { ANY_TERM } from './search_service.js'
import { SEARCH_MODES, modeNamed, searchItems, type ApiSearchMode } from './grouped_search.js'
import { searchConfiguration } from './search_configuration.js'

/* Raw HTML in markdown is shown as text, and link schemes are checked: safe to render. */
const markdown = new MarkdownIt({ html: false, linkify: true })

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Results per page of the library's search. */
const RESULTS_PER_PAGE = 10

/** Trashed items per page of the trash view. */
const TRASH_PER_PAGE = 25

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
async function matchedWords(trx: HttpContext['tenant']['trx'], q: string, text: string) {
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

function param(ctx: HttpContext, name: string) {
  const value = ctx.request.input(name, '')
  return typeof value === 'string' ? value : ''
}

/** Props of the project's content library page: items, tags, a search, trash, one opened item. */
export async function loadLibrary(ctx: HttpContext, { projectId }: { projectId?: string }) {
  const { trx } = ctx.tenant
  const catalog = await contentCatalog(trx)
  const types = catalog.types.map((type) => ({
    key: type.key,
    label: type.label,
    editable: type.editable,
  }))

  const q = param(ctx, 'q').trim().slice(0, 500)
  const modeParam = param(ctx, 'mode')
  const mode: ApiSearchMode = (SEARCH_MODES as readonly string[]).includes(modeNamed(modeParam))
    ? modeNamed(modeParam)
    : 'hybrid'
  const tagId = UUID.test(param(ctx, 'tag')) ? param(ctx, 'tag') : null
  const type = types.some((known) => known.key === param(ctx, 'type')) ? param(ctx, 'type') : null
  const itemId = UUID.test(param(ctx, 'item')) ? param(ctx, 'item') : null
  const chunkId = UUID.test(param(ctx, 'chunk')) ? param(ctx, 'chunk') : null
  const view = param(ctx, 'view') === 'trash' ? 'trash' : 'library'
  const page = Math.max(1, Math.min(1000, Number.parseInt(param(ctx, 'page'), 10) || 1))

  // The same counts as the tags API: items in the trash are not counted.
  const tagRows = await projectTagsWithCounts(trx, projectId!)
  const tags = tagRows.map(serializeTag)
  const filters = { q, mode, tag: tagId, type, view, page }

  if (view === 'trash') {
    const trashed = await trashPage(trx, projectId!, { page, perPage: TRASH_PER_PAGE })
    return {
      types,
      tags,
      filters,
      items: [],
      search: null,
      opened: null,
      trash: {
        items: trashed.rows.map((row) => ({
          ...serializeItem(row),
          deletedByName: (row.deleted_by_name as string | null) ?? null,
        })),
        total: trashed.total,
        page,
        lastPage: Math.max(1, Math.ceil(trashed.total / TRASH_PER_PAGE)),
      },
    }
  }

  const opened = itemId ? await openedItem(ctx, projectId!, itemId, chunkId, q) : null

  let search = null
  if (q && !opened) {
    const settings = await ctx.pluginSettings('content')
    const config = await searchConfiguration(trx)
    const found = await searchItems(trx, {
      q,
      mode,
      filters: {
        projectIds: [projectId!],
        tagIds: tagId ? [tagId] : undefined,
        types: type ? [type] : undefined,
      },
      embedder: catalog.embedder(String(settings.embeddingProvider)),
      weights: { fulltext: config.fulltextWeight, semantic: config.semanticWeight, k: config.rrfK },
      page,
      perPage: RESULTS_PER_PAGE,
    })
    search = {
      hits: found.data,
      total: found.total,
      totalIsExact: found.totalIsExact,
      page,
      lastPage: Math.max(1, Math.ceil(found.total / RESULTS_PER_PAGE)),
    }
  }

  const items = opened ? [] : await libraryItems(ctx, projectId!, { type, tagId })
  return { types, tags, filters, items, search, opened, trash: null }
}

/** The project's live items, newest first, with their tags and chunk counts. */
async function libraryItems(
  ctx: HttpContext,
  projectId: string,
  filters: { type: string | null; tagId: string | null }
) {
  const { trx } = ctx.tenant
  const query = trx
    .from('content_items as i')
    .where('i.project_id', projectId)
    .whereNull('i.deleted_at')
    .select(
      'i.*',
      ...textStatusColumns(trx),
      trx.raw(
        `(select r.chunk_count from ingestion_runs r
           where r.content_item_id = i.id and r.version = i.current_version) as chunk_count`
      )
    )
    .orderBy('i.updated_at', 'desc')
    .limit(100)
  if (filters.type) query.where('i.content_type', filters.type)
  if (filters.tagId) {
    const tagId = filters.tagId
    query.whereExists((tagged) =>
      tagged
        .from('content_tags as ct')
        .whereRaw('ct.content_item_id = i.id')
        .where('ct.tag_id', tagId)
    )
  }
  const rows = await query
  const tagRows = rows.length
    ? await trx
        .from('content_tags as ct')
        .join('tags', 'tags.id', 'ct.tag_id')
        .whereIn(
          'ct.content_item_id',
          rows.map((row) => row.id)
        )
        .orderBy('tags.name')
        .select('ct.content_item_id', 'tags.id', 'tags.name', 'tags.color')
    : []
  return rows.map((row) => ({
    ...serializeItem(row),
    ingestionStatus: (row.ingestion_status as string | null) ?? null,
    chunks: row.chunk_count === null ? null : Number(row.chunk_count),
    tags: tagRows
      .filter((tag) => tag.content_item_id === row.id)
      .map((tag) => ({ id: tag.id as string, name: tag.name as string, color: tag.color })),
  }))
}

/** One item of the project, opened: its text rendered, at a passage when one was chosen. */
async function openedItem(
  ctx: HttpContext,
  projectId: string,
  itemId: string,
  chunkId: string | null,
  q: string
) {
  const { trx } = ctx.tenant
  const item = await trx
    .from('content_items')
    .where({ id: itemId, project_id: projectId })
    .whereNull('deleted_at')
    .first()
  if (!item) return null
  const text = await textOf(trx, item.id)
  const body: string = text?.body ?? ''
  const versions = await versionsOf(trx, item.id)
  const run = await ingestionRunOf(trx, item.id, item.current_version)
  // A chunk of the current text only: an older version's offsets would point elsewhere.
  const chunk = chunkId
    ? await trx
        .from('content_chunks')
        .where({ id: chunkId, content_item_id: item.id, version: item.current_version })
        .select('id', 'heading', 'body', 'start_offset', 'end_offset')
        .first()
    : null
  const passage =
    chunk && Number(chunk.end_offset) > Number(chunk.start_offset) && body
      ? { start: Number(chunk.start_offset), end: Number(chunk.end_offset) }
      : null
  const words = q ? await matchedWords(trx, q, chunk?.body ?? body) : []
  const tags = await tagsOfItem(trx, item.id).orderBy('tags.name')
  return {
    ...serializeItem(item),
    body,
    html: body ? renderItemText(item.content_type, item.language, body, passage, words) : null,
    passage: passage
      ? { chunkId: chunk.id as string, heading: chunk.heading as string | null }
      : null,
    words,
    tags: tags.map((tag) => ({
      id: tag.id as string,
      name: tag.name as string,
      color: tag.color as string | null,
    })),
    versions: versions.map(serializeVersion),
    ingestion: run ? { status: run.status as string, chunks: Number(run.chunk_count) } : null,
    textStatus: textStatusOf(run?.status, Boolean(body.trim())),
  }
}
