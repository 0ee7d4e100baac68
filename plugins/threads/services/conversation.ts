/*
| What a member does in a conversation: ask, regenerate an answer, edit a
| question and resend, fork from a message. Each writes its messages, the
| assembled context and its exact record in the request's transaction, and
| starts the generation once that has committed.
*/
import { Exception } from '@adonisjs/core/exceptions'
import type { ActionContext } from '#tenancy/action_context'
import { afterCommit } from '#tenancy/with_tenant'
import { appendEvent } from '#events/outbox'
import { UnprocessableError } from '#exceptions/domain_errors'
import type { ThreadAccess } from './thread_access.js'
import { addMessage, loadTree, type MessageRow, type MessageTree } from './message_tree.js'
import { defaultModelId, resolveModel, type ResolvedModel } from './model_catalog.js'
import { gatherContext } from './context_sources.js'
import { assembleContext, ContextTooLargeError, type HistoryMessage } from './context_builder.js'
import { recordContext } from './context_record.js'
import { startGeneration } from './generation_runner.js'
import { rememberedLeaf } from './thread_views.js'

/** 429: the member already has as many answers being written as the workspace allows. */
export class TooManyGenerationsError extends Exception {
  static status = 429
  static code = 'E_TOO_MANY_GENERATIONS'

  async handle(error: this, ctx: { response: { status: (n: number) => any } }) {
    ctx.response.status(429).send({ errors: [{ message: error.message }] })
  }
}

export interface ThreadsPluginSettings {
  retrievedChunks: number
  maxConcurrentGenerations: number
}

const fieldError = (field: string, message: string) => new UnprocessableError([{ field, message }])

/** The model for an answer: the one asked for, the thread's, or the workspace's first. */
async function modelFor(ctx: ActionContext, access: ThreadAccess, modelId?: string | null) {
  const id = modelId ?? access.thread.model_id ?? (await defaultModelId(ctx.tenant.trx))
  if (!id) {
    throw fieldError(
      'modelId',
      'No AI model is enabled in this workspace: an admin can connect one under AI models in the console'
    )
  }
  return resolveModel(ctx.tenant.trx, id)
}

/** The messages a model is shown as the conversation: what was said, never failed attempts. */
function historyBefore(tree: MessageTree, messageId: string): HistoryMessage[] {
  return tree
    .pathTo(messageId)
    .slice(0, -1)
    .filter(
      (message) =>
        (message.role === 'user' || message.role === 'assistant') &&
        message.status !== 'failed' &&
        message.status !== 'streaming' &&
        message.content.trim() !== ''
    )
    .map((message) => ({
      id: message.id,
      role: message.role as 'user' | 'assistant',
      content: message.content,
    }))
}

async function assertCanStart(ctx: ActionContext, settings: ThreadsPluginSettings) {
  const { trx, user } = ctx.tenant
  // One member's concurrent requests count one after another.
  await trx.rawQuery('select pg_advisory_xact_lock(hashtext(?))', [`generations:${user.id}`])
  const [{ count }] = await trx
    .from('messages')
    .where('requested_by', user.id)
    .where('status', 'streaming')
    .count('* as count')
  if (Number(count) >= settings.maxConcurrentGenerations) {
    throw new TooManyGenerationsError(
      `You already have ${count} answers being written (the limit is ${settings.maxConcurrentGenerations}): wait for one to finish or stop one.`
    )
  }
}

/**
 * Writes an answer to `question` (a user message already in the tree) and
 * starts generating it: the context is assembled and recorded now, in this
 * transaction, so what the model is sent is on record even if the call fails.
 */
async function answer(
  ctx: ActionContext,
  access: ThreadAccess,
  tree: MessageTree,
  question: MessageRow,
  options: {
    modelId?: string | null
    relationship: 'response' | 'alternative'
    settings: ThreadsPluginSettings
  }
) {
  await assertCanStart(ctx, options.settings)
  const model = await modelFor(ctx, access, options.modelId)
  const gathered = await gatherContext(ctx.tenant.trx, {
    thread: access.thread,
    model,
    history: historyBefore(tree, question.id),
    userMessage: question.content,
    retrievedChunks: options.settings.retrievedChunks,
  })
  let assembled
  try {
    assembled = assembleContext(gathered.input)
  } catch (error) {
    if (error instanceof ContextTooLargeError) throw fieldError('content', error.message)
    throw error
  }
  const reply = await addMessage(
    ctx.tenant.trx,
    {
      tenantId: ctx.tenant.id,
      threadId: access.thread.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      modelId: model.id,
      modelName: model.model,
      requestedBy: ctx.tenant.user.id,
      metadata: assembled.warnings.length ? { warnings: assembled.warnings } : {},
    },
    question.id,
    options.relationship
  )
  await recordContext(ctx.tenant.trx, ctx.tenant.id, reply.id, model, assembled, gathered.methods)
  await touchThread(ctx, access, reply)
  const job = {
    tenantId: ctx.tenant.id,
    messageId: reply.id,
    model,
    request: assembled.request,
    estimatedInput: assembled.used,
  }
  afterCommit(ctx.tenant.trx, () => void startGeneration(job))
  return { reply, assembled }
}

async function touchThread(ctx: ActionContext, access: ThreadAccess, message: MessageRow) {
  await ctx.tenant.trx
    .from('threads')
    .where('id', access.thread.id)
    .update({ updated_at: ctx.tenant.trx.raw('now()') })
  await appendEvent(ctx.tenant.trx, {
    tenantId: ctx.tenant.id,
    type: 'message.created',
    aggregateType: 'thread',
    aggregateId: access.thread.id,
    payload: { messageId: message.id, role: message.role },
    actorId: ctx.tenant.user.id,
  })
}

async function writeQuestion(
  ctx: ActionContext,
  access: ThreadAccess,
  content: string,
  parentId: string | null,
  relationship: 'response' | 'edit'
) {
  const question = await addMessage(
    ctx.tenant.trx,
    {
      tenantId: ctx.tenant.id,
      threadId: access.thread.id,
      role: 'user',
      content,
      userId: ctx.tenant.user.id,
    },
    parentId,
    relationship
  )
  await touchThread(ctx, access, question)
  return question
}

/** Where a new question goes when the client names no parent: after the member's branch. */
async function defaultParent(ctx: ActionContext, access: ThreadAccess, tree: MessageTree) {
  const leafId = await rememberedLeaf(ctx.tenant.trx, access.thread.id, ctx.tenant.user.id)
  const branch = tree.shownBranch(leafId)
  return branch.length ? branch[branch.length - 1].id : null
}

export interface AskInput {
  content: string
  /** The message this one follows (the end of the branch shown); null starts a new root. */
  parentId?: string | null
  modelId?: string | null
}

export async function ask(
  ctx: ActionContext,
  access: ThreadAccess,
  input: AskInput,
  settings: ThreadsPluginSettings
) {
  const tree = await loadTree(ctx.tenant.trx, access.thread.id)
  const parentId =
    input.parentId === undefined ? await defaultParent(ctx, access, tree) : input.parentId
  if (parentId && !tree.get(parentId)) {
    throw fieldError('parentId', 'That message is not in this thread')
  }
  if (parentId && tree.get(parentId)!.status === 'streaming') {
    throw fieldError('parentId', 'Wait for the answer to finish (or stop it) before replying to it')
  }
  const question = await writeQuestion(ctx, access, input.content, parentId, 'response')
  const { reply } = await answer(ctx, access, tree.with(question, parentId), question, {
    modelId: input.modelId,
    relationship: 'response',
    settings,
  })
  return { question, reply }
}

/** A new answer beside `previous` (an assistant message), to the same question. */
export async function regenerate(
  ctx: ActionContext,
  access: ThreadAccess,
  previous: MessageRow,
  modelId: string | null | undefined,
  settings: ThreadsPluginSettings
) {
  if (previous.role !== 'assistant')
    throw fieldError('messageId', 'Only an answer can be regenerated')
  const tree = await loadTree(ctx.tenant.trx, access.thread.id)
  const questionId = tree.parentOf(previous.id)
  const question = questionId ? tree.get(questionId) : undefined
  if (!question || question.role !== 'user') {
    throw fieldError('messageId', 'This answer has no question to answer again')
  }
  const { reply } = await answer(ctx, access, tree, question, {
    modelId: modelId ?? previous.model_id,
    relationship: 'alternative',
    settings,
  })
  return reply
}

/** An edited question beside `original`, answered; the old branch stays. */
export async function editAndResend(
  ctx: ActionContext,
  access: ThreadAccess,
  original: MessageRow,
  input: { content: string; modelId?: string | null },
  settings: ThreadsPluginSettings
) {
  if (original.role !== 'user')
    throw fieldError('messageId', 'Only a question can be edited and resent')
  const tree = await loadTree(ctx.tenant.trx, access.thread.id)
  const parentId = tree.parentOf(original.id)
  const question = await writeQuestion(ctx, access, input.content, parentId, 'edit')
  const { reply } = await answer(ctx, access, tree.with(question, parentId), question, {
    modelId: input.modelId,
    relationship: 'response',
    settings,
  })
  return { question, reply }
}

/** The context meter: what a message would send now, without sending it. */
export async function previewContext(
  ctx: ActionContext,
  access: ThreadAccess,
  input: { content: string; parentId?: string | null; modelId?: string | null },
  settings: ThreadsPluginSettings
): Promise<{ model: ResolvedModel; assembled: ReturnType<typeof assembleContext> }> {
  const model = await modelFor(ctx, access, input.modelId)
  const tree = await loadTree(ctx.tenant.trx, access.thread.id)
  const parentId =
    input.parentId === undefined ? await defaultParent(ctx, access, tree) : input.parentId
  const history: HistoryMessage[] =
    parentId && tree.get(parentId)
      ? historyBefore(tree, parentId).concat(
          [tree.get(parentId)!]
            .filter((message) => message.status !== 'failed' && message.content.trim() !== '')
            .map((message) => ({
              id: message.id,
              role: message.role as 'user' | 'assistant',
              content: message.content,
            }))
        )
      : []
  const gathered = await gatherContext(ctx.tenant.trx, {
    thread: access.thread,
    model,
    history,
    userMessage: input.content,
    retrievedChunks: settings.retrievedChunks,
  })
  try {
    return { model, assembled: assembleContext(gathered.input) }
  } catch (error) {
    if (error instanceof ContextTooLargeError) throw fieldError('content', error.message)
    throw error
  }
}
