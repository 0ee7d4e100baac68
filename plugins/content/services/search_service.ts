/*
| Search over the tenant's chunks: full-text (websearch_to_tsquery, ranked by
| ts_rank_cd, highlighted with ts_headline), fuzzy titles (pg_trgm), semantic
| (exact cosine over the stored embeddings, in plain SQL) and hybrid
| (reciprocal rank fusion of full-text and semantic, weighted per tenant).
| Row-level security scopes every query to the tenant; the project filter
| scopes it to what the user may see.
|
| A relevance floor keeps noise out of every mode: full-text and title search
| return only matches; a semantic hit needs lexical evidence (a query word in
| the chunk) or a cosine above the provider's noise level (`minSimilarity`), and
| hybrid fuses those two lists — so a nonsense query finds nothing.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { EmbeddingProvider } from './embeddings.js'
import { HNSW_EF_SEARCH, hasVectorIndex, vectorLiteral } from './vector_index.js'

export type SearchMode = 'fulltext' | 'fuzzy' | 'semantic' | 'hybrid'

export interface SearchFilters {
  /** The projects searched: the caller's visible projects, narrowed by the request. */
  projectIds: string[] | null
  tagIds?: string[]
  types?: string[]
  /** Only these items (a thread's chosen items). */
  itemIds?: string[]
}

export interface SearchHit {
  itemId: string
  title: string
  contentType: string
  projectId: string
  chunkId: string | null
  position: number | null
  score: number
  snippet: string
}

export interface HybridWeights {
  fulltext: number
  semantic: number
  k: number
}

function scope(query: any, filters: SearchFilters) {
  query.whereNull('i.deleted_at')
  if (filters.projectIds) query.whereIn('i.project_id', filters.projectIds)
  if (filters.types?.length) query.whereIn('i.content_type', filters.types)
  if (filters.itemIds) query.whereIn('i.id', filters.itemIds)
  for (const tagId of filters.tagIds ?? []) {
    query.whereExists((tagged: any) =>
      tagged
        .from('content_tags as ct')
        .whereRaw('ct.content_item_id = i.id')
        .where('ct.tag_id', tagId)
    )
  }
  return query
}

const toHit = (row: any): SearchHit => ({
  itemId: row.item_id,
  title: row.title,
  contentType: row.content_type,
  projectId: row.project_id,
  chunkId: row.chunk_id ?? null,
  position: row.position ?? null,
  score: Number(row.score),
  snippet: row.snippet ?? '',
})

/** ts_headline's options: the words of the query marked, two short fragments. */
export const HEADLINE_OPTIONS =
  'StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2'

export interface RankOptions {
  /** False skips the highlighted snippets (ts_headline is the costly part) when ranking only. */
  snippets?: boolean
}

async function rankedChunks(
  trx: TenantTransaction,
  tsquery: string,
  q: string,
  filters: SearchFilters,
  limit: number,
  options: RankOptions = {}
): Promise<SearchHit[]> {
  const rows = await scope(
    trx
      .from('content_chunks as c')
      .join('content_items as i', 'i.id', 'c.content_item_id')
      .whereRaw(`c.search @@ ${tsquery}`, [q])
      .select(
        'i.id as item_id',
        'i.title',
        'i.content_type',
        'i.project_id',
        'c.id as chunk_id',
        'c.position',
        trx.raw(`ts_rank_cd(c.search, ${tsquery}) as score`, [q]),
        options.snippets === false
          ? trx.raw(`'' as snippet`)
          : trx.raw(
              `ts_headline('english', c.body, ${tsquery}, '${HEADLINE_OPTIONS}') as snippet`,
              [q]
            )
      ),
    filters
  )
    .orderBy('score', 'desc')
    .orderBy('c.id')
    .limit(limit)
  return rows.map(toHit)
}

const ALL_TERMS = `websearch_to_tsquery('english', ?)`
export const ANY_TERM = `replace(websearch_to_tsquery('english', ?)::text, ' & ', ' | ')::tsquery`

/** Quotes, -exclusions or "or": the query says itself how its words combine. */
const usesOperators = (q: string) => /["-]|\bor\b/i.test(q)

/**
 * Lexical evidence for a semantic hit: any of the query's words, or — when it uses
 * operators — the query as written (turning `-flutter`'s AND into OR would make every
 * chunk without "flutter" evidence).
 */
const evidenceQuery = (q: string) => (usesOperators(q) ? ALL_TERMS : ANY_TERM)

/**
 * Chunks holding every term first (websearch syntax: quotes, -exclusions, or).
 * A plain question rarely has all its words in one chunk, so when too few do,
 * chunks holding any of the terms follow, ranked among themselves.
 */
export async function fulltextSearch(
  trx: TenantTransaction,
  q: string,
  filters: SearchFilters,
  limit: number,
  offset = 0,
  options: RankOptions = {}
) {
  const wanted = offset + limit
  const strict = await rankedChunks(trx, ALL_TERMS, q, filters, wanted, options)
  if (strict.length >= wanted || usesOperators(q)) return strict.slice(offset, wanted)
  const seen = new Set(strict.map((hit) => hit.chunkId))
  const loose = await rankedChunks(trx, ANY_TERM, q, filters, wanted + strict.length, options)
  return [...strict, ...loose.filter((hit) => !seen.has(hit.chunkId))].slice(offset, wanted)
}

export async function fuzzyTitleSearch(
  trx: TenantTransaction,
  q: string,
  filters: SearchFilters,
  limit: number,
  offset = 0
) {
  const rows = await scope(
    trx
      .from('content_items as i')
      .whereRaw('(i.title % ? or i.title ilike ?)', [q, `%${q.replace(/[\\%_]/g, '\\$&')}%`])
      .select(
        'i.id as item_id',
        'i.title',
        'i.content_type',
        'i.project_id',
        trx.raw('similarity(i.title, ?) as score', [q]),
        'i.title as snippet'
      ),
    filters
  )
    .orderBy('score', 'desc')
    .orderBy('i.id')
    .limit(limit)
    .offset(offset)
  return rows.map(toHit)
}

/**
 * Nearest chunks by cosine similarity: through pgvector's HNSW index where the
 * database has it (approximate), otherwise exactly, over every chunk in SQL.
 * Only chunks with evidence count: a query word in the chunk, or a cosine at or
 * above the provider's `minSimilarity` (`floor: false` ranks every chunk).
 */
export async function semanticSearch(
  trx: TenantTransaction,
  q: string,
  filters: SearchFilters,
  embedder: EmbeddingProvider,
  limit: number,
  offset = 0,
  options: { exact?: boolean; floor?: boolean } = {}
): Promise<SearchHit[]> {
  const [vector] = await embedder.embed([q])
  const approximate = !options.exact && (await hasVectorIndex(trx))
  const [similarity, vectorBinding] = approximate
    ? ['1 - (c.embedding_vector <=> ?::vector)', vectorLiteral(vector)]
    : // Embeddings are unit vectors: the dot product is the cosine similarity.
      [
        '(select sum(a * b) from unnest(c.embedding, ?::real[]) as t(a, b))',
        `{${vector.join(',')}}`,
      ]
  const select = [
    'i.id as item_id',
    'i.title',
    'i.content_type',
    'i.project_id',
    'c.id as chunk_id',
    'c.position',
    trx.raw(`${similarity} as score`, [vectorBinding]),
    trx.raw('left(c.body, 240) as snippet'),
  ]
  const query = scope(
    trx
      .from('content_chunks as c')
      .join('content_items as i', 'i.id', 'c.content_item_id')
      .select(select),
    filters
  )
  if (options.floor !== false) {
    const floor = embedder.minSimilarity
    const evidence = evidenceQuery(q)
    if (floor === undefined) query.whereRaw(`c.search @@ ${evidence}`, [q])
    else
      query.whereRaw(`(c.search @@ ${evidence} or ${similarity} >= ?)`, [q, vectorBinding, floor])
  }
  if (approximate) {
    // A wider beam than pgvector's default (40): better recall for a few milliseconds.
    // HNSW returns at most ef_search rows, so a deeper ranking (grouping by item asks
    // for up to 1,000 passages) widens it to the depth asked, within pgvector's 1,000.
    const beam = Math.min(1000, Math.max(HNSW_EF_SEARCH, offset + limit))
    await trx.rawQuery(`set local hnsw.ef_search = ${beam}`)
    query.orderByRaw('c.embedding_vector <=> ?::vector', [vectorLiteral(vector)])
  } else query.orderBy('score', 'desc')
  const rows = await query.orderBy('c.id').limit(limit).offset(offset)
  return rows.map(toHit)
}

/**
 * Reciprocal rank fusion: each list adds weight / (k + rank) to a chunk's score.
 * Both lists carry the floor (matches only; semantic hits with evidence), so a
 * fused hit always has lexical evidence or a cosine above the provider's floor.
 */
export function fuseRanks(lists: { hits: SearchHit[]; weight: number }[], k: number): SearchHit[] {
  const fused = new Map<string, SearchHit>()
  for (const { hits, weight } of lists) {
    // A list weighted zero is switched off, not appended with zero scores.
    if (weight <= 0) continue
    hits.forEach((hit, index) => {
      const key = hit.chunkId ?? hit.itemId
      const contribution = weight / (k + index + 1)
      const existing = fused.get(key)
      if (existing) {
        existing.score += contribution
        if (!existing.snippet.includes('<mark>') && hit.snippet.includes('<mark>'))
          existing.snippet = hit.snippet
      } else {
        fused.set(key, { ...hit, score: contribution })
      }
    })
  }
  return [...fused.values()].sort((a, b) => b.score - a.score)
}

export async function hybridSearch(
  trx: TenantTransaction,
  q: string,
  filters: SearchFilters,
  embedder: EmbeddingProvider,
  weights: HybridWeights,
  limit: number,
  offset = 0,
  options: RankOptions = {}
) {
  const depth = Math.max(50, offset + limit)
  const fulltext = await fulltextSearch(trx, q, filters, depth, 0, options)
  const semantic = await semanticSearch(trx, q, filters, embedder, depth)
  return fuseRanks(
    [
      { hits: fulltext, weight: weights.fulltext },
      { hits: semantic, weight: weights.semantic },
    ],
    weights.k
  ).slice(offset, offset + limit)
}
