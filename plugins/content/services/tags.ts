/*
| Tags of a project's content. Every function runs in the caller's tenant
| transaction: row-level security keeps them inside the workspace.
*/
import type { TenantTransaction } from '#tenancy/with_tenant'

/** The project's tags by name, each with how many live (not deleted) items carry it. */
export function projectTagsWithCounts(trx: TenantTransaction, projectId: string) {
  return trx
    .from('tags')
    .leftJoin('content_tags as ct', 'ct.tag_id', 'tags.id')
    .leftJoin('content_items as i', (join) =>
      join.on('i.id', 'ct.content_item_id').onNull('i.deleted_at')
    )
    .where('tags.project_id', projectId)
    .groupBy('tags.id')
    .select('tags.*', trx.raw('count(i.id) as count'))
    .orderBy('tags.name')
}

/** A tag of the workspace by id; narrowed to a project when `projectId` is given. */
export function findTag(trx: TenantTransaction, id: string, projectId?: string) {
  const query = trx.from('tags').where('id', id)
  if (projectId) query.where('project_id', projectId)
  return query.first()
}

/** Whether the project has a tag of this name, whatever its case. */
export async function tagNameTaken(trx: TenantTransaction, projectId: string, name: string) {
  const taken = await trx
    .from('tags')
    .where('project_id', projectId)
    .whereRaw('lower(name) = lower(?)', [name])
    .first()
  return Boolean(taken)
}

export async function insertTag(
  trx: TenantTransaction,
  tag: { tenantId: string; projectId: string; name: string; color?: string | null }
) {
  const [row] = await trx
    .table('tags')
    .insert({
      tenant_id: tag.tenantId,
      project_id: tag.projectId,
      name: tag.name,
      color: tag.color,
    })
    .returning('*')
  return row
}

export async function updateTag(
  trx: TenantTransaction,
  id: string,
  change: { name?: string; color?: string | null }
) {
  const [row] = await trx.from('tags').where('id', id).update(change).returning('*')
  return row
}

export async function deleteTag(trx: TenantTransaction, id: string) {
  await trx.from('tags').where('id', id).delete()
}

/** Puts the tag on the item; a tag already there stays, once. */
export async function attachTag(
  trx: TenantTransaction,
  tenantId: string,
  itemId: string,
  tagId: string
) {
  await trx.rawQuery(
    'insert into content_tags (tenant_id, content_item_id, tag_id) values (?, ?, ?) on conflict do nothing',
    [tenantId, itemId, tagId]
  )
}

/** Takes the tag off the item; false when it was not on it. */
export async function detachTag(trx: TenantTransaction, itemId: string, tagId: string) {
  const removed = await trx
    .from('content_tags')
    .where({ content_item_id: itemId, tag_id: tagId })
    .delete()
  return Number(removed) > 0
}

/** The tags on one item (id, name, colour). */
export function tagsOfItem(trx: TenantTransaction, itemId: string) {
  return trx
    .from('content_tags as ct')
    .join('tags', 'tags.id', 'ct.tag_id')
    .where('ct.content_item_id', itemId)
    .select('tags.id', 'tags.name', 'tags.color')
}
