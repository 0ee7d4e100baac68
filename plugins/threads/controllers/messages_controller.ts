import type { HttpContext } from '@adonisjs/core/http'
import { UnprocessableError } from '#exceptions/domain_errors'
import { loadMessageAccess, loadThreadAccess } from '../services/thread_access.js'
import { loadTree, type MessageRow } from '../services/message_tree.js'
import { serializeAssembly, serializeMessage } from '../services/message_serializers.js'
import {
  ask,
  editAndResend,
  previewContext,
  regenerate,
  type ThreadsPluginSettings,
} from '../services/conversation.js'
import { forkFrom } from '../services/fork.js'
import { readContext } from '../services/context_record.js'
import { costOf } from '../services/model_catalog.js'
import { rememberBranch, rememberedLeaf } from '../services/thread_views.js'
import {
  askValidator,
  branchValidator,
  editValidator,
  previewValidator,
  regenerateValidator,
  viewValidator,
} from '../validators/messages.js'

const streamUrl = (message: MessageRow) => `/api/v1/threads/messages/${message.id}/stream`

/**
 * The 202 of an answer that started: the asker's view moves to its branch, and
 * the answer (with the question it answers, when one was written) says where to read it.
 */
async function started(ctx: HttpContext, reply: MessageRow, question?: MessageRow) {
  const { trx, id: tenantId, user } = ctx.tenant
  await rememberBranch(trx, tenantId, reply.thread_id, user.id, reply.id)
  return ctx.response.accepted({
    data: {
      ...(question ? { question: serializeMessage(question) } : {}),
      answer: serializeMessage(reply),
      streamUrl: streamUrl(reply),
    },
  })
}

async function pluginSettings(ctx: HttpContext) {
  return (await ctx.pluginSettings('threads')) as unknown as ThreadsPluginSettings
}

/** A thread's conversation: one branch of its message tree at a time. */
export default class MessagesController {
  /** GET /:id/messages?leafId= — the branch through `leafId`, else the one the member last viewed. */
  async index(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    const input = await ctx.request.validateUsing(branchValidator, { data: ctx.request.qs() })
    const tree = await loadTree(ctx.tenant.trx, access.thread.id)
    if (input.leafId && !tree.get(input.leafId)) {
      throw new UnprocessableError([
        { field: 'leafId', message: 'That message is not in this thread' },
      ])
    }
    const leafId =
      input.leafId ?? (await rememberedLeaf(ctx.tenant.trx, access.thread.id, ctx.tenant.user.id))
    const branch = tree.shownBranch(leafId)
    return {
      data: branch.map((message) => serializeMessage(message, tree)),
      meta: { total: tree.size, canPost: access.role !== 'viewer' },
    }
  }

  /** POST /:id/messages — 202: the question and the answer being written, with where to read it. */
  async store(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    await ctx.bouncer.authorize('editProject', access)
    const input = await ctx.request.validateUsing(askValidator)
    const { question, reply } = await ask(ctx, access, input, await pluginSettings(ctx))
    return started(ctx, reply, question)
  }

  /** PUT /:id/view — remembers the branch the member looks at (its last message). */
  async view(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    const input = await ctx.request.validateUsing(viewValidator)
    const tree = await loadTree(ctx.tenant.trx, access.thread.id)
    if (!tree.get(input.leafId)) {
      throw new UnprocessableError([
        { field: 'leafId', message: 'That message is not in this thread' },
      ])
    }
    await rememberBranch(
      ctx.tenant.trx,
      ctx.tenant.id,
      access.thread.id,
      ctx.tenant.user.id,
      input.leafId
    )
    return ctx.response.noContent()
  }

  /** POST /:id/preview — the context meter: what sending `content` now would use, and cost. */
  async preview(ctx: HttpContext) {
    const access = await loadThreadAccess(ctx, ctx.params.id)
    await ctx.bouncer.authorize('editProject', access)
    const input = await ctx.request.validateUsing(previewValidator)
    const { model, assembled } = await previewContext(
      ctx,
      access,
      { ...input, content: input.content ?? '' },
      await pluginSettings(ctx)
    )
    const inputCost = costOf(model, {
      inputTokens: assembled.used,
      outputTokens: 0,
      cachedInputTokens: 0,
    })
    const maxCost = costOf(model, {
      inputTokens: assembled.used,
      outputTokens: assembled.reservedOutput,
      cachedInputTokens: 0,
    })
    const { parts, ...meter } = serializeAssembly(assembled)
    return {
      data: {
        ...meter,
        model: { id: model.id, name: model.displayName },
        parts: parts.map(({ text, ...part }: any) => ({ ...part, preview: text.slice(0, 160) })),
        cost: { input: inputCost, max: maxCost },
      },
    }
  }

  /** POST /messages/:messageId/regenerate — 202: a new answer beside this one. */
  async regenerate(ctx: HttpContext) {
    const { message, ...access } = await loadMessageAccess(ctx, ctx.params.messageId)
    await ctx.bouncer.authorize('editProject', access)
    const input = await ctx.request.validateUsing(regenerateValidator)
    const reply = await regenerate(ctx, access, message, input.modelId, await pluginSettings(ctx))
    return started(ctx, reply)
  }

  /** POST /messages/:messageId/edit — 202: the edited question beside this one, and its answer. */
  async edit(ctx: HttpContext) {
    const { message, ...access } = await loadMessageAccess(ctx, ctx.params.messageId)
    await ctx.bouncer.authorize('editProject', access)
    const input = await ctx.request.validateUsing(editValidator)
    const { question, reply } = await editAndResend(
      ctx,
      access,
      message,
      input,
      await pluginSettings(ctx)
    )
    return started(ctx, reply, question)
  }

  /** POST /messages/:messageId/fork — 201: a new thread branching from this one, up to here. */
  async fork(ctx: HttpContext) {
    const { message, ...access } = await loadMessageAccess(ctx, ctx.params.messageId)
    await ctx.bouncer.authorize('editProject', access)
    const { thread, copied } = await forkFrom(ctx, access, message)
    return ctx.response.created({
      data: { id: thread.id, name: thread.name, projectId: thread.project_id, messages: copied },
    })
  }

  /** GET /messages/:messageId/context — what the model saw, part by part. */
  async context(ctx: HttpContext) {
    const { message } = await loadMessageAccess(ctx, ctx.params.messageId)
    const { snapshot, items } = await readContext(ctx.tenant.trx, message.id)
    return {
      data: {
        messageId: message.id,
        role: message.role,
        snapshot,
        items: items.map((item: any) => ({
          position: item.context_position,
          contentItemId: item.content_item_id,
          chunkIds: item.chunk_ids,
          relevance: item.relevance_score,
          tokens: item.tokens_used,
          inclusionMethod: item.inclusion_method,
        })),
      },
    }
  }
}
