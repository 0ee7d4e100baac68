/*
| What other plugins read of the content library to build a model's context:
| passages for a question, an item's chunks, chosen chunks, items of a tag.
| The content plugin contributes this to its own `content.retrieval` point and
| a consumer (the threads plugin) reads the contribution, so no plugin reaches
| into these tables directly. Every call runs in the caller's tenant
| transaction (row-level security) and skips items in the trash.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'
import { contentCatalog } from './catalog.js'
import { searchConfiguration } from './search_configuration.js'
import { hybridSearch } from './search_service.js'

export interface RetrievedChunk {
  chunkId: string
  itemId: string
  itemTitle: string
  position: number
  heading: string | null
  body: string
  tokenCount: number
  /** The search's score for retrieved passages; 1 for chunks asked for by id or item. */
  score: number
}

export interface RetrievableItem {
  id: string
  projectId: string
  title: string
  contentType: string
}

export interface RetrievableTag {
  id: string
  projectId: string
  name: string
}

export interface RetrievalQuery {
  projectId: string
  query: string
  limit: number
  /** Only passages of these items. */
  itemIds?: string[]
}

export interface ContentRetrieval {
  /** The best passages for a question (hybrid search), best first. */
  retrieve(trx: TenantTransaction, query: RetrievalQuery): Promise<RetrievedChunk[]>
  /** Every chunk of these items, by item then position. */
  chunksOfItems(trx: TenantTransaction, itemIds: string[]): Promise<RetrievedChunk[]>
  /** These chunks where they still exist (an edit re-chunks its item), by item then position. */
  chunksById(trx: TenantTransaction, chunkIds: string[]): Promise<RetrievedChunk[]>
  /** Those of these items that exist and are not in the trash. */
  items(trx: TenantTransaction, itemIds: string[]): Promise<RetrievableItem[]>
  /** The ids of a project's items carrying a tag. */
  itemsTagged(trx: TenantTransaction, projectId: string, tagId: string): Promise<string[]>
  /** A tag of the workspace with its project, or null. */
  tagOf(trx: TenantTransaction, tagId: string): Promise<RetrievableTag | null>
}

function chunkRows(trx: TenantTransaction) {
  return trx
    .from('content_chunks as c')
    .join('content_items as i', 'i.id', 'c.content_item_id')
    .whereNull('i.deleted_at')
    .select(
      'c.id',
      'c.content_item_id',
      'i.title',
      'c.position',
      'c.heading',
      'c.body',
      'c.token_count'
    )
    .orderBy([{ column: 'c.content_item_id' }, { column: 'c.position' }])
}

const toChunk = (row: any, score = 1): RetrievedChunk => ({
  chunkId: row.id,
  itemId: row.content_item_id,
  itemTitle: row.title,
  position: row.position,
  heading: row.heading,
  body: row.body,
  tokenCount: row.token_count,
  score,
})

/** The content plugin's retrieval; `embeddingProvider` reads the tenant's setting. */
export function contentRetrieval(
  embeddingProvider: (trx: TenantTransaction) => Promise<string>
): ContentRetrieval {
  return {
    async retrieve(trx, { projectId, query, limit, itemIds }) {
      if (itemIds && itemIds.length === 0) return []
      const catalog = await contentCatalog(trx)
      const embedder = catalog.embedder(await embeddingProvider(trx))
      const config = await searchConfiguration(trx)
      const weights = {
        fulltext: config.fulltextWeight,
        semantic: config.semanticWeight,
        k: config.rrfK,
      }
      const filters = { projectIds: [projectId], itemIds }
      const hits = await hybridSearch(trx, query, filters, embedder, weights, limit, 0, {
        snippets: false,
      })
      const scores = new Map(
        hits.filter((hit) => hit.chunkId).map((hit) => [hit.chunkId!, hit.score])
      )
      if (scores.size === 0) return []
      const rows = await chunkRows(trx).whereIn('c.id', [...scores.keys()])
      return rows
        .map((row: any) => toChunk(row, scores.get(row.id)))
        .sort((a: RetrievedChunk, b: RetrievedChunk) => b.score - a.score)
    },

    async chunksOfItems(trx, itemIds) {
      if (itemIds.length === 0) return []
      return (await chunkRows(trx).whereIn('c.content_item_id', itemIds)).map((row: any) =>
        toChunk(row)
      )
    },

    async chunksById(trx, chunkIds) {
      if (chunkIds.length === 0) return []
      return (await chunkRows(trx).whereIn('c.id', chunkIds)).map((row: any) => toChunk(row))
    },

    async items(trx, itemIds) {
      if (itemIds.length === 0) return []
      const rows = await trx
        .from('content_items')
        .whereIn('id', itemIds)
        .whereNull('deleted_at')
        .select('id', 'project_id', 'title', 'content_type')
      return rows.map((row: any) => ({
        id: row.id,
        projectId: row.project_id,
        title: row.title,
        contentType: row.content_type,
      }))
    },

    async itemsTagged(trx, projectId, tagId) {
      const rows = await trx
        .from('content_tags as ct')
        .join('content_items as i', 'i.id', 'ct.content_item_id')
        .where('ct.tag_id', tagId)
        .where('i.project_id', projectId)
        .whereNull('i.deleted_at')
        .orderBy('i.title')
        .select('i.id')
      return rows.map((row: any) => row.id as string)
    },

    async tagOf(trx, tagId) {
      const row = await trx
        .from('tags')
        .where('id', tagId)
        .select('id', 'project_id', 'name')
        .first()
      return row ? { id: row.id, projectId: row.project_id, name: row.name } : null
    },
  }
}
