/*
| "Fork from here": a new thread that `branches_from` this one, holding the
| branch up to the chosen message (copies, each remembering its original) and
| the same chosen context, so the member can go another way without touching
| the original conversation.
*/
import type { ActionContext } from '#tenancy/action_context'
import type { ThreadAccess } from './thread_access.js'
import { addMessage, loadTree, type MessageRow } from './message_tree.js'
import { addRelationship, createThread } from './threads.js'

export async function forkFrom(ctx: ActionContext, access: ThreadAccess, message: MessageRow) {
  const { trx } = ctx.tenant
  const source = access.thread
  const thread = await createThread(ctx, source.project_id, {
    name: `${source.name} (fork)`.slice(0, 255),
    description: source.description,
    type: source.thread_type,
    modelId: source.model_id,
    settings: source.settings as Record<string, any>,
  })
  await addRelationship(trx, ctx.tenant.id, source.id, thread.id, 'branches_from')

  const tree = await loadTree(trx, source.id)
  const path = tree.pathTo(message.id).filter((step) => step.status !== 'streaming')
  const snapshots = new Map<string, unknown>(
    (
      await trx
        .from('messages')
        .whereIn(
          'id',
          path.map((step) => step.id)
        )
        .select('id', 'context_snapshot')
    ).map((row: any) => [row.id, row.context_snapshot])
  )
  let parentId: string | null = null
  for (const step of path) {
    const copy: MessageRow = await addMessage(
      trx,
      {
        tenantId: ctx.tenant.id,
        threadId: thread.id,
        role: step.role as 'user' | 'assistant',
        content: step.content,
        userId: step.user_id,
        status: step.status,
        modelId: step.model_id,
        modelName: step.model_name,
        requestedBy: step.requested_by,
        metadata: { ...step.metadata, forkedFrom: step.id },
      },
      parentId
    )
    await trx
      .from('messages')
      .where('id', copy.id)
      .update({
        error: step.error ? JSON.stringify(step.error) : null,
        tokens_input: step.tokens_input,
        tokens_output: step.tokens_output,
        tokens_cached: step.tokens_cached,
        tokens_total: step.tokens_total,
        cost: step.cost,
        finished_at: step.finished_at,
        context_snapshot: snapshots.get(step.id) ? JSON.stringify(snapshots.get(step.id)) : null,
      })
    parentId = copy.id
  }

  await trx.rawQuery(
    `insert into thread_content (tenant_id, thread_id, content_item_id, chunk_ids, relevance_score,
       position, is_pinned, inclusion_method, inclusion_rule, token_budget, created_by)
     select tenant_id, ?, content_item_id, chunk_ids, relevance_score, position, is_pinned,
       inclusion_method, inclusion_rule, token_budget, ?
     from thread_content where thread_id = ?`,
    [thread.id, ctx.tenant.user.id, source.id]
  )
  return { thread, copied: path.length }
}
