/*
| Search results grouped by document: one row per content item, ranked by its
| best passage, with its best passages (highlighted, with the chunk's id and
| offsets so a page can open the item scrolled to the passage), paginated by
| items. The passages come from the chunk-level rankings of search_service.ts,
| which carry the relevance floor: an item without evidence is never a row.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { EmbeddingProvider } from './embeddings.js'
import {
  ANY_TERM,
  HEADLINE_OPTIONS,
  fulltextSearch,
  fuzzyTitleSearch,
  hybridSearch,
  semanticSearch,
  type HybridWeights,
  type SearchFilters,
  type SearchHit,
} from './search_service.js'

/** What the API calls its modes; `title` is the fuzzy title search. */
export const SEARCH_MODES = ['hybrid', 'fulltext', 'semantic', 'title'] as const
export type ApiSearchMode = (typeof SEARCH_MODES)[number]

/** Older names still accepted. */
export const MODE_ALIASES: Record<string, ApiSearchMode> = { fuzzy: 'title' }

export const modeNamed = (name: string | undefined): ApiSearchMode =>
  MODE_ALIASES[name ?? ''] ?? (name as ApiSearchMode | undefined) ?? 'hybrid'

/** Passages shown per item. */
export const PASSAGES_PER_ITEM = 3

/**
 * How many ranked passages are grouped into items. Items are ranked by their
 * best passage, so grouping needs the ranking well past the page; past this
 * many passages `meta.totalIsExact` is false (more items may match).
 */
export const MAX_CANDIDATES = 1000

export interface Passage {
  chunkId: string
  position: number
  heading: string | null
  /** Where the passage sits in the item's text (characters), to scroll to it. */
  startOffset: number
  endOffset: number
  score: number
  /** The passage with the query's words in <mark>; the rest of the text is as stored. */
  snippet: string
}

export interface ItemHit {
  itemId: string
  title: string
  contentType: string
  projectId: string
  originalFilename: string | null
  /** The item's best passage's score (for `title`, the title's similarity). */
  score: number
  /** How many of the item's passages matched (among the ranked passages). */
  matchingPassages: number
  /** Its best passages, best first (none in `title` mode). */
  passages: Passage[]
}

export interface GroupedSearch {
  q: string
  mode: ApiSearchMode
  filters: SearchFilters
  embedder: EmbeddingProvider
  weights: HybridWeights
  page: number
  perPage: number
}

function rankPassages(trx: TenantTransaction, search: GroupedSearch): Promise<SearchHit[]> {
  const { q, filters, embedder, weights } = search
  const noSnippets = { snippets: false }
  switch (search.mode) {
    case 'fulltext':
      return fulltextSearch(trx, q, filters, MAX_CANDIDATES, 0, noSnippets)
    case 'semantic':
      return semanticSearch(trx, q, filters, embedder, MAX_CANDIDATES)
    case 'title':
      return fuzzyTitleSearch(trx, q, filters, MAX_CANDIDATES)
    default:
      return hybridSearch(trx, q, filters, embedder, weights, MAX_CANDIDATES, 0, noSnippets)
  }
}

/** Items in the order of their best passage (the rankings are sorted best first). */
function groupByItem(hits: SearchHit[]) {
  const items = new Map<string, { best: SearchHit; chunks: SearchHit[]; matching: number }>()
  for (const hit of hits) {
    const item = items.get(hit.itemId)
    if (!item) items.set(hit.itemId, { best: hit, chunks: hit.chunkId ? [hit] : [], matching: 1 })
    else {
      item.matching++
      if (hit.chunkId && item.chunks.length < PASSAGES_PER_ITEM) item.chunks.push(hit)
    }
  }
  return [...items.values()]
}

/** The passages' text and place, highlighted for the query (any of its words). */
async function passagesOf(trx: TenantTransaction, q: string, chunkIds: string[]) {
  if (chunkIds.length === 0) return new Map()
  const rows = await trx
    .from('content_chunks as c')
    .whereIn('c.id', chunkIds)
    .select(
      'c.id',
      'c.position',
      'c.heading',
      'c.start_offset',
      'c.end_offset',
      trx.raw(`ts_headline('english', c.body, ${ANY_TERM}, '${HEADLINE_OPTIONS}') as snippet`, [q])
    )
  return new Map(rows.map((row: any) => [row.id as string, row]))
}

/** One page of items for the query, with the number of items found. */
export async function searchItems(trx: TenantTransaction, search: GroupedSearch) {
  const ranked = await rankPassages(trx, search)
  const groups = groupByItem(ranked)
  const offset = (search.page - 1) * search.perPage
  const page = groups.slice(offset, offset + search.perPage)

  const chunks = await passagesOf(
    trx,
    search.q,
    page.flatMap((group) => group.chunks.map((chunk) => chunk.chunkId!))
  )
  const itemIds = page.map((group) => group.best.itemId)
  const items = itemIds.length
    ? await trx.from('content_items').whereIn('id', itemIds).select('id', 'original_filename')
    : []
  const filenames = new Map<string, string | null>(
    items.map((row: any) => [row.id, row.original_filename])
  )
  const data: ItemHit[] = page.map(({ best, chunks: passages, matching }) => ({
    itemId: best.itemId,
    title: best.title,
    contentType: best.contentType,
    projectId: best.projectId,
    originalFilename: filenames.get(best.itemId) ?? null,
    score: best.score,
    matchingPassages: search.mode === 'title' ? 0 : matching,
    passages: passages.map((hit) => {
      const row = chunks.get(hit.chunkId!)
      return {
        chunkId: hit.chunkId!,
        position: Number(row?.position ?? hit.position),
        heading: row?.heading ?? null,
        startOffset: Number(row?.start_offset ?? 0),
        endOffset: Number(row?.end_offset ?? 0),
        score: hit.score,
        snippet: row?.snippet ?? hit.snippet,
      }
    }),
  }))
  return {
    data,
    total: groups.length,
    // A full candidate list may have cut off items further down.
    totalIsExact: ranked.length < MAX_CANDIDATES,
  }
}
