/*
| The chosen context as a member inspects it: each entry with its item's title
| and type, the chosen chunks with a preview, what the whole item would cost in
| tokens, and the chosen chunks that no longer exist (an edit re-chunks its item).
*/
import type { ContentRetrieval, RetrievedChunk } from '#plugins/content/services/retrieval'
import type { TenantTransaction } from '#tenancy/with_tenant'
import type { ContextRow } from './thread_content.js'

/** How much of a chunk's text an entry shows. */
const PREVIEW_CHARS = 200

const preview = (body: string) => {
  const text = body.replace(/\s+/g, ' ').trim()
  return text.length <= PREVIEW_CHARS ? text : `${text.slice(0, PREVIEW_CHARS - 1).trimEnd()}…`
}

const chunkView = (chunk: RetrievedChunk) => ({
  id: chunk.chunkId,
  position: chunk.position,
  heading: chunk.heading,
  preview: preview(chunk.body),
  tokenCount: chunk.tokenCount,
})

/** The entries in the given order, described through the library. */
export async function describeEntries(
  trx: TenantTransaction,
  library: ContentRetrieval,
  rows: ContextRow[]
) {
  const itemIds = rows.map((row) => row.content_item_id)
  const live = await library.items(trx, itemIds)
  const items = new Map(live.map((item) => [item.id, item]))
  // Every chunk of the live items: the whole-item sums and the chosen chunks alike.
  const chunks = await library.chunksOfItems(trx, [...items.keys()])
  const chunksOfItem = new Map<string, RetrievedChunk[]>()
  for (const chunk of chunks) {
    chunksOfItem.set(chunk.itemId, [...(chunksOfItem.get(chunk.itemId) ?? []), chunk])
  }

  return rows.map((row) => {
    const item = items.get(row.content_item_id)
    const ofItem = chunksOfItem.get(row.content_item_id) ?? []
    const wholeItemTokens = ofItem.reduce((sum, chunk) => sum + chunk.tokenCount, 0)
    const chosen = row.chunk_ids ? new Set(row.chunk_ids) : null
    const chosenChunks = chosen ? ofItem.filter((chunk) => chosen.has(chunk.chunkId)) : null
    const found = new Set(chosenChunks?.map((chunk) => chunk.chunkId))
    return {
      contentItemId: row.content_item_id,
      title: item?.title ?? null,
      contentType: item?.contentType ?? null,
      /** False when the item went to the trash: it is left out of the prompt until restored. */
      available: Boolean(item),
      chunkIds: row.chunk_ids,
      chunks: chosenChunks ? chosenChunks.map(chunkView) : null,
      wholeItemTokens,
      /** What this entry holds: the whole item, or its chosen chunks that still exist. */
      chosenTokens: chosenChunks
        ? chosenChunks.reduce((sum, chunk) => sum + chunk.tokenCount, 0)
        : wholeItemTokens,
      pinned: row.is_pinned,
      relevance: Number(row.relevance_score),
      tokenBudget: row.token_budget,
      inclusionMethod: row.inclusion_method,
      inclusionRule: row.inclusion_rule,
      position: row.position,
      // Only said of a live item: a trashed one's chunks are all out of reach.
      missingChunks: item && row.chunk_ids ? row.chunk_ids.filter((id) => !found.has(id)) : [],
    }
  })
}

export type ContextEntryView = Awaited<ReturnType<typeof describeEntries>>[number]
