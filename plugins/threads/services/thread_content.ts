/*
| The context a member chose for a thread (thread_content): whole items or
| specific chunks of them, pinned or not, in an order. These are the rows only;
| what the items hold is read through the content plugin's retrieval point.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'

export type InclusionMethod = 'manual' | 'tag' | 'semantic'

/** One chosen entry, as the context builder reads it. */
export interface ContextEntry {
  contentItemId: string
  /** Specific chunks of the item; null is the whole item. */
  chunkIds: string[] | null
  pinned: boolean
  relevance: number
  /** The most tokens this entry may take of the prompt; null is no limit of its own. */
  tokenBudget: number | null
  inclusionMethod: InclusionMethod
  position: number
}

export interface ContextRow {
  tenant_id: string
  thread_id: string
  content_item_id: string
  chunk_ids: string[] | null
  relevance_score: number
  position: number
  is_pinned: boolean
  inclusion_method: InclusionMethod
  inclusion_rule: Record<string, unknown>
  token_budget: number | null
  created_by: string | null
  created_at: Date
  updated_at: Date
}

/** The thread's rows in their order: pinned first, then by position. */
export function contextRows(trx: TenantTransaction, threadId: string): Promise<ContextRow[]> {
  return trx
    .from('thread_content')
    .where('thread_id', threadId)
    .orderBy([
      { column: 'is_pinned', order: 'desc' },
      { column: 'position', order: 'asc' },
      { column: 'created_at', order: 'asc' },
    ])
    .select('*')
}

export const toContextEntry = (row: ContextRow): ContextEntry => ({
  contentItemId: row.content_item_id,
  chunkIds: row.chunk_ids,
  pinned: row.is_pinned,
  relevance: Number(row.relevance_score),
  tokenBudget: row.token_budget,
  inclusionMethod: row.inclusion_method,
  position: row.position,
})

/**
 * The thread's chosen context in order (pinned first, then position). Items
 * since moved to the trash are still listed: the caller reads them through
 * `content.retrieval`, which leaves trashed items out.
 */
export async function contextEntries(
  trx: TenantTransaction,
  threadId: string
): Promise<ContextEntry[]> {
  return (await contextRows(trx, threadId)).map(toContextEntry)
}
