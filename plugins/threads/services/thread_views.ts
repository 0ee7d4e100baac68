import type { TenantTransaction } from '#tenancy/with_tenant'

/** The last message of the branch a member last looked at in a thread, if any. */
export async function rememberedLeaf(trx: TenantTransaction, threadId: string, userId: string) {
  const view = await trx
    .from('thread_views')
    .where({ thread_id: threadId, user_id: userId })
    .select('leaf_message_id')
    .first()
  return (view?.leaf_message_id as string | null) ?? null
}

export async function rememberBranch(
  trx: TenantTransaction,
  tenantId: string,
  threadId: string,
  userId: string,
  leafId: string
) {
  await trx.rawQuery(
    `insert into thread_views (tenant_id, thread_id, user_id, leaf_message_id) values (?, ?, ?, ?)
     on conflict (thread_id, user_id) do update set leaf_message_id = excluded.leaf_message_id, updated_at = now()`,
    [tenantId, threadId, userId, leafId]
  )
}
