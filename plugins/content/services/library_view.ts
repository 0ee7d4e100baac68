import type { HttpContext } from '@adonisjs/core/http'
import { contentCatalog } from './catalog.js'
import { serializeItem, serializeTag, serializeVersion, textStatusOf } from './serializers.js'
import {
  ingestionRunOf,
  textOf,
  textStatusColumns,
  trashPage,
  versionsOf,
} from './content_queries.js'
import { projectTagsWithCounts, tagsOfItem } from './tags.js'
import { matchedWords, renderItemText } from './item_text.js'
import { SEARCH_MODES, modeNamed, searchItems, type ApiSearchMode } from './grouped_search.js'
import { searchConfiguration } from './search_configuration.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Results per page of the library's search. */
const RESULTS_PER_PAGE = 10

/** Trashed items per page of the trash view. */
const TRASH_PER_PAGE = 25

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
