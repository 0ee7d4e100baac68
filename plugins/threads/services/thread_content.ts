/*
| The context a member chose for a thread (thread_content): whole items or
| specific chunks of them, pinned or not, in an order. The rows are this
| plugin's; what the items hold is read through the content plugin's
| `content.retrieval` point, never from its tables.
*/
import app from '@adonisjs/core/services/app'
import { PluginRegistry } from '#plugins_core/registry'
import { contentRetrievals } from '#plugins/content/services/extension_points'
import type { ContentRetrieval } from '#plugins/content/services/retrieval'
import type { TenantTransaction } from '#tenancy/with_tenant'
import { UnprocessableError } from '#exceptions/domain_errors'
import { uuidArray } from './thread_tree.js'

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

/** The content library as the content plugin offers it to other plugins. */
export async function contentLibrary(): Promise<ContentRetrieval> {
  const registry = await app.container.make(PluginRegistry)
  const [first] = registry.contributions(contentRetrievals)
  if (!first)
    throw new Error('Nothing contributes content.retrieval: is the content plugin installed?')
  return first.value
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
  const rows = await contextRows(trx, threadId)
  return rows.map(toContextEntry)
}

/**
 * Makes the context writes of one thread take turns until the transaction
 * ends (positions, the reorder's "exactly these entries"). NO KEY UPDATE: it
 * does not hold back inserts of messages that reference the thread.
 */
export async function lockThreadContext(trx: TenantTransaction, threadId: string) {
  await trx.rawQuery('select 1 from threads where id = ? for no key update', [threadId])
}

export function findEntry(
  trx: TenantTransaction,
  threadId: string,
  itemId: string
): Promise<ContextRow | null> {
  return trx.from('thread_content').where({ thread_id: threadId, content_item_id: itemId }).first()
}

async function nextPosition(trx: TenantTransaction, threadId: string) {
  const row = await trx
    .from('thread_content')
    .where('thread_id', threadId)
    .max('position as last')
    .first()
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1
}

/**
 * The item, when it is in the project and not in the trash; otherwise a 422
 * naming contentItemId.
 */
export async function assertItemOfProject(
  trx: TenantTransaction,
  library: ContentRetrieval,
  projectId: string,
  itemId: string
) {
  const [item] = await library.items(trx, [itemId])
  if (!item || item.projectId !== projectId) {
    throw new UnprocessableError([
      {
        field: 'contentItemId',
        message: "No such item in this thread's project, or it is in the trash",
        rule: 'exists',
      },
    ])
  }
  return item
}

/** A 422 naming chunkIds unless every id is a chunk of the item. */
export async function assertChunksOfItem(
  trx: TenantTransaction,
  library: ContentRetrieval,
  itemId: string,
  chunkIds: string[]
) {
  const found = await library.chunksById(trx, chunkIds)
  const ofItem = new Set(found.filter((chunk) => chunk.itemId === itemId).map((c) => c.chunkId))
  const strangers = chunkIds.filter((id) => !ofItem.has(id))
  if (strangers.length > 0) {
    throw new UnprocessableError([
      {
        field: 'chunkIds',
        message: `${strangers.length === 1 ? 'One chunk is' : `${strangers.length} chunks are`} not part of this item (or no longer exist): ${strangers.join(', ')}`,
        rule: 'exists',
      },
    ])
  }
}

export interface EntryInput {
  chunkIds?: string[] | null
  pinned?: boolean
  relevance?: number
  tokenBudget?: number | null
}

const columnsOf = (input: EntryInput) => {
  const columns: Record<string, unknown> = {}
  if (input.chunkIds !== undefined)
    columns.chunk_ids = input.chunkIds === null ? null : uuidArray(input.chunkIds)
  if (input.pinned !== undefined) columns.is_pinned = input.pinned
  if (input.relevance !== undefined) columns.relevance_score = input.relevance
  if (input.tokenBudget !== undefined) columns.token_budget = input.tokenBudget
  return columns
}

/** A new entry, placed after the others. */
export async function insertEntry(
  trx: TenantTransaction,
  entry: { tenantId: string; threadId: string; itemId: string; userId: string } & EntryInput
): Promise<ContextRow> {
  const [row] = await trx
    .table('thread_content')
    .insert({
      tenant_id: entry.tenantId,
      thread_id: entry.threadId,
      content_item_id: entry.itemId,
      position: await nextPosition(trx, entry.threadId),
      created_by: entry.userId,
      ...columnsOf(entry),
    })
    .returning('*')
  return row
}

export async function updateEntry(
  trx: TenantTransaction,
  threadId: string,
  itemId: string,
  change: EntryInput
): Promise<ContextRow> {
  const [row] = await trx
    .from('thread_content')
    .where({ thread_id: threadId, content_item_id: itemId })
    .update({ ...columnsOf(change), updated_at: trx.raw('now()') })
    .returning('*')
  return row
}

/** Chunks added to an entry: a whole item stays whole, a chunk list grows (each id once). */
export function mergedChunks(current: string[] | null, added: string[] | undefined) {
  if (added === undefined || current === null) return null
  return [...new Set([...current, ...added])]
}

export async function deleteEntry(trx: TenantTransaction, threadId: string, itemId: string) {
  const removed = await trx
    .from('thread_content')
    .where({ thread_id: threadId, content_item_id: itemId })
    .delete()
  return Number(removed) > 0
}

/**
 * Gives the entries positions 0, 1, 2… in the order of `itemIds`, which must
 * name each of the thread's entries once (else a 422 naming itemIds).
 */
export async function reorderEntries(trx: TenantTransaction, threadId: string, itemIds: string[]) {
  const rows = await contextRows(trx, threadId)
  const present = rows.map((row) => row.content_item_id)
  const given = new Set(itemIds)
  const missing = present.filter((id) => !given.has(id))
  const unknown = itemIds.filter((id) => !present.includes(id))
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `missing ${missing.length}` : '',
      unknown.length > 0 ? `${unknown.length} not in it` : '',
    ].filter(Boolean)
    throw new UnprocessableError([
      {
        field: 'itemIds',
        message: `List every item of the thread's context exactly once (${parts.join(', ')})`,
        rule: 'sameSet',
      },
    ])
  }
  if (itemIds.length === 0) return
  await trx.rawQuery(
    `update thread_content t set position = o.position - 1, updated_at = now()
       from unnest(?::uuid[]) with ordinality as o(id, position)
      where t.thread_id = ? and t.content_item_id = o.id`,
    [uuidArray(itemIds), threadId]
  )
}

/**
 * Adds the items a tag carries, after the others, with the rule that brought
 * them; items already in the context stay as they are.
 */
export async function addTaggedItems(
  trx: TenantTransaction,
  entry: { tenantId: string; threadId: string; userId: string },
  itemIds: string[],
  rule: { tagId: string; tagName: string }
) {
  const rows = await contextRows(trx, entry.threadId)
  const present = new Set(rows.map((row) => row.content_item_id))
  const toAdd = itemIds.filter((id) => !present.has(id))
  if (toAdd.length > 0) {
    const start = await nextPosition(trx, entry.threadId)
    await trx.table('thread_content').insert(
      toAdd.map((itemId, index) => ({
        tenant_id: entry.tenantId,
        thread_id: entry.threadId,
        content_item_id: itemId,
        position: start + index,
        inclusion_method: 'tag',
        inclusion_rule: JSON.stringify(rule),
        created_by: entry.userId,
      }))
    )
  }
  return { added: toAdd.length, alreadyPresent: itemIds.length - toAdd.length }
}
