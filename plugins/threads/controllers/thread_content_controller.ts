import type { HttpContext } from '@adonisjs/core/http'
import { recordChange } from '#services/change_log'
import { NotFoundError, UnprocessableError } from '#exceptions/domain_errors'
import {
  addContextTagValidator,
  addContextValidator,
  reorderContextValidator,
  updateContextValidator,
} from '../validators/threads.js'
import { loadThreadAccess, type ThreadAccess } from '../services/thread_access.js'
import {
  addTaggedItems,
  assertChunksOfItem,
  assertItemOfProject,
  contentLibrary,
  contextRows,
  deleteEntry,
  findEntry,
  insertEntry,
  lockThreadContext,
  mergedChunks,
  reorderEntries,
  updateEntry,
  type ContextRow,
} from '../services/thread_content.js'
import { describeEntries } from '../services/thread_context_view.js'

/**
 * The context a thread carries: items and chunks its project's viewers read
 * and its editors choose. Each change is one audit entry, thread.context_changed.
 */
export default class ThreadContentController {
  async index(ctx: HttpContext) {
    const { thread } = await loadThreadAccess(ctx, ctx.params.id)
    return { data: await this.#describe(ctx, await contextRows(ctx.tenant.trx, thread.id)) }
  }

  /**
   * Adds an item, whole or some of its chunks. On an item already there the
   * chunks join its list, the whole item replaces a list, and the other fields
   * given change: 200 then, 201 for a new entry.
   */
  async store(ctx: HttpContext) {
    const access = await this.#writable(ctx)
    const input = await ctx.request.validateUsing(addContextValidator)
    const { trx } = ctx.tenant
    const { thread } = access
    const library = await contentLibrary()
    await assertItemOfProject(trx, library, thread.project_id, input.contentItemId)
    if (input.chunkIds) await assertChunksOfItem(trx, library, input.contentItemId, input.chunkIds)

    const existing = await findEntry(trx, thread.id, input.contentItemId)
    const fields = {
      pinned: input.pinned,
      relevance: input.relevance,
      tokenBudget: input.tokenBudget,
    }
    const row = existing
      ? await updateEntry(trx, thread.id, input.contentItemId, {
          ...fields,
          chunkIds: mergedChunks(existing.chunk_ids, input.chunkIds),
        })
      : await insertEntry(trx, {
          ...fields,
          tenantId: ctx.tenant.id,
          threadId: thread.id,
          itemId: input.contentItemId,
          userId: ctx.tenant.user.id,
          chunkIds: input.chunkIds ?? null,
        })
    await this.#audit(ctx, access, existing ? 'item_updated' : 'item_added', {
      contentItemId: input.contentItemId,
      chunks: row.chunk_ids?.length ?? 'whole item',
    })
    const [entry] = await this.#describe(ctx, [row])
    return existing ? { data: entry } : ctx.response.created({ data: entry })
  }

  /** Adds every item of the project carrying the tag; those already there stay as they are. */
  async addTag(ctx: HttpContext) {
    const access = await this.#writable(ctx)
    const { tagId } = await ctx.request.validateUsing(addContextTagValidator)
    const { trx } = ctx.tenant
    const { thread } = access
    const library = await contentLibrary()
    const tag = await library.tagOf(trx, tagId)
    if (!tag || tag.projectId !== thread.project_id) {
      throw new UnprocessableError([
        { field: 'tagId', message: "No such tag in this thread's project", rule: 'exists' },
      ])
    }
    const itemIds = await library.itemsTagged(trx, thread.project_id, tag.id)
    const result = await addTaggedItems(
      trx,
      { tenantId: ctx.tenant.id, threadId: thread.id, userId: ctx.tenant.user.id },
      itemIds,
      { tagId: tag.id, tagName: tag.name }
    )
    await this.#audit(ctx, access, 'tag_added', { tagId: tag.id, tagName: tag.name, ...result })
    return { data: result }
  }

  async update(ctx: HttpContext) {
    const access = await this.#writable(ctx)
    const itemId = ctx.params.itemId
    // An item the thread does not hold is a 404 whatever the body says.
    await this.#entry(ctx, access, itemId)
    const change = await ctx.request.validateUsing(updateContextValidator)
    const { trx } = ctx.tenant
    if (change.chunkIds) {
      await assertChunksOfItem(trx, await contentLibrary(), itemId, change.chunkIds)
    }
    const row = await updateEntry(trx, access.thread.id, itemId, change)
    await this.#audit(ctx, access, 'item_updated', {
      contentItemId: itemId,
      fields: Object.keys(change).filter((key) => (change as any)[key] !== undefined),
    })
    const [entry] = await this.#describe(ctx, [row])
    return { data: entry }
  }

  async destroy(ctx: HttpContext) {
    const access = await this.#writable(ctx)
    const itemId = ctx.params.itemId
    await this.#entry(ctx, access, itemId)
    await deleteEntry(ctx.tenant.trx, access.thread.id, itemId)
    await this.#audit(ctx, access, 'item_removed', { contentItemId: itemId })
    return ctx.response.noContent()
  }

  /** The full order of the thread's entries (pinned ones are still listed first). */
  async reorder(ctx: HttpContext) {
    const access = await this.#writable(ctx)
    const { itemIds } = await ctx.request.validateUsing(reorderContextValidator)
    const { trx } = ctx.tenant
    await reorderEntries(trx, access.thread.id, itemIds)
    await this.#audit(ctx, access, 'reordered', { items: itemIds.length })
    return { data: await this.#describe(ctx, await contextRows(trx, access.thread.id)) }
  }

  /** The thread for a context change: an editor's, with its context writes taking turns. */
  async #writable(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    await ctx.bouncer.authorize('editProject', access)
    await lockThreadContext(ctx.tenant.trx, access.thread.id)
    return access
  }

  async #entry(ctx: HttpContext, access: ThreadAccess, itemId: string) {
    const entry = await findEntry(ctx.tenant.trx, access.thread.id, itemId)
    if (!entry) throw new NotFoundError("This item is not in the thread's context")
    return entry
  }

  async #describe(ctx: HttpContext, rows: ContextRow[]) {
    return describeEntries(ctx.tenant.trx, await contentLibrary(), rows)
  }

  #audit(ctx: HttpContext, access: ThreadAccess, what: string, details: Record<string, unknown>) {
    return recordChange(ctx, {
      action: 'thread.context_changed',
      subjectType: 'thread',
      subjectId: access.thread.id,
      details: { name: access.thread.name, what, ...details },
    })
  }
}
